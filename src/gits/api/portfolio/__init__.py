"""Managed objects through the API: propose, change and move an object in its lifecycle
(R-18), its roles, evaluations (R-19), contacts, support requests and initiatives. The
agreements are in `agreements`."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema, Status

from gits.api.auth import optional
from gits.api.common import ERRORS, In, filtered, get_or_404, patch_of, resolve_ids
from gits.api.paging import paged
from gits.api.portfolio import agreements
from gits.api.resources import Resource
from gits.bodies.models import Body, Person
from gits.meetings.models import Decision
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import (
    Evaluation,
    Initiative,
    Judgement,
    ManagedObject,
    ObjectRole,
    StateChange,
    SupportContact,
    SupportRequest,
)
from gits.portfolio.selectors import municipalities_without_contacts, roles_on

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


class ObjectIn(In):
    __model__ = ManagedObject
    name: str
    short_name: str
    description: str = ""
    area: ManagedObject.Area = ManagedObject.Area.OTHER
    horizon: ManagedObject.Horizon = ManagedObject.Horizon.SHORT


ObjectPatch = patch_of(ObjectIn)


class ObjectMoveIn(In):
    __model__ = StateChange
    to_state: ManagedObject.State
    decision_id: int | None = None
    decision_reference: str = ""
    date: dt.date | None = None
    version: int | None = None


class RoleIn(In):
    __model__ = ObjectRole
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


class JudgementIn(In):
    __model__ = Judgement
    criterion_id: int
    verdict: str
    grounds: str = ""


class EvaluationIn(In):
    __model__ = Evaluation
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


class ContactIn(In):
    __model__ = SupportContact
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


class SupportIn(In):
    __model__ = SupportRequest
    title: str
    description: str
    party_id: int | None = None


class SupportOut(Schema):
    id: int
    title: str
    description: str
    state: str
    version: int


class SupportMove(In):
    __model__ = SupportRequest
    state: SupportRequest.State
    version: int | None = None


class InitiativeIn(In):
    __model__ = Initiative
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


def _add_to_object(service, request, object_id: int, payload: Schema, **targets):
    """Add a record to an object with its service: 201 with the new record (the payload's
    ids resolved as by `resolve_ids`)."""
    data = resolve_ids(payload.dict(), **targets)
    return Status(201, service(actor=request.auth, managed_object=_object(object_id), **data))


@paged(router, "/objects", ObjectOut)
def list_objects(request, area: str = "", state: str = "", horizon: str = ""):
    qs = ManagedObject.objects.order_by("name", "pk")
    return filtered(qs, area=area, state=state, horizon=horizon)


managed_objects = Resource(
    router,
    "/objects/{object_id}",
    ManagedObject,
    ObjectOut,
    services,
    name="object",
    keyword="managed_object",
)
managed_objects.get(auth=optional)
managed_objects.create(ObjectIn, verb="propose")
managed_objects.update(
    ObjectPatch,
    doc="Change only the fields sent, checked against the version the client read.",
)


@router.post("/objects/{object_id}/move", response={200: ObjectOut, **ERRORS})
def move_object(request, object_id: int, payload: ObjectMoveIn):
    """Move in the lifecycle (R-18); co-management and decommissioning need the decision."""
    data = resolve_ids(payload.dict(), decision=Decision.objects.select_related("item__body"))
    return services.object_move(actor=request.auth, managed_object=_object(object_id), **data)


@router.get("/objects/{object_id}/roles", response={200: list[RoleOut], **ERRORS}, auth=optional)
def object_roles(request, object_id: int, date: dt.date | None = None):
    """Who holds which role on a date (default today)."""
    return list(roles_on(_object(object_id), date or dt.date.today()))


@router.post("/objects/{object_id}/roles", response={201: RoleOut, **ERRORS})
def assign_role(request, object_id: int, payload: RoleIn):
    holders = {"body": Body, "person": Person, "organisation": Organisation}
    return _add_to_object(services.role_assign, request, object_id, payload, **holders)


@router.get(
    "/objects/{object_id}/evaluations", response={200: list[EvaluationOut], **ERRORS}, auth=optional
)
def list_evaluations(request, object_id: int):
    return list(_object(object_id).evaluations.all())


@router.post("/objects/{object_id}/evaluations", response={201: EvaluationOut, **ERRORS})
def evaluate(request, object_id: int, payload: EvaluationIn):
    """Evaluate against every active criterion (R-19), with users per side."""
    return _add_to_object(services.evaluation_record, request, object_id, payload)


@router.post("/objects/{object_id}/contacts", response={201: ContactOut, **ERRORS})
def set_contact(request, object_id: int, payload: ContactIn):
    return _add_to_object(services.contact_set, request, object_id, payload, party=Organisation)


@router.get(
    "/objects/{object_id}/contacts/missing", response={200: list[str], **ERRORS}, auth=optional
)
def missing_contacts(request, object_id: int):
    """The municipalities that have named no contact for the object."""
    [row] = municipalities_without_contacts([_object(object_id)])
    return [m.name for m in row.missing]


@router.post("/objects/{object_id}/support-requests", response={201: SupportOut, **ERRORS})
def create_support_request(request, object_id: int, payload: SupportIn):
    return _add_to_object(
        services.support_request_create, request, object_id, payload, party=Organisation
    )


support_requests = Resource(
    router,
    "/support-requests/{request_id}",
    SupportRequest,
    SupportOut,
    services,
    name="support_request",
    keyword="request",
)
support_requests.move(SupportMove)


@router.post("/objects/{object_id}/initiatives", response={201: InitiativeOut, **ERRORS})
def create_initiative(request, object_id: int, payload: InitiativeIn):
    return _add_to_object(services.initiative_save, request, object_id, payload, owner=Person)


router.add_router("", agreements.router)
