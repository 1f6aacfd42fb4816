"""Writes to the organisation register (R-1, R-2, R-3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.core.changes import Recorded, required_text
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.validators import normalise_org_number, validate_scb_code

ORGANISATION_FIELDS = [
    "name",
    "short_name",
    "kind",
    "org_number",
    "scb_code",
    "federation",
    "website",
]
Progress = Callable[[int, int], None]


def _clean_organisation(org: Organisation) -> None:
    """Single-record rules, each reported against its field."""
    org.name = (org.name or "").strip()
    if not org.name:
        raise DomainError(_("Ange organisationens namn."), field="name")
    if org.kind not in Organisation.Kind.values:
        raise DomainError(_("Välj en giltig typ av organisation."), field="kind")
    if org.org_number:
        org.org_number = normalise_org_number(org.org_number)
    if org.kind == Organisation.Kind.MUNICIPALITY:
        org.scb_code = validate_scb_code(org.scb_code)
        if org.federation_id is None:
            raise DomainError(_("En kommun ska tillhöra ett kommunalförbund."), field="federation")
    elif org.scb_code:
        raise DomainError(_("Bara kommuner har kommunkod."), field="scb_code")
    if org.federation is not None and org.federation.kind != Organisation.Kind.FEDERATION:
        raise DomainError(_("Välj ett kommunalförbund."), field="federation")
    if org.kind == Organisation.Kind.REGION:
        others = Organisation.objects.filter(kind=Organisation.Kind.REGION).exclude(pk=org.pk)
        if others.exists():
            raise DomainError(
                _("Registret har redan en region (%(name)s); det finns bara en per avtal.")
                % {"name": others.first()},
                field="kind",
            )
    clash = Organisation.objects.exclude(pk=org.pk)
    if clash.filter(name__iexact=org.name).exists():
        raise DomainError(
            _("Det finns redan en organisation med namnet %(name)s.") % {"name": org.name},
            field="name",
        )
    if org.org_number and clash.filter(org_number=org.org_number).exists():
        raise DomainError(
            _("Organisationsnumret %(nr)s är redan registrerat på %(org)s.")
            % {"nr": org.org_number, "org": clash.get(org_number=org.org_number)},
            field="org_number",
        )
    if org.scb_code and clash.filter(scb_code=org.scb_code).exists():
        raise DomainError(
            _("Kommunkoden %(code)s är redan registrerad på %(org)s.")
            % {"code": org.scb_code, "org": clash.get(scb_code=org.scb_code)},
            field="scb_code",
        )


ORGANISATION = Recorded(Organisation, ORGANISATION_FIELDS, clean=_clean_organisation)


def organisation_create(*, actor: Any, check_right: bool = True, **fields: Any) -> Organisation:
    """Register an organisation. The org.nr is Luhn-checked (R-1); a municipality has a
    four-digit SCB code and a federation."""
    return ORGANISATION.create(actor=actor, check_right=check_right, values=fields)


def organisation_update(
    *, actor: Any, organisation: Organisation, version: int | None, **fields: Any
) -> Organisation:
    """Change an organisation; refused if someone else saved it since `version` was read."""
    return ORGANISATION.update(organisation, actor=actor, version=version, values=fields)


def _clean_population(figure: PopulationFigure) -> None:
    """The rules of a population figure (R-2)."""
    if figure.municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise DomainError(_("Folkmängd registreras bara för kommuner."), field="municipality")
    if figure.population is None or int(figure.population) < 0:
        raise DomainError(
            _("Folkmängden ska vara ett heltal, noll eller större."), field="population"
        )
    figure.population = int(figure.population)
    required_text(figure, "source", _("Ange källan till folkmängden (t.ex. SCB, BE0101)."))


POPULATION_FIELDS = ["population", "source", "note", "reference_date"]
POPULATION = Recorded(
    PopulationFigure,
    POPULATION_FIELDS,
    clean=_clean_population,
    name="organisations.population",
)


def population_record(
    *,
    actor: Any,
    municipality: Organisation,
    reference_date: dt.date,
    population: int,
    source: str,
    note: str = "",
    check_right: bool = True,
) -> PopulationFigure:
    """Record a municipality's population on a date with its source (R-2). A figure for the
    same date is replaced, and the change is recorded."""
    figure = PopulationFigure.objects.filter(
        municipality=municipality, reference_date=reference_date
    ).first() or PopulationFigure(municipality=municipality, reference_date=reference_date)
    values = {"population": population, "source": source, "note": note}
    return POPULATION.save(
        figure,
        actor=actor,
        check_right=check_right,
        values=values,
        verb="recorded",
        parent=municipality,
    )


def population_import(
    *, actor: Any, rows: list[Any], progress: Progress | None = None
) -> dict[str, int]:
    """Import parsed population rows all or nothing (rule 4): the rows are checked first,
    so one bad row stops the whole import and nothing is written. Returns counts."""
    require(actor, "organisations.population:change")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        municipalities = {
            m.scb_code: m for m in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
        }
        existing = {
            (f.municipality_id, f.reference_date): f
            for f in PopulationFigure.objects.filter(municipality__in=municipalities.values())
        }
        for index, row in enumerate(rows, start=1):
            municipality = municipalities[row.scb_code]
            stored = existing.get((municipality.pk, row.reference_date))
            figure = stored or PopulationFigure(
                municipality=municipality, reference_date=row.reference_date
            )
            with POPULATION.saving(
                figure,
                actor=actor,
                check_right=False,  # checked once, above
                values={"population": row.population, "source": row.source, "note": row.note},
                verb="imported",
                parent=municipality,
            ) as change:
                written = "updated" if stored else "created"
                counts[written if change.changes() else "unchanged"] += 1
            if progress:
                progress(index, len(rows))
    return counts
