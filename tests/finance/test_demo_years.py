"""The demo's money follows the current year (issue 13): its budgets are last year's and this
year's, so the pages and the role-day walk that invoice "the last ended quarter" work in any
year, not only the year the demo was written in."""

import datetime as dt

import pytest

from gits.finance import demo
from gits.finance.models import Budget, Invoice, PartyRun
from gits.finance.views.invoices import quarter_to_invoice

pytestmark = pytest.mark.django_db


def test_the_demo_budgets_are_for_this_year_and_last(demo):
    today = dt.date.today()
    years = set(Budget.objects.values_list("year", flat=True))
    assert {today.year - 1, today.year} <= years
    assert Budget.objects.get(year=today.year).title == f"Budget {today.year} GITS"
    year, _quarter = quarter_to_invoice(today, years)
    assert year in (today.year, today.year - 1)


def test_loaded_in_another_year_everything_moves_with_it(people):
    today = dt.date(2029, 6, 1)
    demo.load(today=today)
    assert set(Budget.objects.values_list("year", flat=True)) == {2024, 2028, 2029}
    budget = Budget.objects.get(year=2029)
    assert budget.title == "Budget 2029 GITS"
    assert budget.decision_reference == "SITIV 2028-08-29 § 7 (demo)"
    assert budget.decided_on == dt.date(2028, 8, 29)
    quarterly = Invoice.objects.get(kind="quarterly")
    assert (quarterly.year, quarterly.quarter) == (2029, 1)
    assert quarterly.issue_date == dt.date(2029, 4, 10)
    run = PartyRun.objects.get()
    assert run.year == 2029 and run.reference == "SITIV 2028-12-05 § 4 (demo)"
    assert Budget.objects.get(year=2029).lines.filter(categories__isnull=False).exists()
    # the start page's proposal: a quarter of a demo budget that is not yet invoiced
    years = set(Budget.objects.values_list("year", flat=True))
    assert quarter_to_invoice(today, years) == (2028, 4)


def test_early_in_the_year_nothing_is_dated_after_today(people):
    today = dt.date(2028, 1, 5)
    demo.load(today=today)
    assert {2027, 2028} <= set(Budget.objects.values_list("year", flat=True))
    quarterly = Invoice.objects.get(kind="quarterly")
    assert (quarterly.year, quarterly.quarter) == (2027, 4)
    assert not Invoice.objects.filter(issue_date__gt=today).exists()
