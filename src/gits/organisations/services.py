"""Writes to the organisation register (R-1, R-2, R-3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.core.changes import Change, record_create, record_update
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
POPULATION_FIELDS = ["population", "source", "note", "reference_date"]
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


def organisation_create(*, actor: Any, check_right: bool = True, **fields: Any) -> Organisation:
    """Register an organisation. The org.nr is Luhn-checked (R-1); a municipality has a
    four-digit SCB code and a federation."""
    with record_create(
        Organisation(),
        actor=actor,
        right="organisations.organisation:change" if check_right else None,
        fields=ORGANISATION_FIELDS,
        values=fields,
        action="organisations.organisation.created",
    ) as change:
        _clean_organisation(change.obj)
    return change.obj


def organisation_update(
    *, actor: Any, organisation: Organisation, version: int | None, **fields: Any
) -> Organisation:
    """Change an organisation; refused if someone else saved it since `version` was read."""
    with record_update(
        organisation,
        actor=actor,
        right="organisations.organisation:change",
        version=version,
        fields=ORGANISATION_FIELDS,
        values=fields,
        action="organisations.organisation.changed",
    ) as change:
        _clean_organisation(change.obj)
    return change.obj


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
    change = _population_write(
        actor=actor,
        right="organisations.population:change" if check_right else None,
        action="organisations.population.recorded",
        municipality=municipality,
        stored=PopulationFigure.objects.filter(
            municipality=municipality, reference_date=reference_date
        ).first(),
        reference_date=reference_date,
        values={"population": population, "source": source, "note": note},
    )
    return change.obj


def _population_write(
    *,
    actor: Any,
    right: str | None,
    action: str,
    municipality: Organisation,
    stored: PopulationFigure | None,
    reference_date: dt.date,
    values: dict[str, Any],
) -> Change[PopulationFigure]:
    """Write the figure of a municipality on a date: a new one, or the stored one changed
    (nothing written when nothing changed)."""
    common: dict[str, Any] = {
        "actor": actor,
        "right": right,
        "fields": POPULATION_FIELDS,
        "action": action,
        "parent": municipality,
    }
    write = (
        record_create(
            PopulationFigure(municipality=municipality, reference_date=reference_date), **common
        )
        if stored is None
        else record_update(stored, version=None, **common)
    )
    with write as change:
        change.set(_clean_population(municipality=municipality, **values))
    return change


def _clean_population(
    *, municipality: Organisation, population: int, source: str, note: str
) -> dict[str, Any]:
    """The rules of a population figure (R-2), and its values as stored."""
    if municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise DomainError(_("Folkmängd registreras bara för kommuner."), field="municipality")
    if population is None or int(population) < 0:
        raise DomainError(
            _("Folkmängden ska vara ett heltal, noll eller större."), field="population"
        )
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Ange källan till folkmängden (t.ex. SCB, BE0101)."), field="source")
    return {"population": int(population), "source": source, "note": note or ""}


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
            change = _population_write(
                actor=actor,
                right=None,  # checked once, above
                action="organisations.population.imported",
                municipality=municipality,
                stored=stored,
                reference_date=row.reference_date,
                values={"population": row.population, "source": row.source, "note": row.note},
            )
            if not change.changes():
                counts["unchanged"] += 1
            else:
                counts["updated" if stored else "created"] += 1
            if progress:
                progress(index, len(rows))
    return counts
