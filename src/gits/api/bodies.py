import datetime as dt

from django.contrib.auth import get_user_model
from ninja import Router, Schema

from gits.api.auth import optional
from gits.api.common import ERRORS, In, Year, created, filtered, get_or_404, patch_of
from gits.api.resources import Resource
from gits.bodies import services
from gits.bodies.models import Body, Membership, Person, active_on
from gits.bodies.rules import chair_side
from gits.bodies.selectors import body_composition
from gits.core.permissions import require
from gits.core.privacy import without_contact_details
from gits.organisations.models import Organisation, Side

router = Router(tags=["Organ och ledamöter"])


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    title: str
    organisation_id: int | None
    email: str | None = None
    phone: str | None = None
    user_id: int | None = None
    version: int


class PersonAccountIn(In):
    __model__ = Person

    user_id: int | None
    version: int


class PersonIn(In):
    __model__ = Person

    first_name: str
    last_name: str
    title: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""


PersonPatch = patch_of(PersonIn)


class BodyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    description: str
    parent_id: int | None
    members_from_parent: bool
    seats_region: int
    seats_municipalities: int
    chair_rotates: bool
    chair_base_year: int | None
    chair_base_side: str
    min_meetings_per_year: int
    material_days: int
    version: int


class BodyIn(In):
    __model__ = Body

    name: str
    short_name: str
    kind: Body.Kind
    description: str = ""
    parent_id: int | None = None
    members_from_parent: bool = False
    seats_region: int = 0
    seats_municipalities: int = 0
    chair_rotates: bool = False
    chair_base_year: int | None = None
    chair_base_side: str = ""
    min_meetings_per_year: int = 0
    material_days: int = 10


BodyPatch = patch_of(BodyIn)


class MembershipOut(Schema):
    id: int
    body_id: int
    person_id: int
    person_name: str
    side: str
    role: str
    start_date: dt.date
    end_date: dt.date | None
    note: str
    version: int

    @staticmethod
    def resolve_person_name(obj):
        return str(obj.person)


class MembershipIn(In):
    __model__ = Membership

    body_id: int
    person_id: int
    side: Side
    role: Membership.Role = Membership.Role.MEMBER
    start_date: dt.date
    end_date: dt.date | None = None
    note: str = ""


class MembershipEndIn(In):
    __model__ = Membership

    end_date: dt.date
    version: int


class SideOut(Schema):
    side: str
    seats: int
    seated: list[MembershipOut]
    others: list[MembershipOut]


class CompositionOut(Schema):
    body_id: int
    date: dt.date
    chair_side: str | None
    chair: MembershipOut | None
    vice_chair: MembershipOut | None
    secretary: MembershipOut | None
    sides: list[SideOut]


class ChairOut(Schema):
    body_id: int
    year: int
    chair_side: str | None


def _person_out(request, person: Person) -> dict:
    # Contact details are for signed-in users only (gits.core.privacy).
    return without_contact_details(PersonOut.from_orm(person).dict(), request.auth)


@router.get("/people", response=list[PersonOut], auth=optional)
def list_people(request):
    return [_person_out(request, p) for p in Person.objects.order_by("last_name", "first_name")]


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS}, auth=optional)
def get_person(request, person_id: int):
    return _person_out(request, get_or_404(Person, pk=person_id))


people = Resource(router, "/people/{person_id}", Person, PersonOut, services, name="person")
people.create(PersonIn, organisation=Organisation)
people.update(PersonPatch, organisation=Organisation)
people.history()


@router.put("/people/{person_id}/account", response={200: PersonOut, **ERRORS})
def link_person_account(request, person_id: int, payload: PersonAccountIn):
    """Link the person to a user account (`user_id`), or unlink it (`null`), so the member
    signs, reports and receives tasks under their own login. Administrator only; a person has
    at most one account and an account belongs to at most one person."""
    require(request.auth, "bodies.person:link_account")
    person = get_or_404(Person, pk=person_id)
    user = None
    if payload.user_id is not None:
        user = get_or_404(get_user_model(), pk=payload.user_id)
    linked = services.person_account_link(
        actor=request.auth, person=person, user=user, version=payload.version
    )
    return _person_out(request, linked)


@router.get("/bodies", response=list[BodyOut], auth=optional)
def list_bodies(request):
    return list(Body.objects.order_by("pk"))


bodies = Resource(router, "/bodies/{body_id}", Body, BodyOut, services, name="body")
bodies.get(auth=optional)
bodies.create(BodyIn, parent=Body)
bodies.update(BodyPatch, parent=Body)
bodies.history()


@router.get(
    "/bodies/{body_id}/composition", response={200: CompositionOut, **ERRORS}, auth=optional
)
def get_composition(request, body_id: int, date: dt.date | None = None):
    """Who sat in the body on a date (default today), by side, with the chair (R-4, R-5, R-8)."""
    body = get_or_404(Body, pk=body_id)
    c = body_composition(body, date or dt.date.today())
    return {
        "body_id": body.pk,
        "date": c.date,
        "chair_side": c.chair_side,
        "chair": c.chair,
        "vice_chair": c.vice_chair,
        "secretary": c.secretary,
        "sides": [
            {"side": s.side, "seats": s.seats, "seated": s.seated, "others": s.others}
            for s in c.sides
        ],
    }


@router.get("/bodies/{body_id}/chair", response={200: ChairOut, **ERRORS}, auth=optional)
def get_chair_side(request, body_id: int, year: Year):
    """Which side holds the chair in a year (R-5); null for a body whose chair does not rotate."""
    body = get_or_404(Body, pk=body_id)
    return {"body_id": body.pk, "year": year, "chair_side": chair_side(body, year)}


@router.get("/memberships", response=list[MembershipOut], auth=optional)
def list_memberships(
    request, body_id: int | None = None, person_id: int | None = None, date: dt.date | None = None
):
    qs = Membership.objects.select_related("person").order_by("body_id", "side", "start_date")
    qs = filtered(qs, body_id=body_id, person_id=person_id)
    if date:
        qs = qs.filter(active_on(date))
    return list(qs)


@router.post("/memberships", response={201: MembershipOut, **ERRORS})
def add_membership(request, payload: MembershipIn):
    """Appoint a person; refused with the reason (400, field named) if it breaks the body's
    composition rule, the chair rotation or overlaps the person's own assignment."""
    appointees = Person.objects.select_related("organisation")
    return created(services.membership_add, request, payload, body=Body, person=appointees)


@router.post("/memberships/{membership_id}/end", response={200: MembershipOut, **ERRORS})
def end_membership(request, membership_id: int, payload: MembershipEndIn):
    membership = get_or_404(Membership, pk=membership_id)
    return services.membership_end(
        actor=request.auth,
        membership=membership,
        end_date=payload.end_date,
        version=payload.version,
    )
