"""Reads: a body's year of meetings, open assignments, the decision register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Membership, Person
from gits.bodies.selectors import body_composition
from gits.meetings.models import (
    AgendaItem,
    AgendaTemplate,
    Assignment,
    Decision,
    Meeting,
    Minutes,
)
from gits.meetings.rules import DEFAULT_AGENDA_CLOSING, DEFAULT_AGENDA_OPENING


@dataclass
class YearPlan:
    body: Body
    year: int
    meetings: list[Meeting]

    @property
    def warning(self) -> str | None:
        """R-15: a body meets at least its minimum number of times a year."""
        minimum = self.body.min_meetings_per_year
        if minimum and len(self.meetings) < minimum:
            return _(
                "%(body)s ska sammanträda minst %(min)s gånger per år, men %(year)s har bara %(n)s planerade."
            ) % {"body": self.body, "min": minimum, "year": self.year, "n": len(self.meetings)}
        return None


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's paragraphs in order, each with its case, the case's body (for the diary
    number) and its decision: one query however many paragraphs (issue 15)."""
    return list(meeting.items.select_related("case__body", "decision").order_by("number"))


def year_plan(body: Body, year: int) -> YearPlan:
    meetings = list(
        Meeting.objects.filter(body=body, date__year=year)
        .select_related("body")
        .order_by("date", "start_time")
    )
    return YearPlan(body=body, year=year, meetings=meetings)


def open_assignments(body: Body, before: dt.date | None = None) -> QuerySet[Assignment]:
    """Assignments not yet reported back that the body gave or received: listed on every later
    agenda of the body until they are reported."""
    qs = Assignment.objects.filter(reported_at__isnull=True).filter(
        Q(decision__item__body=body) | Q(assignee_body=body)
    )
    if before is not None:
        qs = qs.filter(decision__item__meeting__date__lt=before)
    return qs.select_related(
        "decision__item__meeting__body", "assignee_body", "assignee_person"
    ).order_by("due_date")


@dataclass
class Presiding:
    """Who presided over a meeting (R-14): the body's chair when present, otherwise the vice
    chair; `absent_chair` names the chair who was absent."""

    person: Person
    role: str
    side: str
    absent_chair: Person | None = None

    @property
    def role_label(self) -> str:
        return str(Membership.Role(self.role).label).lower()

    def __str__(self) -> str:
        if self.absent_chair is not None:
            return _("%(person)s (%(role)s; ordföranden %(chair)s var frånvarande)") % {
                "person": self.person,
                "role": self.role_label,
                "chair": self.absent_chair,
            }
        return f"{self.person} ({self.role_label})"


def meeting_presiding(meeting: Meeting) -> Presiding | None:
    """Who presides, from the attendance and the body's memberships on the meeting's date: the
    chair if recorded present, else the vice chair if present, else nobody. A body without a
    chair or vice chair on the date falls back on the meeting's own chair, when present."""
    present = {a.person_id: a for a in meeting.attendance.select_related("person") if a.present}
    composition = body_composition(meeting.body, meeting.date)
    chair, vice = composition.chair, composition.vice_chair
    if chair is not None and chair.person_id in present:
        return Presiding(chair.person, Membership.Role.CHAIR, present[chair.person_id].side)
    if vice is not None and vice.person_id in present:
        return Presiding(
            vice.person,
            Membership.Role.VICE_CHAIR,
            present[vice.person_id].side,
            absent_chair=chair.person if chair is not None else None,
        )
    if chair is None and vice is None and meeting.chair_id in present:
        row = present[meeting.chair_id]
        return Presiding(row.person, Membership.Role.CHAIR, row.side)
    return None


def current_minutes(meeting: Meeting) -> Minutes | None:
    """The latest version of the meeting's minutes, withdrawn or not."""
    return meeting.minutes.defer("archive_pdf").order_by("-version").first()


def locked_minutes(meeting: Meeting) -> Minutes | None:
    """The latest locked version: the public record of the meeting (R-17)."""
    return (
        meeting.minutes.defer("archive_pdf")
        .filter(signed_at__isnull=False)
        .order_by("-version")
        .first()
    )


def signed_minutes_exist() -> Exists:
    return Exists(
        Minutes.objects.filter(meeting=OuterRef("item__meeting"), signed_at__isnull=False)
    )


def correction_pending() -> Exists:
    """A later version than the one a decision was published in is drafted and not locked."""
    return Exists(
        Minutes.objects.filter(
            meeting=OuterRef("item__meeting"),
            signed_at__isnull=True,
            withdrawn_at__isnull=True,
            version__gt=OuterRef("published_in__version"),
        )
    )


def decision_register(
    *,
    public: bool,
    q: str = "",
    body: int | None = None,
    year: int | None = None,
    managed_object: int | None = None,
    outcome: str = "",
) -> QuerySet[Decision]:
    """Every decision, searchable (R-17), each with `shown_text`. The public sees a decision
    once minutes recording it are locked, with the text of the latest locked version (also
    during a correction, marked by `correction_pending`); signed-in users see the record as it
    stands."""
    qs = Decision.objects.select_related(
        # item__body: a decision's name (`str`) is its paragraph's body, date and number.
        "item__body",
        "item__meeting__body",
        "item__case__managed_object",
        "item__case__body",
    )
    text = "published_text" if public else "text"
    if public:
        qs = qs.filter(published_in__isnull=False)
    else:
        qs = qs.annotate(minutes_signed=signed_minutes_exist())
    qs = qs.annotate(shown_text=F(text), correction_pending=correction_pending())
    if q:
        qs = qs.filter(
            Q(**{f"{text}__icontains": q})
            | Q(item__title__icontains=q)
            | Q(item__case__description__icontains=q)
        )
    if body:
        qs = qs.filter(item__body_id=body)
    if year:
        qs = qs.filter(item__year=year)
    if managed_object:
        qs = qs.filter(item__case__managed_object_id=managed_object)
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.order_by("-item__meeting__date", "-item__number")


def agenda_template_of(body: Body) -> tuple[list[str], list[str]]:
    """The body's standard agenda as (opening items, closing items): its own, or the default
    of a Swedish meeting when it has none."""
    template = AgendaTemplate.objects.filter(body=body).first()
    if template is None:
        return list(DEFAULT_AGENDA_OPENING), list(DEFAULT_AGENDA_CLOSING)
    return list(template.opening), list(template.closing)
