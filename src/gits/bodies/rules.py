"""Pure rules of the bodies, kept apart so that they are easy to test and to read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from gits.organisations.models import Side


class RotatingBody(Protocol):
    chair_rotates: bool
    chair_base_year: int | None
    chair_base_side: str


class Term(Protocol):
    start_date: dt.date
    end_date: dt.date | None


def chair_side(body: RotatingBody, year: int) -> Side | None:
    """R-5: the chair alternates between the sides every year, from the side that held it in
    the base year. None for a body whose chair does not rotate."""
    if not body.chair_rotates or body.chair_base_year is None or not body.chair_base_side:
        return None
    base = Side(body.chair_base_side)
    return base if (year - body.chair_base_year) % 2 == 0 else Side.other(base)


def overlaps(
    a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None
) -> bool:
    """True when two terms (end None = open) share at least one day."""
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def peak_count(start: dt.date, end: dt.date | None, others: Iterable[Term]) -> tuple[int, dt.date]:
    """The largest number of `others` active on one day within [start, end], and the first
    such day. Counts only change where a term starts, so those days are enough to check."""
    terms = [t for t in others if overlaps(start, end, t.start_date, t.end_date)]
    days = sorted({start, *(t.start_date for t in terms if t.start_date > start)})
    best, best_day = 0, start
    for day in days:
        if end is not None and day > end:
            break
        count = sum(
            1 for t in terms if t.start_date <= day and (t.end_date is None or t.end_date >= day)
        )
        if count > best:
            best, best_day = count, day
    return best, best_day
