import datetime as dt
from types import SimpleNamespace

import pytest

from gits.portfolio.agreements import add_months, add_years, notice_deadline, period_on, status

d = dt.date


def terms(start, end, renew, notice, terminated=None):
    return SimpleNamespace(
        start_date=start,
        first_end=end,
        renewal_years=renew,
        notice_months=notice,
        terminated_on=terminated,
    )


AGREEMENT_2011 = terms(d(2011, 1, 1), d(2014, 12, 31), 3, 6)
AGREEMENT_2010 = terms(d(2010, 1, 1), d(2010, 12, 31), 1, 0)


def test_last_day_of_notice_is_six_months_before_expiry_r27():
    assert notice_deadline(d(2014, 12, 31), 6) == d(2014, 6, 30)
    s = status(AGREEMENT_2011, d(2014, 6, 30))
    assert (s.period.start, s.period.end, s.notice_deadline, s.earliest_end) == (
        d(2011, 1, 1),
        d(2014, 12, 31),
        d(2014, 6, 30),
        d(2014, 12, 31),
    )


def test_one_day_late_means_the_next_period_r27():
    s = status(AGREEMENT_2011, d(2014, 7, 1))
    assert s.notice_passed
    assert (s.earliest_end, s.earliest_end_notice) == (d(2017, 12, 31), d(2017, 6, 30))


def test_renewal_of_three_years_then_periods_follow():
    assert period_on(AGREEMENT_2011, d(2015, 1, 1)).end == d(2017, 12, 31)
    p = period_on(AGREEMENT_2011, d(2026, 11, 22))  # 2011-14, 2015-17, 2018-20, 2021-23, 2024-26
    assert (p.start, p.end, p.number) == (d(2024, 1, 1), d(2026, 12, 31), 5)
    s = status(AGREEMENT_2011, d(2026, 11, 22))
    assert (s.notice_deadline, s.earliest_end, s.earliest_end_notice) == (
        d(2026, 6, 30),
        d(2029, 12, 31),
        d(2029, 6, 30),
    )


def test_renewal_of_one_year_and_no_notice_period():
    s = status(AGREEMENT_2010, d(2013, 5, 5))
    assert (s.period.start, s.period.end) == (d(2013, 1, 1), d(2013, 12, 31))
    assert s.notice_deadline == d(2013, 12, 31)


def test_same_agreement_read_as_one_year_renewals():
    one_year = terms(d(2011, 1, 1), d(2014, 12, 31), 1, 6)
    assert period_on(one_year, d(2016, 3, 1)).end == d(2016, 12, 31)
    assert status(one_year, d(2016, 3, 1)).notice_deadline == d(2016, 6, 30)


@pytest.mark.parametrize(
    ("end", "months", "deadline"),
    [
        (
            d(2024, 8, 30),
            6,
            d(2024, 2, 28),
        ),  # leap year: the day after is 31 Aug, six months back 29 Feb (clamped), minus a day
        (d(2025, 8, 30), 6, d(2025, 2, 27)),
        (d(2028, 2, 29), 6, d(2027, 8, 31)),  # ends on a leap day
        (d(2027, 2, 28), 12, d(2026, 2, 28)),
        (d(2024, 3, 31), 1, d(2024, 2, 29)),
    ],
)
def test_notice_deadline_edges(end, months, deadline):
    assert notice_deadline(end, months) == deadline


def test_leap_day_agreements_renew_to_the_end_of_february():
    leap = terms(d(2024, 3, 1), d(2028, 2, 29), 1, 6)
    assert period_on(leap, d(2028, 3, 1)).end == d(2029, 2, 28)
    assert period_on(leap, d(2029, 3, 1)).end == d(2030, 2, 28)


def test_not_started_ended_and_terminated():
    assert (
        status(AGREEMENT_2011, d(2010, 6, 1)).period is None
        and not status(AGREEMENT_2011, d(2010, 6, 1)).ended
    )
    no_renewal = terms(d(2020, 1, 1), d(2021, 12, 31), 0, 3)
    s = status(no_renewal, d(2022, 1, 1))
    assert s.period is None and s.ended
    terminated = terms(d(2011, 1, 1), d(2014, 12, 31), 3, 6, terminated=d(2017, 12, 31))
    assert status(terminated, d(2018, 1, 1)).ended
    assert status(terminated, d(2016, 1, 1)).earliest_end_notice is None


def test_add_months_clamps():
    assert add_months(d(2024, 1, 31), 1) == d(2024, 2, 29)
    assert add_months(d(2023, 1, 31), 1) == d(2023, 2, 28)
    assert add_months(d(2024, 1, 15), -13) == d(2022, 12, 15)


def test_a_replaced_agreement_ends_the_day_before_its_replacement_starts_r27():
    replaced = SimpleNamespace(**vars(AGREEMENT_2011), replaced_on=d(2016, 7, 1))
    s = status(replaced, d(2016, 6, 30))
    assert (s.period.start, s.period.end) == (d(2015, 1, 1), d(2016, 6, 30))
    assert (s.notice_deadline, s.earliest_end, s.earliest_end_notice) == (
        None,
        d(2016, 6, 30),
        None,
    )
    assert period_on(replaced, d(2016, 7, 1)) is None and status(replaced, d(2016, 7, 1)).ended
    # Before the replacement counts, the same terms run on with their renewals and notice.
    assert status(AGREEMENT_2011, d(2016, 6, 30)).earliest_end_notice == d(2017, 6, 30)


def test_replaced_and_terminated_the_earlier_end_counts():
    both = SimpleNamespace(**vars(AGREEMENT_2010), replaced_on=d(2011, 1, 1))
    both.terminated_on = d(2010, 12, 31)
    assert status(both, d(2010, 12, 31)).earliest_end == d(2010, 12, 31)
    assert status(both, d(2011, 1, 1)).ended


def _stepped(t, on):
    """The period in force found by stepping through every renewal: what period_on's jump
    must agree with."""
    period = period_on(terms(t.start_date, t.first_end, 0, t.notice_months), t.first_end)
    while on > period.end:
        start = period.end + dt.timedelta(days=1)
        period = type(period)(start, add_years(start, t.renewal_years) - D1, period.number + 1)
    return period


D1 = dt.timedelta(days=1)


@pytest.mark.parametrize(
    "start,end,renew",
    [
        (dt.date(2001, 1, 1), dt.date(2002, 12, 31), 1),  # yearly after two years
        (dt.date(2000, 3, 1), dt.date(2004, 2, 28), 3),  # the second starts on 29 February
        (dt.date(2003, 7, 15), dt.date(2005, 7, 14), 2),
    ],
)
def test_a_long_running_agreement_finds_its_period_without_stepping_wrong(start, end, renew):
    """Twenty-five years of renewals (issue 15: found in one jump, not year by year): the
    period, its number and its notice day are the same as stepping through every renewal."""
    t = terms(start, end, renew, 6)
    for on in [end + dt.timedelta(days=d) for d in range(0, 25 * 366, 97)]:
        assert period_on(t, on) == _stepped(t, on), on
