"""Agreements through the API: drafts, signatures per party (R-27), replacement, contact
persons, history and the notice days on any date."""

import datetime as dt

from ninja import Router, Schema, Status

from gits.api.auth import optional
from gits.api.common import (
    ERRORS,
    AuditEntryOut,
    In,
    Months,
    get_or_404,
    history,
    objects_by_ids,
    patch_of,
)
from gits.bodies.models import Person
from gits.core.privacy import show_contact_details
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import (
    Agreement,
    AgreementContact,
    AgreementSignature,
    ManagedObject,
)
from gits.portfolio.selectors import (
    agreement_page_queryset,
    agreement_status,
    notice_due,
    signing_rows,
)

router = Router(tags=["Förvaltningsobjekt"])


class AgreementIn(In):
    __model__ = Agreement
    kind: Agreement.Kind
    title: str
    managed_object_id: int | None = None
    party_ids: list[int] = []
    counterparty: str = ""
    start_date: dt.date
    first_end: dt.date
    renewal_years: int = 1
    notice_months: int = 0
    notes: str = ""


class AgreementPatch(patch_of(AgreementIn, exclude={"notes"})):
    """A draft's terms, parties and notes; on a signed agreement only notice and notes."""

    terminated_on: dt.date | None = None
    notes: str | None = None


class AgreementOut(Schema):
    id: int
    kind: str
    title: str
    state: str
    managed_object_id: int | None
    party_ids: list[int]
    counterparty: str
    start_date: dt.date
    first_end: dt.date
    renewal_years: int
    notice_months: int
    terminated_on: dt.date | None
    notes: str
    signed_on: dt.date | None
    replaces_id: int | None
    replaced_by_id: int | None
    replaced_on: dt.date | None
    version: int

    @staticmethod
    def resolve_party_ids(obj):
        return sorted(p.pk for p in obj.parties.all())

    @staticmethod
    def resolve_replaced_by_id(obj):
        replacement = obj.replacement
        return replacement.pk if replacement else None


class AgreementSignatureOut(Schema):
    party_id: int | None
    party: str
    signed_on: dt.date
    # Who signed: shown to signed-in users only.
    signed_by: str | None = None


class AgreementContactOut(Schema):
    id: int
    party_id: int | None
    party: str
    person_id: int
    person: str
    role: str
    email: str
    phone: str


class AgreementDetailOut(AgreementOut):
    signatures: list[AgreementSignatureOut]
    unsigned: list[str]

    @staticmethod
    def resolve_signatures(obj, context):
        # Who signed for a party is not a public role (gits.core.privacy).
        signed_in = show_contact_details(getattr(context["request"], "auth", None))
        return [
            {
                "party_id": r.party.organisation.pk if r.party.organisation else None,
                "party": r.party.label,
                "signed_on": r.signature.signed_on,
                "signed_by": r.signature.signer if signed_in else None,
            }
            for r in signing_rows(obj)
            if r.signature
        ]

    @staticmethod
    def resolve_unsigned(obj):
        return [r.party.label for r in signing_rows(obj) if r.signature is None]


class AgreementSignIn(In):
    """One party's signature: `party_id` (one of the agreement's parties) or
    `for_counterparty`; who signed: `person_id`, `signer_name` (someone outside the person
    register), `signed_by_me` (the token's user), or a person and the user."""

    __model__ = AgreementSignature

    version: int | None = None
    party_id: int | None = None
    for_counterparty: bool = False
    person_id: int | None = None
    signer_name: str = ""
    signed_by_me: bool = False
    signed_on: dt.date | None = None


class ReplaceIn(In):
    version: int | None = None


class AgreementContactIn(In):
    __model__ = AgreementContact

    person_id: int
    party_id: int | None = None
    for_counterparty: bool = False
    role: str = ""


class AgreementStatusOut(Schema):
    agreement_id: int
    state: str
    date: dt.date
    in_force: bool
    period_start: dt.date | None
    period_end: dt.date | None
    notice_deadline: dt.date | None
    earliest_end: dt.date | None
    earliest_end_notice: dt.date | None
    ended: bool


def _status(a: Agreement, on: dt.date) -> dict:
    """The period and notice days on a date; a draft is in force on no day."""
    s = agreement_status(a, on)
    return {
        "agreement_id": a.pk,
        "state": a.state,
        "date": on,
        "in_force": s is not None and s.period is not None,
        "period_start": s.period.start if s and s.period else None,
        "period_end": s.period.end if s and s.period else None,
        "notice_deadline": s.notice_deadline if s else None,
        "earliest_end": s.earliest_end if s else None,
        "earliest_end_notice": s.earliest_end_notice if s else None,
        "ended": s.ended if s else False,
    }


def _agreement(agreement_id: int) -> Agreement:
    return get_or_404(agreement_page_queryset(), pk=agreement_id)


def _contact_out(c: AgreementContact) -> dict:
    return {
        "id": c.pk,
        "party_id": c.party_id,
        "party": c.party_label,
        "person_id": c.person_id,
        "person": str(c.person),
        "role": c.role,
        "email": c.person.email,
        "phone": c.person.phone,
    }


def _optional(model, pk: int | None):
    """The record a payload names by id, or None when it names none."""
    return get_or_404(model, pk=pk) if pk else None


@router.get("/agreements", response=list[AgreementOut], auth=optional)
def list_agreements(request):
    return list(agreement_page_queryset())


