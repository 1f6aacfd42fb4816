"""Agreement periods and notice days (R-27), as pure functions.

Convention: notice "at least N months before expiry" of a period ending on E means notice
must be given no later than the day before the same date N months before the day after E.
For E = 2014-12-31 and N = 6: the day after is 2015-01-01, six months earlier 2014-07-01, so
the last day is 2014-06-30. A day that does not exist in the earlier month falls back to that
month's last day (2024-08-31 minus 6 months is 2024-02-29). N = 0 means notice up to and
including the last day of the period.

An agreement ends early in two ways: notice given (`terminated_on`, its last day) or a new
agreement that replaces it (`replaced_on`, the new one's first day: the old one's last day is
the day before). Either way it is no longer renewed and no notice is due on it."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class AgreementTerms(Protocol):
    start_date: dt.date
    first_end: dt.date
    renewal_years: int
    notice_months: int
    terminated_on: dt.date | None


def last_day(terms: AgreementTerms) -> dt.date | None:
    """The agreement's last day when it ends early: after notice, or the day before the
    agreement that replaces it starts (R-27). None while it runs on with its renewals."""
    ends = []
    if terms.terminated_on is not None:
        ends.append(terms.terminated_on)
    replaced_on = getattr(terms, "replaced_on", None)
    if replaced_on is not None:
        ends.append(replaced_on - dt.timedelta(days=1))
    return min(ends) if ends else None


def add_months(date: dt.date, months: int) -> dt.date:
    """date moved by months (negative for earlier), clamped to the month's last day."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def add_years(date: dt.date, years: int) -> dt.date:
    return add_months(date, 12 * years)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    number: int  # 1 for the first period, 2 for the first renewal, ...


def notice_deadline(period_end: dt.date, notice_months: int) -> dt.date:
    """The last day to give notice so that the agreement ends with period_end."""
    return add_months(period_end + dt.timedelta(days=1), -notice_months) - dt.timedelta(days=1)


def period_on(terms: AgreementTerms, on: dt.date) -> Period | None:
    """The period in force on a date: the first period, or a renewal. None before the start,
    after termination or replacement, or after the end of an agreement that is not renewed."""
    if on < terms.start_date:
        return None
    end = last_day(terms)
    if end is not None and on > end:
        return None
    period = Period(terms.start_date, terms.first_end, 1)
    if on > period.end and terms.renewal_years > 0:
        period = _renewal_before(period, terms.renewal_years, on)
    while on > period.end:
        if terms.renewal_years <= 0:
            return None
        start = period.end + dt.timedelta(days=1)
        period = Period(
            start,
            add_years(period.end + dt.timedelta(days=1), terms.renewal_years)
            - dt.timedelta(days=1),
            period.number + 1,
        )
    if end is not None and period.end > end:
        # Ended early: the period runs to the agreement's last day.
        return Period(period.start, end, period.number)
    return period


def _renewal_before(first: Period, years: int, on: dt.date) -> Period:
    """A renewal period at most one step before the one in force on `on`, found in one jump
    rather than by stepping through every renewal (an agreement of twenty years). Each renewal
    starts `years` after the one before, so the n-th is the second's start plus n steps; only a
    second start on 29 February is stepped (a step clamps it to the 28th, and it stays there)."""
    second = first.end + dt.timedelta(days=1)
    steps = (on.year - second.year) // years - 1
    if steps <= 0 or (second.month, second.day) == (2, 29):
        return first
    start = add_years(second, steps * years)
    return Period(start, add_years(start, years) - dt.timedelta(days=1), steps + 2)


@dataclass(frozen=True)
class Status:
    on: dt.date
    period: Period | None
    notice_deadline: dt.date | None  # last day to give notice to end at the period's end
    earliest_end: dt.date | None  # the earliest end still possible when giving notice on `on`
    earliest_end_notice: dt.date | None
    ended: bool

    @property
    def notice_passed(self) -> bool:
        return self.notice_deadline is not None and self.on > self.notice_deadline


def status(terms: AgreementTerms, on: dt.date) -> Status:
    """For any date: the current period, the last day to give notice to end it, and, if that
    day has passed, the earliest end still possible and its notice day."""
    period = period_on(terms, on)
    if period is None:
        ended = on >= terms.start_date
        return Status(on, None, None, None, None, ended)
    end = last_day(terms)
    if end is not None:
        return Status(on, period, None, end, None, False)
    deadline = notice_deadline(period.end, terms.notice_months)
    if on <= deadline:
        return Status(on, period, deadline, period.end, deadline, False)
    if terms.renewal_years <= 0:
        return Status(on, period, deadline, period.end, None, False)
    nxt = period_on(terms, period.end + dt.timedelta(days=1))
    assert nxt is not None
    return Status(
        on, period, deadline, nxt.end, notice_deadline(nxt.end, terms.notice_months), False
    )


def next_notice_day(terms: AgreementTerms, on: dt.date) -> dt.date | None:
    """The next day (from `on`) by which notice must be given to end the agreement."""
    s = status(terms, on)
    return s.earliest_end_notice
