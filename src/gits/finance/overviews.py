"""Reads for the money pages of the parties and the long view: the multi-year financing plan
(seed 001: "en plan för långsiktig utveckling ... och dessas finansiering") with the years side
by side, budget and outcome per cost category (seed 002 Bilaga 2), the runs to each party with
their invoices, and the parties' payment settings. Nothing here writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    CostCategory,
    Financier,
    FinancierSide,
    FinancingShare,
    Invoice,
    LineCategory,
    PartyRun,
    PartySettings,
)
from gits.organisations.models import Organisation

# --- the multi-year financing plan ---------------------------------------------------------


@dataclass
class PlanRow:
    name: str
    amounts: list[Decimal | None]  # per year; None where the year has no such line

    @property
    def total(self) -> Decimal:
        return sum((a for a in self.amounts if a is not None), ZERO)


@dataclass
class FinancingPlan:
    years: list[int]
    rows: list[PlanRow]
    financiers: list[tuple[Financier, list[Decimal]]]
    sides: list[tuple[str, list[Decimal]]]
    totals: list[Decimal]
    unfinanced: list[Decimal]


def financing_plan(first: int | None = None, last: int | None = None) -> FinancingPlan:
    """Every budget year from first to last side by side (R-22): each line (matched by name
    across the years), the totals per financier and per side, and what is not financed."""
    budgets = Budget.objects.order_by("year").prefetch_related(
        Prefetch(
            "lines",
            queryset=BudgetLine.objects.order_by("position", "pk").prefetch_related(
                Prefetch("shares", queryset=FinancingShare.objects.select_related("financier"))
            ),
        )
    )
    if first is not None:
        budgets = budgets.filter(year__gte=first)
    if last is not None:
        budgets = budgets.filter(year__lte=last)
    chosen = list(budgets)
    years = [b.year for b in chosen]
    financiers = list(Financier.objects.all())
    rows: dict[str, PlanRow] = {}
    by_financier = {f.pk: [ZERO for _ in years] for f in financiers}
    by_side: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO for _ in years])
    totals = [ZERO for _ in years]
    financed = [ZERO for _ in years]
    for i, budget in enumerate(chosen):
        for line in budget.lines.all():
            key = line.name.strip().lower()
            row = rows.setdefault(key, PlanRow(line.name, [None for _ in years]))
            row.amounts[i] = (row.amounts[i] or ZERO) + (line.amount or ZERO)
            totals[i] += line.amount or ZERO
            for share in line.shares.all():
                by_financier[share.financier_id][i] += share.amount
                by_side[share.financier.side][i] += share.amount
                financed[i] += share.amount
    sides = [
        (str(label), by_side[value])
        for value, label in FinancierSide.choices
        if any(by_side[value])
    ]
    return FinancingPlan(
        years=years,
        rows=list(rows.values()),
        financiers=[(f, by_financier[f.pk]) for f in financiers if any(by_financier[f.pk])],
        sides=sides,
        totals=totals,
        unfinanced=[t - f for t, f in zip(totals, financed, strict=True)],
    )


# --- budget and outcome per cost category ----------------------------------------------------


@dataclass
class CategoryLine:
    line: BudgetLine
    cells: list[LineCategory | None]  # per category, in CostCategory order
    budget: Decimal
    outcome: Decimal | None

    @property
    def difference(self) -> Decimal:
        """The line's amount minus what its categories budget (0 when they agree)."""
        return (self.line.amount or ZERO) - self.budget


@dataclass
class CategorySummary:
    categories: list[tuple[str, str]]
    lines: list[CategoryLine]
    budget: list[Decimal] = field(default_factory=list)
    outcome: list[Decimal] = field(default_factory=list)

    @property
    def budget_total(self) -> Decimal:
        return sum(self.budget, ZERO)

    @property
    def outcome_total(self) -> Decimal:
        return sum(self.outcome, ZERO)

    @property
    def difference_total(self) -> Decimal:
        return self.outcome_total - self.budget_total

    def totals(self) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        return [
            (label, b, o, o - b)
            for (_code, label), b, o in zip(self.categories, self.budget, self.outcome, strict=True)
        ]


