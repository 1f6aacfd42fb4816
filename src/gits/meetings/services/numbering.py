"""Numbers that run per body and year without gaps: the diary numbers of cases (R-10) and
the paragraphs of agendas (R-12)."""

from __future__ import annotations

from django.db.models import Max

from gits.bodies.models import Body
from gits.meetings.models import AgendaItem, Case


def lock_series(body_id: int) -> None:
    """Lock the body's row until the transaction ends: its numbers are handed out one at a
    time."""
    Body.objects.select_for_update().get(pk=body_id)


def last_number(model: type[Case] | type[AgendaItem], *, body_id: int, year: int) -> int:
    """The last number of the body's series for the year, 0 before the first."""
    found = model.objects.filter(body_id=body_id, year=year).aggregate(n=Max("number"))["n"]
    return found or 0
