"""Reads about bodies: composition on a date, the chair of a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from gits.bodies.models import Body, Membership, Person, active_on
from gits.bodies.rules import chair_side
from gits.organisations.models import Side


@dataclass
class SideComposition:
    side: Side
    seats: int
    seated: list[Membership] = field(default_factory=list)
    others: list[Membership] = field(default_factory=list)  # substitutes, co-opted, secretary

    @property
    def vacant(self) -> int:
        return max(self.seats - len(self.seated), 0)


@dataclass
class Composition:
    body: Body
    date: dt.date
    sides: list[SideComposition]
    chair_side: Side | None
    chair: Membership | None
    vice_chair: Membership | None
    secretary: Membership | None

    @property
    def seated_count(self) -> int:
        return sum(len(s.seated) for s in self.sides)


def body_composition(body: Body, date: dt.date) -> Composition:
    """Who sat in the body on date, by side (R-4, R-8), with this year's chair side (R-5).
    One query, whatever the size of the body."""
    memberships = (
        Membership.objects.filter(active_on(date), body=body)
        .select_related("person__organisation")
        .order_by("person__last_name", "person__first_name")
    )
    sides = {s: SideComposition(side=s, seats=body.seats_for(s)) for s in Side}
    single: dict[str, Membership] = {}
    order = {Membership.Role.CHAIR: 0, Membership.Role.VICE_CHAIR: 1, Membership.Role.MEMBER: 2}
    for m in memberships:
        target = sides[Side(m.side)]
        (target.seated if m.holds_seat else target.others).append(m)
        if m.role in Membership.SINGLE_ROLES:
            single[m.role] = m
    for s in sides.values():
        s.seated.sort(key=lambda m: order.get(Membership.Role(m.role), 3))
    return Composition(
        body=body,
        date=date,
        sides=list(sides.values()),
        chair_side=chair_side(body, date.year),
        chair=single.get(Membership.Role.CHAIR),
        vice_chair=single.get(Membership.Role.VICE_CHAIR),
        secretary=single.get(Membership.Role.SECRETARY),
    )


def bodies_with_counts(date: dt.date):
    """All bodies with the number of seated members on date, in one query."""
    seated = (
        Q(memberships__role__in=Membership.SEAT_ROLES)
        & Q(memberships__start_date__lte=date)
        & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=date))
    )
    return (
        Body.objects.select_related("parent")
        .annotate(
            seated_region=Count("memberships", filter=seated & Q(memberships__side=Side.REGION)),
            seated_municipalities=Count(
                "memberships", filter=seated & Q(memberships__side=Side.MUNICIPALITIES)
            ),
        )
        .order_by("pk")
    )


@dataclass
class ChairOfYear:
    pk: int
    short_name: str
    chair_side: Side
    chair_person: Person | None

    @property
    def chair_side_label(self) -> str:
        return str(self.chair_side.label)


def chair_overview(year: int) -> list[ChairOfYear]:
    """For each body with a rotating chair: which side holds the chair in year, and who
    (on today's date if the year is the current one, else on 1 July)."""
    today = dt.date.today()
    date = today if today.year == year else dt.date(year, 7, 1)
    bodies = list(Body.objects.filter(chair_rotates=True).order_by("pk"))
    chairs = {
        m.body_id: m.person
        for m in Membership.objects.filter(
            active_on(date), body__in=bodies, role=Membership.Role.CHAIR
        ).select_related("person")
    }
    result = []
    for body in bodies:
        side = chair_side(body, year)
        if side is not None:
            result.append(ChairOfYear(body.pk, body.short_name, side, chairs.get(body.pk)))
    return result
