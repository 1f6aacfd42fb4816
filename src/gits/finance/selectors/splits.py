"""Cost splits across the municipalities (R-23, R-2): by population, users or equally; the
per-capita levy and a municipality's history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.finance.allocation import spread
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    FinancierSide,
    SpreadMethod,
    UserCount,
)
from gits.finance.selectors.overview import budget_lines
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.selectors import PopulationBasis, population_basis

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
