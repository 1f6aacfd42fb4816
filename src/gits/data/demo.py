"""A believable demo set drawn from the seeds, with clearly fictional people (the names are
invented; no real person is meant). Built relative to the current year so the demo always
shows a sitting SITIV with this year's chair. Idempotent like the defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from gits.bodies.models import Body, Membership, Person
from gits.bodies.rules import chair_side
from gits.bodies.services import membership_add, person_create
from gits.organisations.models import Organisation, Side

DEMO_PASSWORD = "gits-demo-2026"
_ASCII = str.maketrans("åäöé", "aaoe")

# (first, last, title, organisation name or SCB code, demo user, role code)
PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    ("Astrid", "Fiktivsson", "Digitaliseringsdirektör", "region", "ledamot-region", "sitiv_member"),
    ("Bengt", "Exempelberg", "Hälso- och sjukvårdsdirektör", "region", "", ""),
    ("Cecilia", "Provlund", "IT-chef", "region", "", ""),
    ("David", "Testström", "Regionutvecklingsdirektör", "region", "", ""),
    ("Eva", "Demosdotter", "Chef Koncernstab digitalisering", "region", "", ""),
    ("Fredrik", "Påhittad", "Kommundirektör", "1480", "ledamot", "sitiv_member"),
    ("Gunilla", "Låtsasson", "Förvaltningschef socialtjänst", "1490", "", ""),
    ("Hassan", "Uppdiktad", "Digitaliseringschef", "1496", "", ""),
    ("Ingrid", "Fantasia", "Kommundirektör", "1488", "", ""),
    ("Johan", "Skenbergh", "IT-strateg", "1481", "", ""),
    ("Karin", "Modellsson", "Utredare, beredningsansvarig", "region", "", ""),
    ("Lars", "Attrapp", "Strateg, beredningsansvarig", "association", "", ""),
    ("Maria", "Prototyp", "Sekreterare", "1480", "", ""),
    ("Nils", "Skissén", "Sekreterare", "region", "", ""),
    ("Olivia", "Ritning", "Funktionsledare GITS", "region", "funktionsledare", "function_lead"),
    (
        "Per",
        "Förlagsson",
        "Funktionskoordinator SAMSA",
        "region",
        "koordinator",
        "function_coordinator",
    ),
    ("Rut", "Utkastsdotter", "Kommunkontakt e-hälsa", "1490", "kommunkontakt", "municipal_contact"),
]


def _organisation(key: str) -> Organisation:
    if key == "region":
        return Organisation.objects.get(kind=Organisation.Kind.REGION)
    if key == "association":
        return Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION)
    return Organisation.objects.get(scb_code=key)


def _create_person(first: str, last: str, title: str, org_key: str) -> Person:
    """A demo person, with an address made of the name in ASCII (Per Förlagsson: per.forlagsson)."""
    return person_create(
        actor=None,
        check_right=False,
        first_name=first,
        last_name=last,
        title=title,
        organisation=_organisation(org_key),
        email=f"{first}.{last}@demo.invalid".lower().translate(_ASCII),
    )


def _user(username: str, person: Person, role: str, *, superuser: bool = False) -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": person.first_name if person else "",
            "last_name": person.last_name if person else "",
            "email": f"{username}@demo.invalid",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    if person is not None and person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def load_demo(*, today: dt.date | None = None) -> int:
    """Create the demo people, users and memberships if they are not there. Returns the
    number of people created."""
    today = today or dt.date.today()
    year = today.year
    start = dt.date(year - 1, 1, 1)
    created = 0
    with transaction.atomic():
        people: dict[str, Person] = {}
        for first, last, title, org_key, username, role in PEOPLE:
            person = Person.objects.filter(first_name=first, last_name=last).first()
            if person is None:
                person = _create_person(first, last, title, org_key)
                created += 1
            people[last] = person
            if username:
                _user(username, person, role)
        _user("admin", None, "admin", superuser=True)
        if not created:
            return 0

        sitiv = Body.objects.get(short_name="SITIV")
        au = Body.objects.get(short_name="SITIV AU")
        prep = Body.objects.get(short_name="Beredningsgruppen")
        region = ["Fiktivsson", "Exempelberg", "Provlund", "Testström", "Demosdotter"]
        municipal = ["Påhittad", "Låtsasson", "Uppdiktad", "Fantasia", "Skenbergh"]
        chair_now = chair_side(sitiv, year) or Side.MUNICIPALITIES
        chair_before = chair_side(sitiv, year - 1) or Side.REGION
        secretary = {Side.REGION: "Skissén", Side.MUNICIPALITIES: "Prototyp"}
        last_year = (dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31))
        this_year = (dt.date(year, 1, 1), dt.date(year, 12, 31))

        def add(
            body: Body, last: str, side: str, role: str, period: tuple[dt.date, dt.date | None]
        ) -> None:
            membership_add(
                actor=None,
                check_right=False,
                body=body,
                person=people[last],
                side=side,
                role=role,
                start_date=period[0],
                end_date=period[1],
            )

        # The two leading members alternate as chair and vice chair; the others sit on.
        for side, names in ((Side.REGION, region), (Side.MUNICIPALITIES, municipal)):
            for last in names[1:]:
                add(sitiv, last, side, Membership.Role.MEMBER, (start, None))
            first = names[0]
            before_role = (
                Membership.Role.CHAIR if side == chair_before else Membership.Role.VICE_CHAIR
            )
            now_role = Membership.Role.CHAIR if side == chair_now else Membership.Role.VICE_CHAIR
            add(sitiv, first, side, before_role, last_year)
            add(sitiv, first, side, now_role, this_year)
        add(sitiv, secretary[chair_before], chair_before, Membership.Role.SECRETARY, last_year)
        add(sitiv, secretary[chair_now], chair_now, Membership.Role.SECRETARY, this_year)
        add(sitiv, "Ritning", Side.REGION, Membership.Role.COOPTED, (start, None))
        # The working committee: two from each side, out of SITIV.
        for last, side in (
            ("Exempelberg", Side.REGION),
            ("Provlund", Side.REGION),
            ("Låtsasson", Side.MUNICIPALITIES),
            ("Uppdiktad", Side.MUNICIPALITIES),
        ):
            add(au, last, side, Membership.Role.MEMBER, (start, None))
        # The preparation group: one official per side.
        add(prep, "Modellsson", Side.REGION, Membership.Role.MEMBER, (start, None))
        add(prep, "Attrapp", Side.MUNICIPALITIES, Membership.Role.MEMBER, (start, None))
    return created
