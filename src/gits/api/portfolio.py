import datetime as dt
from decimal import Decimal

from ninja import Field, Router, Schema, Status

from gits.api.auth import optional
from gits.api.common import ERRORS, AuditEntryOut, Months, get_or_404, history
from gits.bodies.models import Body, Person
from gits.meetings.models import Decision
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import (
    Agreement,
    AgreementContact,
    Initiative,
    ManagedObject,
    ObjectRole,
    SupportContact,
    SupportRequest,
)
from gits.portfolio.selectors import (
    agreement_page_queryset,
    agreement_status,
    municipalities_without_contacts,
    notice_due,
    roles_on,
    signing_rows,
)

router = Router(tags=["Förvaltningsobjekt"])


class ObjectOut(Schema):
    id: int
    name: str
    short_name: str
    description: str
    area: str
    horizon: str
    state: str
    version: int


class ObjectIn(Schema):
    name: str
    short_name: str
    description: str = ""
    area: ManagedObject.Area = ManagedObject.Area.OTHER
    horizon: ManagedObject.Horizon = ManagedObject.Horizon.SHORT


class ObjectPatch(Schema):
    version: int
    name: str | None = None
    short_name: str | None = None
    description: str | None = None
    area: ManagedObject.Area | None = None
    horizon: ManagedObject.Horizon | None = None


class MoveIn(Schema):
    to_state: ManagedObject.State
    decision_id: int | None = None
    decision_reference: str = ""
    date: dt.date | None = None
    version: int | None = None


class RoleIn(Schema):
    role: ObjectRole.Role
    start_date: dt.date
    end_date: dt.date | None = None
    body_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    holder_text: str = ""


class RoleOut(Schema):
    id: int
    role: str
    holder: str
    start_date: dt.date
    end_date: dt.date | None


class JudgementIn(Schema):
    criterion_id: int
    verdict: str
    grounds: str = ""


class EvaluationIn(Schema):
    judgements: list[JudgementIn]
    users_region: int
    users_municipalities: int
    recommend: bool
    recommendation: str = ""


class JudgementOut(Schema):
    criterion_text: str
    verdict: str
    grounds: str


class EvaluationOut(Schema):
    id: int
    date: dt.date
    users_region: int
    users_municipalities: int
    share_municipalities: int | None
    recommend: bool
    recommendation: str
    judgements: list[JudgementOut]

    @staticmethod
    def resolve_judgements(obj):
        return list(obj.judgements.all())


class ContactIn(Schema):
    party_id: int
    kind: SupportContact.Kind
    name: str
    email: str = ""
    phone: str = ""


class ContactOut(Schema):
    id: int
    party_id: int
    kind: str
    name: str
    email: str


class SupportIn(Schema):
    title: str
    description: str
    party_id: int | None = None


class SupportOut(Schema):
    id: int
    title: str
    description: str
    state: str
    version: int


class SupportMove(Schema):
    state: SupportRequest.State
    version: int | None = None


class AgreementIn(Schema):
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


class AgreementPatch(Schema):
    """A draft's terms, parties and notes; on a signed agreement only notice and notes."""

    version: int
    kind: Agreement.Kind | None = None
    title: str | None = None
    managed_object_id: int | None = None
    party_ids: list[int] | None = None
    counterparty: str | None = None
    start_date: dt.date | None = None
    first_end: dt.date | None = None
    renewal_years: int | None = None
    notice_months: int | None = None
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


class SignatureOut(Schema):
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
    signatures: list[SignatureOut]
    unsigned: list[str]

    @staticmethod
    def resolve_signatures(obj, context):
        signed_in = getattr(getattr(context["request"], "auth", None), "is_authenticated", False)
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


class SignIn(Schema):
    """One party's signature: `party_id` (one of the agreement's parties) or
    `for_counterparty`; who signed: `person_id`, `signer_name` (someone outside the person
    register), `signed_by_me` (the token's user), or a person and the user."""

    version: int | None = None
    party_id: int | None = None
    for_counterparty: bool = False
    person_id: int | None = None
    signer_name: str = Field("", max_length=200)
    signed_by_me: bool = False
    signed_on: dt.date | None = None


class ReplaceIn(Schema):
    version: int | None = None


class AgreementContactIn(Schema):
    person_id: int
    party_id: int | None = None
    for_counterparty: bool = False
    role: str = Field("", max_length=200)


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


class InitiativeIn(Schema):
    title: str
    goal: str = ""
    owner_id: int | None = None
    state: Initiative.State = Initiative.State.PLANNED
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget: Decimal | None = None


class InitiativeOut(Schema):
    id: int
    title: str
    goal: str
    owner_id: int | None
    state: str
    start_date: dt.date | None
    end_date: dt.date | None
    budget: Decimal | None


def _object(object_id: int) -> ManagedObject:
    return get_or_404(ManagedObject, pk=object_id)


def _optional(model, pk: int | None):
    """The record a payload names by id, or None when it names none."""
    return get_or_404(model, pk=pk) if pk else None


def _add_to_object(service, request, object_id: int, **data):
    """Add a record to an object with its service: 201 with the new record."""
    return Status(201, service(actor=request.auth, managed_object=_object(object_id), **data))


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


