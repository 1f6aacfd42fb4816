"""Reads: a body's year of meetings, open assignments, the decision register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from gits.bodies.models import Body
from gits.meetings.models import Assignment, Decision, Meeting, Minutes


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


def signed_minutes_exist() -> Exists:
    return Exists(
        Minutes.objects.filter(meeting=OuterRef("item__meeting"), signed_at__isnull=False)
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
    """Every decision, searchable (R-17). The public sees decisions once the minutes that
    record them are signed."""
    qs = Decision.objects.select_related(
        "item__meeting__body", "item__case__managed_object", "item__case__body"
    )
    if public:
        qs = qs.filter(signed_minutes_exist())
    else:
        qs = qs.annotate(minutes_signed=signed_minutes_exist())
    if q:
        qs = qs.filter(
            Q(text__icontains=q)
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
