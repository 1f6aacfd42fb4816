"""Reads across the portfolio: roles on a date, missing contacts, agreements (who signs,
their periods and notice days), the roadmap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import ExpressionWrapper, F, IntegerField, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth, Mod
from django.urls import reverse
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


# The objects the parties support together: decided for co-management and not yet wound up.
SUPPORTED_STATES = (
    ManagedObject.State.CO_MANAGEMENT_DECIDED,
    ManagedObject.State.IN_MANAGEMENT,
    ManagedObject.State.DECOMMISSIONING_DECIDED,
)


# The parties that name support contacts: the region and each municipality (seed 002).
CONTACT_PARTIES = (Organisation.Kind.REGION, Organisation.Kind.MUNICIPALITY)


def contacts_lacking(
    party: Organisation, only: ManagedObject | None = None
) -> list[tuple[ManagedObject, list[str]]]:
    """The supported objects (or `only` that one, if supported) for which the party has not
    named every kind of contact, with the kinds it lacks (`SupportContact.Kind` members, in
    their order); none for a party that names no contacts. Two queries."""
    if party.kind not in CONTACT_PARTIES:
        return []
    supported = ManagedObject.objects.filter(state__in=SUPPORTED_STATES)
    if only is not None:
        supported = supported.filter(pk=only.pk)
    objects = list(supported.order_by("name"))
    named: dict[int, set[str]] = {}
    for object_id, kind in SupportContact.objects.filter(
        party=party, managed_object__in=supported
    ).values_list("managed_object_id", "kind"):
        named.setdefault(object_id, set()).add(kind)
    lacking = []
    for obj in objects:
        missing = [k for k in SupportContact.Kind if k not in named.get(obj.pk, set())]
        if missing:
            lacking.append((obj, missing))
    return lacking


def open_support_requests(
    *, party: Organisation | None = None, person: Person | None = None, on: dt.date
) -> QuerySet[SupportRequest]:
    """Support requests that are new or in progress: those the party reported, or those of
    the objects the person manages or coordinates on the date. One query, oldest first."""
    qs = SupportRequest.objects.filter(
        state__in=[SupportRequest.State.NEW, SupportRequest.State.IN_PROGRESS]
    )
    if party is not None:
        qs = qs.filter(party=party)
    elif person is None:  # neither a party nor a person: nobody's requests
        return qs.none()
    else:
        qs = qs.filter(
            managed_object__in=ObjectRole.objects.filter(
                _active(on),
                person=person,
                role__in=[ObjectRole.Role.SYSTEM_MANAGER, ObjectRole.Role.COORDINATOR],
            ).values("managed_object_id")
        )
    return qs.select_related("managed_object", "party").order_by("created_at", "pk")


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


@dataclass(frozen=True)
class AgreementRow:
    """A row of the agreement list with its texts written once, so that the page's template
    only prints them (issue 15)."""

    url: str
    title: str
    managed_object: str
    replaces: str
    kind: str
    state: str
    period: str
    notice: str
    terms: str


def _period_text(a: Agreement, s: agreements.Status | None) -> str:
    if s is None:
        return _("gäller inte än")
    if s.period:
        return f"{s.period.start.isoformat()} – {s.period.end.isoformat()}"
    if s.ended:
        return _("ersatt") if a.state == Agreement.State.REPLACED else _("upphört")
    return _("ej påbörjat")


def _notice_text(s: agreements.Status | None) -> str:
    if s is None:
        return "–"
    if s.notice_deadline and not s.notice_passed:
        return s.notice_deadline.isoformat()
    if s.earliest_end_notice:
        end = s.earliest_end.isoformat() if s.earliest_end else ""
        return f"{s.earliest_end_notice.isoformat()} ({_('upphör')} {end})"
    return "–"


def agreement_rows(page: Iterable[Agreement], on: dt.date) -> list[AgreementRow]:
    """The list's rows on a date: the period in force, the last day of notice (or, once it
    has passed, the next one and the end it gives), renewal and notice terms. For a page of
    agreements with their object and the agreement they replace (select_related)."""
    kinds, states = labels(Agreement.Kind.choices), labels(Agreement.State.choices)
    rows = []
    for a in page:
        s = agreement_status(a, on)
        replaces = (
            _("ersätter %(t)s (%(d)s)") % {"t": a.replaces.title, "d": a.replaces.start_date.year}
            if a.replaces_id
            else ""
        )
        rows.append(
            AgreementRow(
                url=reverse("portfolio:agreement", args=[a.pk]),
                title=a.title,
                managed_object=str(a.managed_object) if a.managed_object_id else "",
                replaces=replaces,
                kind=kinds.get(a.kind, a.kind),
                state=states.get(a.state, a.state),
                period=_period_text(a, s),
                notice=_notice_text(s),
                terms=_("%(y)s år / %(m)s mån") % {"y": a.renewal_years, "m": a.notice_months},
            )
        )
    return rows


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


def _months_touched(start: dt.date, end: dt.date) -> list[int] | None:
    """The months of the year (1-12) that [start, end] touches; None when it touches all."""
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    if last - first >= 11:
        return None
    return sorted({index % 12 + 1 for index in range(first, last + 1)})


def notice_candidates(on: dt.date, until: dt.date) -> QuerySet[Agreement]:
    """The agreements that can have a notice day in [on, until], by their dates in the query
    (issue 15): in force on `on` and running on with renewals (a draft, an agreement ended
    by notice or replacement, one not started or one past its last period has no notice day,
    R-27), and whose notice month falls in the window.

    Every period of an agreement ends in the month its first period ends (a renewal is whole
    years), and the last day of notice for a period ending in month m falls in month
    m - notice_months (`agreements.notice_deadline`): one month of the year per agreement.
    A superset of those due: `notice_due` computes the exact days for these only."""
    qs = Agreement.objects.exclude(state=Agreement.State.DRAFT).filter(
        Q(renewal_years__gt=0) | Q(first_end__gte=on),
        terminated_on__isnull=True,
        replaced_on__isnull=True,
        start_date__lte=on,
    )
    months = _months_touched(on, until)
    if months is None:
        return qs
    # (month of the first end - notice months) mod 12, kept non-negative on every database.
    notice_month = ExpressionWrapper(
        Mod(ExtractMonth("first_end") - 1 - Mod(F("notice_months"), 12) + 12, 12) + 1,
        output_field=IntegerField(),
    )
    return qs.alias(notice_month=notice_month).filter(notice_month__in=months)


def notice_due(months: int, on: dt.date | None = None) -> list[AgreementStatus]:
    """Agreements whose next notice day falls within the next `months` months. One query:
    the status is computed only for the agreements whose dates allow a notice day then."""
    on = on or dt.date.today()
    until = agreements.add_months(on, months)
    due = []
    for a in notice_candidates(on, until):
        status = agreement_status(a, on)
        notice = status.earliest_end_notice if status else None
        if notice is not None and on <= notice <= until:
            due.append(AgreementStatus(a, status))
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


@dataclass(frozen=True)
class ObjectRow:
    """A row of the object list with its texts written once (issue 15)."""

    url: str
    name: str  # with the short name, once (ManagedObject.full_name)
    area: str
    horizon: str
    state: str


def labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """A field's choices as value -> label in the current language, translated once per
    list rather than once per row (`get_FOO_display` hashes every lazy label per call)."""
    return {value: str(label) for value, label in choices}


def object_rows(page: Iterable[ManagedObject]) -> list[ObjectRow]:
    areas, horizons, states = (
        labels(ManagedObject.Area.choices),
        labels(ManagedObject.Horizon.choices),
        labels(ManagedObject.State.choices),
    )
    return [
        ObjectRow(
            reverse("portfolio:object", args=[o.pk]),
            o.full_name,
            areas.get(o.area, o.area),
            horizons.get(o.horizon, o.horizon),
            states.get(o.state, o.state),
        )
        for o in page
    ]


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
