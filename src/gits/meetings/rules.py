"""The case lifecycle as an explicit table (R-10), and quorum (R-13)."""

from __future__ import annotations

from collections.abc import Iterable

from gits.meetings.models import Case
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


def quorum_sides(present_sides: Iterable[str]) -> set[str]:
    """The sides missing for a quorum: a parity body decides only with both sides present."""
    return set(Side.values) - set(present_sides)
