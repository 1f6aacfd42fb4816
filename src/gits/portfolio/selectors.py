"""Reads across the portfolio: roles on a date, missing contacts, agreements (who signs,
their periods and notice days), the roadmap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from gits.bodies.models import Person
from gits.core.errors import DomainError
from gits.organisations.models import Organisation
from gits.portfolio import agreements
from gits.portfolio.models import (
    Agreement,
    AgreementContact,
    AgreementSignature,
    Initiative,
    ManagedObject,
    ObjectRole,
    SupportContact,
    SupportRequest,
)


def _active(date: dt.date) -> Q:
    return Q(start_date__lte=date) & (Q(end_date__isnull=True) | Q(end_date__gte=date))


def roles_on(obj: ManagedObject, date: dt.date) -> QuerySet[ObjectRole]:
    """Who holds which role for the object on a date."""
    return (
        obj.roles.filter(_active(date))
        .select_related("body", "person", "organisation")
        .order_by("role", "start_date")
    )


def coordinators_on(obj: ManagedObject, date: dt.date) -> list[Person]:
    return [
        r.person for r in roles_on(obj, date).filter(role=ObjectRole.Role.COORDINATOR) if r.person
    ]


def initiatives_during(start: dt.date, end: dt.date) -> QuerySet[Initiative]:
    """Initiatives whose period touches [start, end] (or that are ongoing), for the quarterly report."""
    return (
        Initiative.objects.filter(
            Q(state=Initiative.State.ONGOING)
            | (Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start)))
        )
        .select_related("managed_object", "owner")
        .order_by("managed_object__name", "start_date")
    )


@dataclass
class MissingContacts:
    managed_object: ManagedObject
    missing: list[Organisation]


def municipalities_without_contacts(
    objects: list[ManagedObject] | None = None,
) -> list[MissingContacts]:
    """Per object, the municipalities that have named neither a business nor a technical
    contact. Two queries, whatever the number of objects."""
    if objects is None:
        objects = list(
            ManagedObject.objects.exclude(state=ManagedObject.State.DECOMMISSIONED).order_by("name")
        )
    municipalities = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name")
    )
    named: dict[int, set[int]] = {}
    for object_id, party_id in SupportContact.objects.filter(
        managed_object__in=objects
    ).values_list("managed_object_id", "party_id"):
        named.setdefault(object_id, set()).add(party_id)
    return [
        MissingContacts(o, [m for m in municipalities if m.pk not in named.get(o.pk, set())])
        for o in objects
    ]


@dataclass(frozen=True)
class SigningParty:
    """A party that signs an agreement: one of its parties, or its counterparty (the
    supplier, `organisation` None)."""

    organisation: Organisation | None
    label: str

    @property
    def key(self) -> str:
        """The party as a form names it."""
        return str(self.organisation.pk) if self.organisation else "counterparty"


def signing_parties(agreement: Agreement) -> list[SigningParty]:
    """Who must sign: every party, then the counterparty when there is one."""
    parties = [SigningParty(o, str(o)) for o in sorted(agreement.parties.all(), key=str)]
    if agreement.counterparty:
        parties.append(SigningParty(None, agreement.counterparty))
    return parties


@dataclass
class SigningRow:
    party: SigningParty
    signature: AgreementSignature | None


def signing_rows(agreement: Agreement) -> list[SigningRow]:
    """Each party that signs with its signature, or None while it has not signed."""
    given = {s.party_id: s for s in agreement.signatures.all()}
    return [
        SigningRow(p, given.get(p.organisation.pk if p.organisation else None))
        for p in signing_parties(agreement)
    ]


def agreement_status(agreement: Agreement, on: dt.date) -> agreements.Status | None:
    """The period and notice days of an agreement in force (signed, or replaced: in force
    until its replacement starts). A draft is in force on no day: None."""
    if not agreement.in_force:
        return None
    try:
        return agreements.status(agreement, on)
    except (OverflowError, ValueError) as exc:  # periods beyond the calendar's last year
        raise DomainError(
            _("Avtalets perioder kan inte räknas fram till %(day)s.") % {"day": on.isoformat()},
            field="date",
        ) from exc


@dataclass
class AgreementStatus:
    agreement: Agreement
    status: agreements.Status | None


def agreement_statuses(on: dt.date, qs: QuerySet[Agreement] | None = None) -> list[AgreementStatus]:
    qs = qs if qs is not None else Agreement.objects.all()
    qs = qs.select_related("managed_object", "replaces").prefetch_related("parties")
    return [AgreementStatus(a, agreement_status(a, on)) for a in qs]


def agreement_page_queryset() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "managed_object", "replaces", "replaced_by"
    ).prefetch_related(
        "parties",
        Prefetch(
            "signatures",
            queryset=AgreementSignature.objects.select_related("party", "person", "user"),
        ),
        Prefetch(
            "contacts",
            queryset=AgreementContact.objects.select_related("party", "person__organisation"),
        ),
    )


def notice_due(months: int, on: dt.date | None = None) -> list[AgreementStatus]:
    """Agreements whose next notice day falls within the next `months` months."""
    on = on or dt.date.today()
    until = agreements.add_months(on, months)
    due = [
        s
        for s in agreement_statuses(on)
        if s.status and s.status.earliest_end_notice and on <= s.status.earliest_end_notice <= until
    ]
    return sorted(due, key=lambda s: (s.status and s.status.earliest_end_notice) or on)


def notice_events(start: dt.date, end: dt.date) -> list[tuple[dt.date, str, str]]:
    """Notice days within [start, end] as (date, summary, uid), for iCalendar feeds. Drafts
    are in force on no day; a replaced agreement ends on its replacement's start."""
    events = []
    for a in Agreement.objects.filter(terminated_on__isnull=True).exclude(
        state=Agreement.State.DRAFT
    ):
        day = max(start, a.start_date)  # an agreement that starts later has notice days too
        seen: set[dt.date] = set()
        while day <= end:
            s = agreements.status(a, day)
            notice = s.earliest_end_notice
            if notice is None or notice in seen or notice > end:
                break
            seen.add(notice)
            if notice >= start:
                events.append(
                    (
                        notice,
                        f"Sista dag att säga upp {a.title} (upphör {s.earliest_end})",
                        f"notice-{a.pk}-{notice.isoformat()}",
                    )
                )
            day = notice + dt.timedelta(days=1)
    return sorted(events)


def roadmap(**filters: str) -> dict[str, list[ManagedObject]]:
    """The portfolio by horizon (kort, medellång, lång sikt), filtered by area and state."""
    qs = ManagedObject.objects.order_by("name")
    if filters.get("area"):
        qs = qs.filter(area=filters["area"])
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    columns: dict[str, list[ManagedObject]] = {h: [] for h in ManagedObject.Horizon.values}
    for obj in qs:
        columns[obj.horizon].append(obj)
    return columns


def object_page_queryset() -> QuerySet[ManagedObject]:
    return ManagedObject.objects.prefetch_related(
        Prefetch("agreements", queryset=Agreement.objects.prefetch_related("parties")),
        Prefetch("initiatives", queryset=Initiative.objects.select_related("owner")),
        "evaluations__judgements",
        "state_changes__decision__item__meeting__body",
        "communication_plans__stakeholders",
        # With its party: the page offers its buttons to whoever acts for that party.
        Prefetch("support_requests", queryset=SupportRequest.objects.select_related("party")),
    )
