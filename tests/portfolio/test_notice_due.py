"""Issue 15: the agreements whose last day of notice falls within N months are found by their
dates in the query (`notice_candidates`), then computed exactly: the same answer as computing
every agreement's status (R-27), in one query however many agreements there are."""

import datetime as dt
import random

import pytest

from gits.portfolio import agreements
from gits.portfolio.models import Agreement
from gits.portfolio.selectors import (
    _months_touched,
    agreement_statuses,
    notice_candidates,
    notice_due,
)

pytestmark = pytest.mark.django_db
d = dt.date


def brute_force(months: int, on: dt.date) -> list[tuple[dt.date, int]]:
    """Every agreement's status computed, as the page did before (the reference answer)."""
    until = agreements.add_months(on, months)
    due = [
        s
        for s in agreement_statuses(on)
        if s.status and s.status.earliest_end_notice and on <= s.status.earliest_end_notice <= until
    ]
    return sorted((s.status.earliest_end_notice, s.agreement.pk) for s in due)


def random_agreements(n: int, seed: int = 15) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        start = d(2005, 1, 1) + dt.timedelta(days=rng.randrange(0, 20 * 365))
        # First ends on a month's last day, its 28th/29th (leap days) or any day.
        first_end = agreements.add_months(start, rng.randrange(1, 60)) - dt.timedelta(
            days=rng.choice([0, 1, rng.randrange(0, 28)])
        )
        state = rng.choice(["draft", "signed", "signed", "signed", "replaced"])
        rows.append(
            Agreement(
                kind=Agreement.Kind.SUPPLIER,
                title=f"Avtal {i:03}",
                start_date=start,
                first_end=first_end,
                renewal_years=rng.choice([0, 1, 1, 2, 3]),
                notice_months=rng.choice([0, 1, 3, 6, 6, 9, 11, 12, 13, 18, 24, 36]),
                state=state,
                terminated_on=start + dt.timedelta(days=rng.randrange(0, 4000))
                if rng.random() < 0.15
                else None,
                replaced_on=start + dt.timedelta(days=rng.randrange(0, 4000))
                if state == "replaced"
                else None,
            )
        )
    Agreement.objects.bulk_create(rows)


def test_due_by_the_query_is_the_same_as_every_status_computed():
    random_agreements(400)
    days = [d(2014, 3, 1), d(2016, 7, 1), d(2020, 2, 29), d(2024, 12, 31), d(2026, 11, 30)]
    found = 0
    for on in days:
        for months in (1, 3, 6, 11, 12, 13, 36):
            expected = brute_force(months, on)
            due = [(s.status.earliest_end_notice, s.agreement.pk) for s in notice_due(months, on)]
            assert [day for day, _pk in due] == sorted(day for day, _pk in due)  # soonest first
            assert sorted(due) == expected, (on, months)
            found += len(expected)
    assert found > 100  # the data has agreements due in most windows


def test_agreements_that_cannot_be_due_are_not_read():
    random_agreements(200, seed=3)
    on = d(2026, 11, 30)
    until = agreements.add_months(on, 3)
    candidates = list(notice_candidates(on, until))
    # A narrow window: far fewer than all agreements, and every one due among them.
    assert len(candidates) < Agreement.objects.count() / 2
    assert {s.agreement.pk for s in notice_due(3, on)} <= {a.pk for a in candidates}


def test_the_months_of_a_window():
    assert _months_touched(d(2026, 11, 30), d(2027, 5, 30)) == [1, 2, 3, 4, 5, 11, 12]
    assert _months_touched(d(2026, 1, 1), d(2026, 1, 31)) == [1]
    assert _months_touched(d(2026, 1, 15), d(2026, 12, 1)) is None
    assert _months_touched(d(2026, 1, 15), d(2027, 1, 1)) is None


def test_notice_due_is_one_query(django_assert_num_queries):
    random_agreements(120, seed=7)
    with django_assert_num_queries(1):
        notice_due(12, d(2020, 1, 1))
