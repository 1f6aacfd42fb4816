"""The lifecycles of the portfolio's records: which state may follow which. The services
enforce them; the pages offer only these moves."""

from django.db import models

from gits.portfolio.models import ManagedObject, SupportRequest

S = ManagedObject.State
R = SupportRequest.State

# An object's lifecycle: state -> states it may move to.
MOVES: dict[str, set[str]] = {
    S.PROPOSED: {S.EVALUATED},
    S.EVALUATED: {S.CO_MANAGEMENT_DECIDED, S.PROPOSED},
    S.CO_MANAGEMENT_DECIDED: {S.IN_MANAGEMENT},
    S.IN_MANAGEMENT: {S.DECOMMISSIONING_DECIDED},
    S.DECOMMISSIONING_DECIDED: {S.DECOMMISSIONED, S.IN_MANAGEMENT},
    S.DECOMMISSIONED: set(),
}
# Moves that SITIV decides: they must name the decision behind them.
NEEDS_DECISION = {S.CO_MANAGEMENT_DECIDED, S.DECOMMISSIONING_DECIDED}

# A support request's lifecycle.
SUPPORT_MOVES: dict[str, set[str]] = {
    R.NEW: {R.IN_PROGRESS, R.CLOSED},
    R.IN_PROGRESS: {R.RESOLVED, R.CLOSED},
    R.RESOLVED: {R.CLOSED, R.IN_PROGRESS},
    R.CLOSED: set(),
}


def choices_after(
    choices: list[tuple[str, str]], state: str, moves: dict[str, set[str]]
) -> list[tuple[str, str]]:
    """The states that may follow `state`, in the order of their choices, with their labels."""
    allowed = moves.get(state, set())
    return [(value, label) for value, label in choices if value in allowed]


def state_label(states: type[models.TextChoices], state: str) -> str:
    """A state as it reads in a sentence ("i förvaltning"); a value that is no state (a
    refused move's target), as it was given."""
    return str(states(state).label).lower() if state in states.values else str(state)[:30]
