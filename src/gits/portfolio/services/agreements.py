"""Writes for agreements: registered once, then only notice, notes and the supplier's name
are recorded on them; new terms are a new agreement (R-27)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.core.changes import record_create, record_update
from gits.core.errors import DomainError
from gits.portfolio.models import Agreement

AGREEMENT_FIELDS = [
    "kind",
    "title",
    "managed_object",
    "counterparty",
    "start_date",
    "first_end",
    "renewal_years",
    "notice_months",
    "terminated_on",
    "notes",
]


def _clean_agreement(a: Agreement) -> None:
    if not (a.title or "").strip():
        raise DomainError(_("Ange avtalets benämning."), field="title")
    if a.kind not in Agreement.Kind.values:
        raise DomainError(_("Välj typ av avtal."), field="kind")
    if a.start_date is None or a.first_end is None:
        raise DomainError(_("Ange första avtalsperioden."), field="start_date")
    if a.first_end < a.start_date:
        raise DomainError(_("Första perioden kan inte sluta före den börjar."), field="first_end")
    if a.kind != Agreement.Kind.JOINT_FUNCTION and a.managed_object_id is None:
        raise DomainError(
            _("Leverantörs- och driftavtal hör till ett förvaltningsobjekt."),
            field="managed_object",
        )


def agreement_create(
    *, actor: Any, parties: list[Any] | None = None, check_right: bool = True, **fields: Any
) -> Agreement:
    with transaction.atomic():
        with record_create(
            Agreement(),
            actor=actor,
            right="portfolio.agreement:change" if check_right else None,
            fields=AGREEMENT_FIELDS,
            values=fields,
            action="portfolio.agreement.created",
        ) as change:
            _clean_agreement(change.obj)
            change.note("parter", None, [str(p) for p in parties or []])
        if parties:
            change.obj.parties.set(parties)
    return change.obj


# What may be recorded on an existing agreement. Its terms change only by a new agreement
# signed by both parties, registered as its own record.
AGREEMENT_RECORDABLE = ["terminated_on", "notes", "counterparty"]


def agreement_update(
    *, actor: Any, agreement: Agreement, version: int | None, **fields: Any
) -> Agreement:
    """Record notice given (`terminated_on`), notes or the supplier's name on an agreement.
    Its terms (periods, renewal, notice period, parties) are refused: a changed agreement is a
    new agreement signed by both parties (R-27)."""
    with record_update(
        agreement,
        actor=actor,
        right="portfolio.agreement:change",
        version=version,
        fields=AGREEMENT_FIELDS,
        action="portfolio.agreement.changed",
    ) as change:
        for name in fields:
            if name in AGREEMENT_FIELDS and name not in AGREEMENT_RECORDABLE:
                raise DomainError(
                    _(
                        "Avtalets villkor ändras bara genom ett nytt avtal som båda parter har undertecknat. Registrera det nya avtalet i stället."
                    ),
                    field=name,
                )
        change.set(fields, AGREEMENT_RECORDABLE)
        a = change.obj
        if a.terminated_on is not None and a.terminated_on < a.start_date:
            raise DomainError(
                _("Avtalet kan inte upphöra innan det har börjat."), field="terminated_on"
            )
    return change.obj
