"""What each party pays in a run to each party (R-23, R-25, R-26), computed before anything is
issued: a levy per inhabitant, each financing party's share of a budget line, or a payback of
a surplus in proportion to the shares. A missing basis (population, users, a financier that is
no organisation) refuses the plan, naming what is missing and for whom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.finance.allocation import quarters, spread
from gits.finance.formatting import kr
from gits.finance.models import (
    BudgetLine,
    FinancierSide,
    FinancingShare,
    SpreadMethod,
)
from gits.finance.selectors import line_split, municipalities
from gits.finance.services.invoicing import (
    quarter_period,
)
from gits.organisations.models import Organisation
from gits.organisations.selectors import population_basis


@dataclass
class Planned:
    party: Organisation
    amount: Decimal
    weight: Decimal
    basis: str
    figure_date: dt.date | None = None


def _period(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter:
        return quarter_period(year, quarter)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _for_period(annual: Decimal, quarter: int) -> Decimal:
    """A party's part for the period: the year's, or its quarter in exact parts (R-25)."""
    return quarters(annual)[quarter] if quarter else annual


def _population_text(population: int, date: dt.date) -> str:
    return _("folkmängd %(d)s: %(p)s invånare") % {
        "d": date.isoformat(),
        "p": f"{population:,}".replace(",", "\u00a0"),
    }


def levy_plan(
    rate: Decimal, reference_date: dt.date, *, accept_earlier: bool, quarter: int = 0
) -> list[Planned]:
    """Rate kronor per inhabitant for each municipality (seed 002: "6 kr per invånare"), by
    its population on the reference date (R-2: refused naming the municipalities without one,
    unless earlier figures are accepted; each invoice then shows the figure's own date)."""
    basis = population_basis(reference_date, accept_earlier=accept_earlier)
    planned = []
    for town in municipalities():
        figure = basis.figures[town.pk]
        annual = to_money(rate * figure.population)
        planned.append(
            Planned(
                party=town,
                amount=_for_period(annual, quarter),
                weight=Decimal(figure.population),
                figure_date=figure.reference_date,
                basis=_("%(pop)s × %(rate)s per invånare = %(a)s per år (%(src)s)")
                % {
                    "pop": _population_text(figure.population, figure.reference_date),
                    "rate": kr(rate),
                    "a": kr(annual),
                    "src": figure.source,
                },
            )
        )
    return planned


def _split_basis(row: Any, method: str, weight_total: Decimal | int) -> str:
    if method == SpreadMethod.PER_CAPITA and row.figure is not None:
        return _("%(pop)s av %(t)s (%(src)s)") % {
            "pop": _population_text(row.figure.population, row.figure.reference_date),
            "t": f"{int(weight_total):,}".replace(",", "\u00a0"),
            "src": row.figure.source,
        }
    if method == SpreadMethod.USERS:
        return _("%(u)s av %(t)s användare") % {"u": row.weight, "t": weight_total}
    return _("lika delar, en av %(t)s kommuner") % {"t": weight_total}


def share_plan(line: BudgetLine, *, seller: Organisation, quarter: int = 0) -> list[Planned]:
    """Each financing party's share of a budget line (R-22, R-23): a financier that is an
    organisation pays its own share; the municipalities' share is spread across them by the
    line's method (per capita, users or equally). Refused, naming whom, when a financier is no
    organisation or the basis of the spread is missing."""
    shares = list(
        FinancingShare.objects.filter(line=line).select_related("financier__organisation")
    )
    if not any(s.amount for s in shares):
        raise DomainError(
            _("Raden %(n)s har ingen finansiering att fakturera.") % {"n": line.name},
            field="line",
        )
    planned: dict[int, Planned] = {}
    for share in shares:
        financier = share.financier
        if not share.amount:
            continue
        if financier.organisation is not None:
            org = financier.organisation
            if org.pk == seller.pk:
                continue
            planned[org.pk] = Planned(
                party=org,
                amount=_for_period(share.amount, quarter),
                weight=share.amount,
                basis=_("finansieringsandel %(a)s per år enligt budget %(y)s")
                % {"a": kr(share.amount), "y": line.budget.year},
            )
        elif financier.side == FinancierSide.MUNICIPALITIES:
            continue
        else:
            raise DomainError(
                _(
                    "Finansiären %(f)s är inte kopplad till någon organisation; raden %(n)s kan inte faktureras per part."
                )
                % {"f": financier, "n": line.name},
                field="line",
            )
    towns = [s for s in shares if s.amount and s.financier.organisation is None]
    if towns:
        split = line_split(line)
        weight_total = split.weight_total
        for row in split.rows:
            if not row.amount:
                continue
            planned[row.municipality.pk] = Planned(
                party=row.municipality,
                amount=_for_period(row.amount, quarter),
                weight=Decimal(row.weight),
                figure_date=row.figure.reference_date if row.figure else None,
                basis=_("%(b)s: %(a)s per år")
                % {
                    "b": _split_basis(row, split.method, weight_total),
                    "a": kr(row.amount),
                },
            )
    return list(planned.values())


def payback_plan(line: BudgetLine, surplus: Decimal, *, seller: Organisation) -> list[Planned]:
    """A surplus paid back to the parties that financed the line, in proportion to their
    shares (R-26); the municipalities' share spread across them by the line's method."""
    shares = {
        s.financier: s.amount
        for s in FinancingShare.objects.filter(line=line).select_related("financier__organisation")
        if s.amount
    }
    if not shares:
        raise DomainError(
            _("Raden %(n)s har ingen finansiering att betala tillbaka till.") % {"n": line.name},
            field="amount",
        )
    parts = spread(surplus, shares)
    to_pay: dict[int, Planned] = {}

    def add(org: Organisation, value: Decimal, basis: str, weight: Any, date=None) -> None:
        if org.pk == seller.pk or not value:
            return
        found = to_pay.get(org.pk)
        if found is None:
            to_pay[org.pk] = Planned(org, -value, Decimal(weight), basis, date)
        else:
            found.amount -= value

    for financier, part in parts.items():
        if financier.organisation is not None:
            add(
                financier.organisation,
                part,
                _("finansierade %(a)s av %(t)s") % {"a": kr(shares[financier]), "t": line.name},
                shares[financier],
            )
        elif financier.side == FinancierSide.MUNICIPALITIES:
            split = line_split(line)
            weights = {r.municipality.pk: r.weight for r in split.rows}
            rows = {r.municipality.pk: r for r in split.rows}
            for pk, value in spread(part, weights).items():
                row = rows[pk]
                add(
                    row.municipality,
                    value,
                    _split_basis(row, split.method, split.weight_total),
                    row.weight,
                    row.figure.reference_date if row.figure else None,
                )
        else:
            raise DomainError(
                _("Finansiären %(f)s är inte kopplad till någon organisation.") % {"f": financier},
                field="amount",
            )
    return list(to_pay.values())
