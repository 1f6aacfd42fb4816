"""The case lifecycle as an explicit table (R-10), and quorum (R-13)."""

from __future__ import annotations

from collections.abc import Iterable

from gits.meetings.models import Case, Decision
from gits.organisations.models import Side

S = Case.State

# state -> states a user may move a case to directly. Moves onto and off an agenda, and the
# outcome of a meeting, are made by the agenda and decision services, not by hand.
MANUAL_MOVES: dict[str, set[str]] = {
    S.REPORTED: {S.IN_PREPARATION, S.STRUCK_OFF},
    S.IN_PREPARATION: {S.PREPARED},
    S.PREPARED: {S.IN_PREPARATION},
    S.REFERRED_BACK: {S.IN_PREPARATION},
    S.ON_AGENDA: set(),
    S.DECIDED: set(),
    S.STRUCK_OFF: set(),
}

# Cases whose text may still be edited.
EDITABLE = {S.REPORTED, S.IN_PREPARATION, S.PREPARED, S.REFERRED_BACK}

# The state a case takes from what the body did with its paragraph.
AFTER_DECISION: dict[str, str] = {
    Decision.Outcome.DECIDED: S.DECIDED,
    Decision.Outcome.REFERRED_BACK: S.REFERRED_BACK,
    Decision.Outcome.STRUCK_OFF: S.STRUCK_OFF,
}


def state_label(state: str) -> str:
    """A state as it reads in a sentence ("berett")."""
    return str(Case.State(state).label).lower()


def quorum_sides(present_sides: Iterable[str]) -> set[str]:
    """The sides missing for a quorum: a parity body decides only with both sides present."""
    return set(Side.values) - set(present_sides)


# The standard agenda of a body that has none of its own: the standing items of a Swedish
# meeting, with the cases of the day between the opening and the closing items.
DEFAULT_AGENDA_OPENING = [
    "Mötets öppnande",
    "Val av justerare",
    "Godkännande av dagordningen",
    "Föregående mötesanteckningar",
    "Rapporter",
]
DEFAULT_AGENDA_CLOSING = [
    "Övriga frågor",
    "Nästa sammanträde",
    "Mötets avslutande",
]


def clean_agenda_lines(lines: Iterable[str]) -> list[str]:
    """The titles of a standard agenda as typed: trimmed, empty lines left out."""
    return [line.strip() for line in lines if line and line.strip()]