@router.post("/agreements", response={201: AgreementOut, **ERRORS})
def create_agreement(request, payload: AgreementIn):
    """Register a draft; it is in force when every party has signed it (R-27)."""
    data = payload.dict()
    parties = objects_by_ids(Organisation.objects, data.pop("party_ids"), field="party_ids")
    data["managed_object"] = _optional(ManagedObject, data.pop("managed_object_id"))
    return Status(201, services.agreement_create(actor=request.auth, parties=parties, **data))


@router.get("/agreements/notice-due", response=list[AgreementStatusOut], auth=optional)
def agreements_notice_due(request, months: Months = 6, date: dt.date | None = None):
    """Agreements whose last day to give notice falls within the next N months."""
    on = date or dt.date.today()
    return [_status(s.agreement, on) for s in notice_due(months, on)]


@router.get(
    "/agreements/{agreement_id}", response={200: AgreementDetailOut, **ERRORS}, auth=optional
)
def get_agreement(request, agreement_id: int):
    """The agreement, its state, who has signed for which party and when (the signer's name
    for signed-in users only), and the agreements it replaces or is replaced by."""
    return _agreement(agreement_id)


@router.patch("/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS})
def update_agreement(request, agreement_id: int, payload: AgreementPatch):
    """Change a draft; on a signed agreement record only notice (`terminated_on`) and notes.
    Its terms are refused: a change of terms is a new agreement (`/replace`)."""
    data = payload.changes()
    if "party_ids" in data:
        ids = data.pop("party_ids") or []
        data["parties"] = objects_by_ids(Organisation.objects, ids, field="party_ids")
    if "managed_object_id" in data:
        data["managed_object"] = _optional(ManagedObject, data.pop("managed_object_id"))
    return services.agreement_update(actor=request.auth, agreement=_agreement(agreement_id), **data)


@router.post("/agreements/{agreement_id}/signatures", response={200: AgreementDetailOut, **ERRORS})
def sign_agreement(request, agreement_id: int, payload: AgreementSignIn):
    """Record one party's signature. When every party has signed, the agreement is signed,
    its terms are frozen, and the agreement it replaces (if any) is replaced."""
    agreement = services.agreement_sign(
        actor=request.auth,
        agreement=_agreement(agreement_id),
        version=payload.version,
        party=_optional(Organisation, payload.party_id),
        counterparty=payload.for_counterparty,
        person=_optional(Person, payload.person_id),
        by_actor=payload.signed_by_me,
        signer_name=payload.signer_name,
        signed_on=payload.signed_on,
    )
    return _agreement(agreement.pk)


@router.delete("/agreements/{agreement_id}", response={204: None, **ERRORS})
def delete_agreement_draft(request, agreement_id: int, version: int | None = None):
    """Remove a draft that will not be signed; a signed agreement is refused."""
    services.agreement_draft_delete(
        actor=request.auth, agreement=get_or_404(Agreement, pk=agreement_id), version=version
    )
    return Status(204, None)


@router.post("/agreements/{agreement_id}/replace", response={201: AgreementOut, **ERRORS})
def replace_agreement(request, agreement_id: int, payload: ReplaceIn):
    """Draft a new agreement that replaces a signed one (a copy of its terms, parties and
    contact persons). The old one stays in force until the new one is signed by all."""
    return Status(
        201,
        services.agreement_replace(
            actor=request.auth, agreement=_agreement(agreement_id), version=payload.version
        ),
    )


@router.get(
    "/agreements/{agreement_id}/contacts", response={200: list[AgreementContactOut], **ERRORS}
)
def agreement_contacts(request, agreement_id: int):
    """The named contact persons per party (signed-in users only: names and contact
    details of people)."""
    return [_contact_out(c) for c in _agreement(agreement_id).contacts.all()]


@router.post("/agreements/{agreement_id}/contacts", response={201: AgreementContactOut, **ERRORS})
def add_agreement_contact(request, agreement_id: int, payload: AgreementContactIn):
    contact = services.agreement_contact_add(
        actor=request.auth,
        agreement=_agreement(agreement_id),
        person=get_or_404(Person, pk=payload.person_id),
        party=_optional(Organisation, payload.party_id),
        counterparty=payload.for_counterparty,
        role=payload.role,
    )
    return Status(201, _contact_out(contact))


@router.delete("/agreements/{agreement_id}/contacts/{contact_id}", response={204: None, **ERRORS})
def remove_agreement_contact(request, agreement_id: int, contact_id: int):
    contact = get_or_404(
        AgreementContact.objects.select_related("agreement", "party", "person"),
        pk=contact_id,
        agreement_id=agreement_id,
    )
    services.agreement_contact_remove(actor=request.auth, contact=contact)
    return Status(204, None)


@router.get("/agreements/{agreement_id}/history", response={200: list[AuditEntryOut], **ERRORS})
def agreement_history(request, agreement_id: int):
    """What happened to the agreement: drafted, changed, signed, replaced, contacts."""
    return history(request, get_or_404(Agreement, pk=agreement_id))


@router.get(
    "/agreements/{agreement_id}/status", response={200: AgreementStatusOut, **ERRORS}, auth=optional
)
def agreement_status_on(request, agreement_id: int, date: dt.date | None = None):
    """The current period and the last day to give notice, on any date (R-27). A draft is in
    force on no day; a replaced agreement ends on its replacement's start."""
    return _status(get_or_404(Agreement, pk=agreement_id), date or dt.date.today())
