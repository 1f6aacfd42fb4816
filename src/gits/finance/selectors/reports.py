"""The budget calendar (R-24), the quarterly invoicing plan (R-25), scenario comparisons
(seed 004), the quarter summary and the financial statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from gits.finance.allocation import halves, quarters
from gits.finance.formatting import kr
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    Invoice,
    Scenario,
    default_deadline,
)
from gits.finance.selectors.overview import budget_lines, budget_overview
from gits.finance.selectors.splits import SplitResult, municipalities, spread_to_municipalities
from gits.organisations.models import Organisation
from gits.organisations.selectors import PopulationBasis

# --- budget calendar (R-24) -------------------------------------------------------------


@dataclass
class CalendarStatus:
    year: int
    deadline: dt.date
    warning_days: int
    budget: Budget | None
    status: str  # decided, overdue, soon, ok
    days_left: int

    @property
    def message(self) -> str:
        values = {"year": self.year, "date": self.deadline.isoformat(), "days": self.days_left}
        if self.status == "decided":
            return _("Budgeten för %(year)s är fastställd (%(ref)s).") % {
                **values,
                "ref": self.budget.decision_reference if self.budget else "",
            }
        if self.status == "overdue":
            return (
                _(
                    "Budgeten för %(year)s skulle ha fastställts senast %(date)s och är inte fastställd."
                )
                % values
            )
        if self.status == "soon":
            return (
                _("Budgeten för %(year)s ska fastställas senast %(date)s – om %(days)s dagar.")
                % values
            )
        return _("Budgeten för %(year)s ska fastställas senast %(date)s.") % values


def budget_calendar(today: dt.date | None = None) -> CalendarStatus:
    """Next year's budget is fixed no later than its deadline (1 September by default), with
    a warning the configured number of days ahead (R-24)."""
    today = today or dt.date.today()
    year = today.year + 1
    budget = Budget.objects.filter(year=year).first()
    deadline = budget.deadline if budget else default_deadline(year)
    warning_days = budget.warning_days if budget else 30
    days_left = (deadline - today).days
    if budget and budget.decision_reference:
        status = "decided"
    elif days_left < 0:
        status = "overdue"
    elif days_left <= warning_days:
        status = "soon"
    else:
        status = "ok"
    return CalendarStatus(year, deadline, warning_days, budget, status, days_left)


# --- invoicing plan (R-25) --------------------------------------------------------------


@dataclass
class PlanLine:
    line: BudgetLine
    annual: Decimal
    quarters: dict[int, Decimal]


def quarterly_plan(budget: Budget) -> list[PlanLine]:
    """What the invoicing party invoices the invoiced party each quarter: for every line
    marked for invoicing, the invoiced party's financing share in four exact parts."""
    if budget.buyer_id is None:
        return []
    plan = []
    for line in budget_lines(budget).filter(invoiced=True):
        annual = sum(
            (s.amount for s in line.shares.all() if s.financier.organisation_id == budget.buyer_id),
            ZERO,
        )
        if annual:
            plan.append(PlanLine(line=line, annual=annual, quarters=quarters(annual)))
    return plan


# --- scenarios (seed 004) ---------------------------------------------------------------


@dataclass
class ScenarioColumn:
    name: str
    total: Decimal
    region: Decimal
    municipalities: Decimal
    split: SplitResult


def scenario_comparison(scenario: Scenario) -> tuple[list[ScenarioColumn], list[Organisation]]:
    """Each alternative's cost split 50/50 between the region and the municipal collective,
    the municipal half spread across the municipalities (R-23, R-26), side by side."""
    towns = municipalities()
    bases: dict[Any, PopulationBasis] = {}
    columns = []
    for alternative in scenario.alternatives.all():
        parts = halves(alternative.total_cost)
        columns.append(
            ScenarioColumn(
                name=alternative.name,
                total=alternative.total_cost,
                region=parts["region"],
                municipalities=parts["municipalities"],
                split=spread_to_municipalities(
                    parts["municipalities"],
                    method=scenario.spread_method,
                    reference_date=scenario.reference_date,
                    accept_earlier=scenario.accept_earlier,
                    title=alternative.name,
                    bases=bases,
                    towns=towns,
                ),
            )
        )
    return columns, towns


def quarter_summary(year: int, quarter: int) -> str:
    """One paragraph on the economy of a quarter, for the quarterly report (R-20)."""
    from django.db.models import Sum

    budget = Budget.objects.filter(year=year).first()
    if budget is None:
        return f"Ingen budget registrerad för {year}."
    overview = budget_overview(budget, with_checks=False)
    invoiced = (
        Invoice.objects.filter(year=year, quarter=quarter).aggregate(s=Sum("total_amount"))["s"]
        or ZERO
    )
    text = f"Budget {year}: {kr(overview.amount_total)}, varav finansierat {kr(overview.financing_total)}. Fakturerat för kvartal {quarter}: {kr(invoiced)}."
    if overview.flagged:
        text += f" {len(overview.flagged)} budgetrader går inte ihop och är flaggade."
    return text


@dataclass
class StatementRow:
    """One line of the financial statement: the budget and the recorded actual cost (outcome
    or forecast after the third quarter, `BudgetLine.actual_amount`). None means not recorded:
    shown as "–", never as 0."""

    name: str
    budget: Decimal | None
    outcome: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """Budget minus outcome: positive under budget, negative over; None unless both exist."""
        if self.budget is None or self.outcome is None:
            return None
        return self.budget - self.outcome


@dataclass
class FinancialStatement:
    rows: list[StatementRow]
    invoiced: Decimal  # invoiced during the year, credit notes negative

    @property
    def budget_total(self) -> Decimal:
        return sum((r.budget for r in self.rows if r.budget is not None), ZERO)

    @property
    def outcome_total(self) -> Decimal | None:
        """The sum of the recorded outcomes; None when no line has one."""
        recorded = [r.outcome for r in self.rows if r.outcome is not None]
        return sum(recorded, ZERO) if recorded else None

    @property
    def difference_total(self) -> Decimal | None:
        """The sum of the differences of the lines that have both a budget and an outcome."""
        known = [r.difference for r in self.rows if r.difference is not None]
        return sum(known, ZERO) if known else None

    @property
    def missing_outcome(self) -> list[str]:
        return [r.name for r in self.rows if r.outcome is None]


def financial_statement(year: int) -> FinancialStatement | None:
    """The financial statement of the annual report (R-21): per budget line the budget, the
    recorded actual cost (outcome) and the difference, and the amount invoiced during the year
    (credit notes count negative). None when the year has no budget."""
    budget = Budget.objects.filter(year=year).first()
    if budget is None:
        return None
    rows = [
        StatementRow(name=line.name, budget=line.amount, outcome=line.actual_amount)
        for line in budget.lines.order_by("position", "pk")
    ]
    invoiced = Invoice.objects.filter(year=year).aggregate(s=Sum("total_amount"))["s"] or ZERO
    return FinancialStatement(rows=rows, invoiced=invoiced)
