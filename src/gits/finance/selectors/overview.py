"""Budget overviews with their flags and the checks against stated totals (R-22)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from gits.finance.allocation import explain_difference
from gits.finance.formatting import kr
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    Financier,
    FinancierSide,
    FinancingShare,
    StatedTotal,
)

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
