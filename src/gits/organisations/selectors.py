"""Reads across the register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.organisations.models import Organisation, PopulationFigure


def municipalities_with_latest_population() -> QuerySet[Organisation]:
    """Municipalities annotated with their latest figure, its date, source and note,
    in one query."""
    latest = PopulationFigure.objects.filter(municipality=OuterRef("pk")).order_by(
        "-reference_date"
    )
    return (
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
        .select_related("federation")
        .annotate(
            latest_population=Subquery(latest.values("population")[:1]),
            latest_population_date=Subquery(latest.values("reference_date")[:1]),
        )
        .order_by("name")
    )


@dataclass(frozen=True)
class PopulationBasis:
    """The figures a per-capita split uses for a reference date (R-2)."""

    reference_date: dt.date
    figures: dict[int, PopulationFigure]  # municipality id -> figure
    substitutes: list[PopulationFigure]  # earlier figures accepted in place of missing ones

    @property
    def total(self) -> int:
        return sum(f.population for f in self.figures.values())


def population_basis(reference_date: dt.date, *, accept_earlier: bool = False) -> PopulationBasis:
    """Each municipality's population on reference_date. Refuses, naming the municipalities,
    when a figure for that date is missing, unless accept_earlier: then the latest earlier
    figure is used and listed among the substitutes, so the result can show it (R-2)."""
    municipalities = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name")
    )
    figures = PopulationFigure.objects.filter(reference_date__lte=reference_date).order_by(
        "municipality_id", "-reference_date"
    )
    latest: dict[int, PopulationFigure] = {}
    for figure in figures:
        latest.setdefault(figure.municipality_id, figure)
    chosen: dict[int, PopulationFigure] = {}
    missing: list[Organisation] = []
    substitutes: list[PopulationFigure] = []
    for m in municipalities:
        figure = latest.get(m.pk)
        if figure is not None and figure.reference_date == reference_date:
            chosen[m.pk] = figure
        elif figure is not None and accept_earlier:
            chosen[m.pk] = figure
            substitutes.append(figure)
        else:
            missing.append(m)
    if missing:
        names = ", ".join(m.name for m in missing)
        raise DomainError(
            _(
                "Folkmängd per %(date)s saknas för %(count)s kommuner: %(names)s. "
                "Importera siffrorna eller godta senast kända tidigare siffra."
            )
            % {"date": reference_date.isoformat(), "count": len(missing), "names": names},
            field="reference_date",
        )
    return PopulationBasis(reference_date=reference_date, figures=chosen, substitutes=substitutes)