def category_summary(budget: Budget) -> CategorySummary:
    """Budget and outcome per cost category for each line that has categories, and for the
    whole budget; a line whose categories do not add up to its amount shows the difference."""
    codes = list(CostCategory.values)
    summary = CategorySummary(
        categories=[(c, str(CostCategory(c).label)) for c in codes],
        lines=[],
        budget=[ZERO for _ in codes],
        outcome=[ZERO for _ in codes],
    )
    lines = budget.lines.order_by("position", "pk").prefetch_related("categories")
    for line in lines:
        found = {c.category: c for c in line.categories.all()}
        if not found:
            continue
        cells = [found.get(c) for c in codes]
        outcomes = [c.outcome for c in found.values() if c.outcome is not None]
        for i, cell in enumerate(cells):
            if cell is not None:
                summary.budget[i] += cell.budget
                summary.outcome[i] += cell.outcome or ZERO
        summary.lines.append(
            CategoryLine(
                line=line,
                cells=cells,
                budget=sum((c.budget for c in found.values()), ZERO),
                outcome=sum(outcomes, ZERO) if outcomes else None,
            )
        )
    return summary


# --- runs to each party ------------------------------------------------------------------------


@dataclass
class RunRow:
    party: Organisation
    amount: Decimal
    basis: str
    invoice: Invoice | None


@dataclass
class RunOverview:
    run: PartyRun
    rows: list[RunRow]

    @property
    def issued(self) -> int:
        return sum(1 for r in self.rows if r.invoice is not None)

    @property
    def missing(self) -> int:
        return len(self.rows) - self.issued

    @property
    def complete(self) -> bool:
        return self.missing == 0

    @property
    def invoiced(self) -> Decimal:
        return sum((r.invoice.total_amount for r in self.rows if r.invoice), ZERO)

    @property
    def without_org_number(self) -> list[Organisation]:
        """The parties (and the seller) whose invoices cannot be sent as e-invoices: an
        e-invoice needs both parties' organisation numbers (Peppol EndpointID)."""
        parties = [self.run.seller] + [r.party for r in self.rows]
        return [p for p in parties if not p.org_number]


def run_overview(run: PartyRun) -> RunOverview:
    """Each party of a run with its amount, basis and live invoice (None where none is issued
    yet: the run was interrupted, or an invoice was credited)."""
    live = {
        i.buyer_id: i
        for i in Invoice.objects.live()
        .filter(run=run)
        .exclude(kind=Invoice.Kind.CREDIT)
        .order_by("serial")
    }
    rows = [
        RunRow(party=s.party, amount=s.amount, basis=s.basis, invoice=live.get(s.party_id))
        for s in run.shares.select_related("party").order_by("position")
    ]
    return RunOverview(run=run, rows=rows)


def runs_with_counts(limit: int = 100) -> list[tuple[PartyRun, int, int]]:
    """The latest runs with their number of parties and of live invoices."""
    from django.db.models import Count, Q

    runs = (
        PartyRun.objects.select_related("seller", "line")
        .annotate(
            parties=Count("shares", distinct=True),
            issued=Count(
                "invoices",
                # `Invoice.objects.live()` through the relation, as a join: an IN over every
                # live invoice would read the whole table for a page of runs.
                filter=Q(invoices__credit_notes__isnull=True) & ~Q(invoices__kind="credit"),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    return [(r, r.parties, r.issued) for r in runs]


# --- the parties' settings ---------------------------------------------------------------------


def parties_with_settings() -> list[tuple[Organisation, PartySettings | None]]:
    """The parties that invoice or are invoiced (the region, the association and the
    municipalities, then any other organisation with settings), each with its settings."""
    settings = {s.organisation_id: s for s in PartySettings.objects.all()}
    order: dict[str, int] = {
        Organisation.Kind.REGION: 0,
        Organisation.Kind.ASSOCIATION: 1,
        Organisation.Kind.MUNICIPALITY: 2,
    }
    orgs = [o for o in Organisation.objects.order_by("name") if o.kind in order or o.pk in settings]
    orgs.sort(key=lambda o: (order.get(o.kind, 3), o.name))
    return [(o, settings.get(o.pk)) for o in orgs]
