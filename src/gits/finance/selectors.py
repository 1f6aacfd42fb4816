"""Reads across the finance models: budget overviews with flags, cost splits, the budget
calendar and scenario comparisons. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.finance.allocation import explain_difference, halves, quarters, spread
from gits.finance.formatting import kr
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    Financier,
    FinancierSide,
    FinancingShare,
    Invoice,
    Scenario,
    SpreadMethod,
    StatedTotal,
    UserCount,
    default_deadline,
)
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.selectors import PopulationBasis, population_basis

# --- budget overview (R-22) -------------------------------------------------------------


@dataclass
class LineRow:
    line: BudgetLine
    cells: list[Decimal | None]  # per financier column
    financing: Decimal
    municipal_side: Decimal
    difference: Decimal  # amount - financing
    problem: str  # "" when the line balances

    @property
    def flagged(self) -> bool:
        return bool(self.problem)


@dataclass
class StatedCheck:
    stated: StatedTotal
    computed: Decimal
    difference: Decimal  # stated - computed
    explanation: list[list[str]]

    @property
    def agrees(self) -> bool:
        return self.difference == 0


@dataclass
class BudgetOverview:
    budget: Budget
    financiers: list[Financier]
    rows: list[LineRow]
    financier_totals: list[Decimal]
    side_totals: dict[str, Decimal]
    amount_total: Decimal
    financing_total: Decimal
    checks: list[StatedCheck] = field(default_factory=list)

    @property
    def difference(self) -> Decimal:
        return self.amount_total - self.financing_total

    @property
    def flagged(self) -> list[LineRow]:
        return [r for r in self.rows if r.flagged]

    @property
    def municipal_total(self) -> Decimal:
        return self.side_totals.get(FinancierSide.MUNICIPALITIES, ZERO)

    def financier_pairs(self) -> list[tuple[Financier, Decimal]]:
        return list(zip(self.financiers, self.financier_totals, strict=True))


def line_problem(amount: Decimal | None, financing: Decimal, has_shares: bool) -> str:
    """The flag of a line (R-22): empty when its shares sum to its amount."""
    if amount is None:
        if financing:
            return _("Finansiering utan belopp: %(f)s är finansierat men raden saknar belopp.") % {
                "f": kr(financing)
            }
        return _("Raden saknar belopp och finansiering.")
    if not has_shares or financing == 0:
        if amount == 0:
            return ""
        return _("Saknar finansiering: %(a)s är inte finansierat.") % {"a": kr(amount)}
    difference = amount - financing
    if difference > 0:
        return _("Finansieringen är %(d)s lägre än beloppet.") % {"d": kr(difference)}
    if difference < 0:
        return _("Finansieringen är %(d)s högre än beloppet.") % {"d": kr(-difference)}
    return ""


def budget_lines(budget: Budget):
    return (
        budget.lines.select_related("managed_object")
        .prefetch_related(
            Prefetch("shares", queryset=FinancingShare.objects.select_related("financier"))
        )
        .order_by("position", "pk")
    )


def budget_overview(budget: Budget, *, with_checks: bool = True) -> BudgetOverview:
    """Every line with its shares, flag and difference, and the totals per financier, per
    side and in all, computed from the lines (R-22)."""
    financiers = list(Financier.objects.select_related("organisation"))
    index = {f.pk: i for i, f in enumerate(financiers)}
    rows: list[LineRow] = []
    totals = [ZERO for _ in financiers]
    side_totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    amount_total = ZERO
    for line in budget_lines(budget):
        cells: list[Decimal | None] = [None for _ in financiers]
        municipal = ZERO
        shares = list(line.shares.all())
        for share in shares:
            i = index[share.financier_id]
            cells[i] = share.amount
            totals[i] += share.amount
            side_totals[share.financier.side] += share.amount
            if share.financier.side == FinancierSide.MUNICIPALITIES:
                municipal += share.amount
        financing = sum((s.amount for s in shares), ZERO)
        amount_total += line.amount or ZERO
        rows.append(
            LineRow(
                line=line,
                cells=cells,
                financing=financing,
                municipal_side=municipal,
                difference=(line.amount or ZERO) - financing,
                problem=line_problem(line.amount, financing, bool(shares)),
            )
        )
    overview = BudgetOverview(
        budget=budget,
        financiers=financiers,
        rows=rows,
        financier_totals=totals,
        side_totals=dict(side_totals),
        amount_total=amount_total,
        financing_total=sum(totals, ZERO),
    )
    if with_checks:
        overview.checks = stated_checks(overview)
    return overview


def stated_checks(overview: BudgetOverview) -> list[StatedCheck]:
    """Each total the source document states, against the computed one, and which figures of
    the table the difference equals."""
    checks = []
    amounts = [(r.line.name, r.line.amount or ZERO) for r in overview.rows]
    by_financier: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for r in overview.rows:
        for f, cell in zip(overview.financiers, r.cells, strict=True):
            if cell:
                by_financier[f.pk].append((f"{r.line.name} ({f})", cell))
    all_shares = [item for items in by_financier.values() for item in items]
    totals = {f.pk: t for f, t in overview.financier_pairs()}
    for stated in overview.budget.stated_totals.all():
        if stated.financier_id:
            computed = totals.get(stated.financier_id, ZERO)
            preferred = by_financier.get(stated.financier_id, [])
            others = [*[x for x in all_shares if x not in preferred], *amounts]
        elif stated.side:
            computed = overview.side_totals.get(stated.side, ZERO)
            preferred = [
                x
                for f in overview.financiers
                if f.side == stated.side
                for x in by_financier.get(f.pk, [])
            ]
            others = [*[x for x in all_shares if x not in preferred], *amounts]
        else:
            computed = overview.amount_total
            preferred, others = amounts, all_shares
        difference = stated.amount - computed
        checks.append(
            StatedCheck(
                stated=stated,
                computed=computed,
                difference=difference,
                explanation=explain_difference(difference, preferred, others),
            )
        )
    return checks


# --- cost splits (R-23, R-2) ------------------------------------------------------------


@dataclass
class SplitRow:
    municipality: Organisation
    weight: Decimal | int
    amount: Decimal
    figure: PopulationFigure | None = None


@dataclass
class SplitResult:
    title: str
    method: str
    base: Decimal
    rows: list[SplitRow]
    reference_date: dt.date | None = None
    substitutes: list[PopulationFigure] = field(default_factory=list)
    region: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), ZERO)

    @property
    def weight_total(self) -> Decimal | int:
        return sum((r.weight for r in self.rows), 0)

    def method_label(self) -> str:
        return str(SpreadMethod(self.method).label)


def municipalities() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name"))


def spread_to_municipalities(
    total: Decimal,
    *,
    method: str,
    reference_date: dt.date | None = None,
    accept_earlier: bool = False,
    user_counts: dict[int, int] | None = None,
    title: str = "",
    bases: dict[Any, PopulationBasis] | None = None,
    towns: list[Organisation] | None = None,
) -> SplitResult:
    """The municipal collective's share spread across the municipalities per capita (the
    population of reference_date, R-2: refused naming the municipalities without a figure,
    unless earlier figures are accepted, which are then listed), by users, or equally (R-23).
    The parts add up to total exactly."""
    towns = towns if towns is not None else municipalities()
    if not towns:
        raise DomainError(_("Det finns inga kommuner att fördela på."), field="spread_method")
    figures: dict[int, PopulationFigure] = {}
    substitutes: list[PopulationFigure] = []
    if method == SpreadMethod.PER_CAPITA:
        if reference_date is None:
            raise DomainError(_("Ange vilket datum folkmängden ska avse."), field="population_date")
        key = (reference_date, accept_earlier)
        basis = bases.get(key) if bases is not None else None
        if basis is None:
            basis = population_basis(reference_date, accept_earlier=accept_earlier)
            if bases is not None:
                bases[key] = basis
        figures = basis.figures
        substitutes = basis.substitutes
        weights: dict[int, Decimal | int] = {m.pk: figures[m.pk].population for m in towns}
    elif method == SpreadMethod.USERS:
        counts = user_counts or {}
        missing = [m.name for m in towns if m.pk not in counts]
        if missing:
            raise DomainError(
                _("Antal användare saknas för %(n)s kommuner: %(names)s.")
                % {"n": len(missing), "names": ", ".join(missing)},
                field="spread_method",
            )
        weights = {m.pk: counts[m.pk] for m in towns}
    elif method == SpreadMethod.EQUAL:
        weights = {m.pk: 1 for m in towns}
    else:
        raise DomainError(_("Okänd fördelningsmetod."), field="spread_method")
    amounts = spread(total, weights, what=title) if total else {k: ZERO for k in weights}
    rows = [
        SplitRow(
            municipality=m, weight=weights[m.pk], amount=amounts[m.pk], figure=figures.get(m.pk)
        )
        for m in towns
    ]
    return SplitResult(
        title=title,
        method=method,
        base=to_money(total),
        rows=rows,
        reference_date=reference_date if method == SpreadMethod.PER_CAPITA else None,
        substitutes=substitutes,
    )


def line_user_counts(line: BudgetLine) -> dict[int, int]:
    return dict(line.user_counts.values_list("organisation_id", "users"))


def municipal_share(line: BudgetLine) -> Decimal:
    """What the municipal side (the municipalities and their association) finances of the line."""
    return sum(
        (s.amount for s in line.shares.all() if s.financier.side == FinancierSide.MUNICIPALITIES),
        ZERO,
    )


def line_split(
    line: BudgetLine,
    *,
    bases: dict[Any, PopulationBasis] | None = None,
    towns: list[Organisation] | None = None,
    counts: dict[int, int] | None = None,
) -> SplitResult:
    """The municipal side's share of a line spread across the municipalities by the line's
    method (R-23)."""
    result = spread_to_municipalities(
        municipal_share(line),
        method=line.spread_method,
        reference_date=line.reference_date,
        accept_earlier=line.accept_earlier,
        user_counts=counts
        if counts is not None
        else (line_user_counts(line) if line.spread_method == SpreadMethod.USERS else None),
        title=line.name,
        bases=bases,
        towns=towns,
    )
    region = sum(
        (s.amount for s in line.shares.all() if s.financier.side == FinancierSide.REGION), ZERO
    )
    result.region = region
    return result


def budget_splits(budget: Budget) -> tuple[list[SplitResult], list[tuple[BudgetLine, str]]]:
    """The split of every line that has a municipal share; lines whose split is refused are
    returned with the reason."""
    results, refused = [], []
    bases: dict[Any, PopulationBasis] = {}
    towns = municipalities()
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for line_id, org_id, users in UserCount.objects.filter(line__budget=budget).values_list(
        "line_id", "organisation_id", "users"
    ):
        counts[line_id][org_id] = users
    for line in budget_lines(budget):
        if not municipal_share(line):
            continue
        try:
            results.append(
                line_split(line, bases=bases, towns=towns, counts=counts.get(line.pk, {}))
            )
        except DomainError as err:
            refused.append((line, str(err.message)))
    return results, refused


@dataclass
class Levy:
    rate: Decimal
    reference_date: dt.date
    rows: list[SplitRow]
    substitutes: list[PopulationFigure]

    @property
    def population(self) -> int:
        return sum(int(r.weight) for r in self.rows)

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), ZERO)


def per_capita_levy(
    rate: Decimal, reference_date: dt.date, *, accept_earlier: bool = False
) -> Levy:
    """A levy of rate kronor per inhabitant (seed 002: "6 kr per invånare (ca 9,4 Mnkr)"):
    each municipality pays rate × its population on reference_date (R-2)."""
    basis = population_basis(reference_date, accept_earlier=accept_earlier)
    rate = to_money(rate)
    rows = [
        SplitRow(
            municipality=m,
            weight=basis.figures[m.pk].population,
            amount=to_money(rate * basis.figures[m.pk].population),
            figure=basis.figures[m.pk],
        )
        for m in municipalities()
    ]
    return Levy(rate=rate, reference_date=reference_date, rows=rows, substitutes=basis.substitutes)


def municipality_history(municipality: Organisation) -> tuple[list[tuple[int, Decimal]], list[str]]:
    """The municipality's share of every budget year (sum over the lines' splits), and the
    lines whose split could not be made, with the reason."""
    years: list[tuple[int, Decimal]] = []
    problems: list[str] = []
    for budget in Budget.objects.order_by("year"):
        results, refused = budget_splits(budget)
        amount = sum(
            (r.amount for res in results for r in res.rows if r.municipality.pk == municipality.pk),
            ZERO,
        )
        years.append((budget.year, amount))
        problems += [f"{budget.year} {line.name}: {reason}" for line, reason in refused]
    return years, problems


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