@router.get("/objects", response=list[ObjectOut], auth=optional)
def list_objects(request, area: str = "", state: str = "", horizon: str = ""):
    qs = ManagedObject.objects.order_by("name")
    for key, value in (("area", area), ("state", state), ("horizon", horizon)):
        if value:
            qs = qs.filter(**{key: value})
    return list(qs)


@router.get("/objects/{object_id}", response={200: ObjectOut, **ERRORS}, auth=optional)
def get_object(request, object_id: int):
    return _object(object_id)


@router.post("/objects", response={201: ObjectOut, **ERRORS})
def propose_object(request, payload: ObjectIn):
    return Status(201, services.object_propose(actor=request.auth, **payload.dict()))


@router.patch("/objects/{object_id}", response={200: ObjectOut, **ERRORS})
def update_object(request, object_id: int, payload: ObjectPatch):
    """Change only the fields sent, checked against the version the client read."""
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    return services.object_update(
        actor=request.auth, managed_object=_object(object_id), version=version, **data
    )


@router.post("/objects/{object_id}/move", response={200: ObjectOut, **ERRORS})
def move_object(request, object_id: int, payload: MoveIn):
    """Move in the lifecycle (R-18); co-management and decommissioning need the decision."""
    data = payload.dict()
    decision = _optional(Decision.objects.select_related("item__body"), data.pop("decision_id"))
    return services.object_move(
        actor=request.auth, managed_object=_object(object_id), decision=decision, **data
    )


@router.get("/objects/{object_id}/roles", response={200: list[RoleOut], **ERRORS}, auth=optional)
def object_roles(request, object_id: int, date: dt.date | None = None):
    """Who holds which role on a date (default today)."""
    return list(roles_on(_object(object_id), date or dt.date.today()))


@router.post("/objects/{object_id}/roles", response={201: RoleOut, **ERRORS})
def assign_role(request, object_id: int, payload: RoleIn):
    data = payload.dict()
    holders = {
        "body": _optional(Body, data.pop("body_id")),
        "person": _optional(Person, data.pop("person_id")),
        "organisation": _optional(Organisation, data.pop("organisation_id")),
    }
    return _add_to_object(services.role_assign, request, object_id, **data, **holders)


@router.get(
    "/objects/{object_id}/evaluations", response={200: list[EvaluationOut], **ERRORS}, auth=optional
)
def list_evaluations(request, object_id: int):
    return list(_object(object_id).evaluations.all())


@router.post("/objects/{object_id}/evaluations", response={201: EvaluationOut, **ERRORS})
def evaluate(request, object_id: int, payload: EvaluationIn):
    """Evaluate against every active criterion (R-19), with users per side."""
    return _add_to_object(services.evaluation_record, request, object_id, **payload.dict())


@router.post("/objects/{object_id}/contacts", response={201: ContactOut, **ERRORS})
def set_contact(request, object_id: int, payload: ContactIn):
    data = payload.dict()
    data["party"] = get_or_404(Organisation, pk=data.pop("party_id"))
    return _add_to_object(services.contact_set, request, object_id, **data)


@router.get(
    "/objects/{object_id}/contacts/missing", response={200: list[str], **ERRORS}, auth=optional
)
def missing_contacts(request, object_id: int):
    """The municipalities that have named no contact for the object."""
    [row] = municipalities_without_contacts([_object(object_id)])
    return [m.name for m in row.missing]


@router.post("/objects/{object_id}/support-requests", response={201: SupportOut, **ERRORS})
def create_support_request(request, object_id: int, payload: SupportIn):
    data = payload.dict()
    data["party"] = _optional(Organisation, data.pop("party_id"))
    return _add_to_object(services.support_request_create, request, object_id, **data)


@router.post("/support-requests/{request_id}/move", response={200: SupportOut, **ERRORS})
def move_support_request(request, request_id: int, payload: SupportMove):
    return services.support_request_move(
        actor=request.auth,
        request=get_or_404(SupportRequest, pk=request_id),
        to_state=payload.state,
        version=payload.version,
    )


@router.post("/objects/{object_id}/initiatives", response={201: InitiativeOut, **ERRORS})
def create_initiative(request, object_id: int, payload: InitiativeIn):
    data = payload.dict()
    data["owner"] = _optional(Person, data.pop("owner_id"))
    return _add_to_object(services.initiative_save, request, object_id, **data)


@router.get("/agreements", response=list[AgreementOut], auth=optional)
def list_agreements(request):
    return list(agreement_page_queryset())


@router.post("/agreements", response={201: AgreementOut, **ERRORS})
def create_agreement(request, payload: AgreementIn):
    """Register a draft; it is in force when every party has signed it (R-27)."""
    data = payload.dict()
    parties = [get_or_404(Organisation, pk=pk) for pk in data.pop("party_ids")]
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
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    if "party_ids" in data:
        ids = data.pop("party_ids") or []
        data["parties"] = [get_or_404(Organisation, pk=pk) for pk in ids]
    if "managed_object_id" in data:
        data["managed_object"] = _optional(ManagedObject, data.pop("managed_object_id"))
    return services.agreement_update(
        actor=request.auth, agreement=_agreement(agreement_id), version=version, **data
    )


@router.post("/agreements/{agreement_id}/signatures", response={200: AgreementDetailOut, **ERRORS})
def sign_agreement(request, agreement_id: int, payload: SignIn):
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
