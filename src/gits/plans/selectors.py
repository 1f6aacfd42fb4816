"""Reads: who reports, what is missing, what a plan holds and what changed since its
approval, quarterly texts. Selectors read the models only; services and documents build on
them (models <- selectors <- documents, services)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Person
from gits.core.money import kr
from gits.meetings.models import Decision, Meeting
from gits.plans.models import (
    PLAN_SECTIONS,
    SECTION_FIELDS,
    Deviation,
    Goal,
    ManagementPlan,
    PlanResource,
    Reminder,
    StatusReport,
)
from gits.portfolio.models import ManagedObject

# Objects that report to SITIV: decided for co-management, in management, or being wound up.
REPORTING_STATES = [
    ManagedObject.State.CO_MANAGEMENT_DECIDED,
    ManagedObject.State.IN_MANAGEMENT,
    ManagedObject.State.DECOMMISSIONING_DECIDED,
]


def expected_objects(meeting: Meeting) -> list[ManagedObject]:
    return list(ManagedObject.objects.filter(state__in=REPORTING_STATES).order_by("name"))


@dataclass(frozen=True)
class PlanRow:
    """A row of the plans page with its texts written once (issue 15)."""

    url: str
    name: str
    year: str
    state: str


def plan_rows(plans: Iterable[ManagementPlan]) -> list[PlanRow]:
    """The rows of a page of plans (with their objects, select_related)."""
    states = {value: str(label) for value, label in ManagementPlan.State.choices}
    return [
        PlanRow(
            reverse("plans:plan", args=[p.pk]),
            p.managed_object.name,
            str(p.year),
            states.get(p.state, p.state),
        )
        for p in plans
    ]


def objects_without_plan(year: int, search: str = "") -> QuerySet[ManagedObject]:
    """The objects that have no management plan for the year (one plan per object and
    year), by name; `search` narrows them to names and short names that contain it."""
    qs = ManagedObject.objects.exclude(
        Exists(ManagementPlan.objects.filter(managed_object=OuterRef("pk"), year=year))
    ).order_by("name", "pk")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(short_name__icontains=search))
    return qs


def coordinators_of(obj: ManagedObject, date: dt.date) -> list[Person]:
    """The object's function coordinators on a date: from the portfolio's roles when that
    capability provides them, else whoever last reported for the object."""
    try:
        portfolio = import_module("gits.portfolio.selectors")
        people = list(portfolio.coordinators_on(obj, date))
        if people:
            return people
    except (ImportError, AttributeError):
        pass
    last = (
        StatusReport.objects.filter(managed_object=obj, coordinator__isnull=False)
        .select_related("coordinator")
        .order_by("-date")
        .first()
    )
    return [last.coordinator] if last and last.coordinator else []


@dataclass
class ReportStatus:
    managed_object: ManagedObject
    report: StatusReport | None
    deadline: dt.date

    @property
    def state(self) -> str:
        if self.report is None or self.report.submitted_at is None:
            return "missing" if self.deadline < dt.date.today() or self.report is None else "draft"
        return "late" if self.report.is_late else "submitted"

    @property
    def label(self) -> str:
        return {
            "missing": _("saknas"),
            "draft": _("påbörjad, ej inlämnad"),
            "late": _("inlämnad för sent"),
            "submitted": _("inlämnad"),
        }[self.state]


def status_overview(meeting: Meeting) -> list[ReportStatus]:
    """Per expected object: reported, late, or missing (R-16). Two queries."""
    reports = {
        r.managed_object_id: r for r in meeting.status_reports.select_related("managed_object")
    }
    return [
        ReportStatus(o, reports.get(o.pk), meeting.material_deadline)
        for o in expected_objects(meeting)
    ]


def _word_diff(before: str, after: str) -> SafeString:
    a, b = before.split(), after.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out))  # noqa: S308 - every piece is escaped above


@dataclass
class SectionChange:
    label: str
    before: str
    after: str

    @property
    def html(self) -> SafeString:
        return _word_diff(self.before, self.after)


def plan_content(plan: ManagementPlan) -> dict[str, Any]:
    """What an approval freezes: the sections, the resources and the budget."""
    return {
        "sections": {name: getattr(plan, name) for name in SECTION_FIELDS},
        "resources": [
            {
                "role": r.role,
                "activities": r.activities,
                "employment_form": r.employment_form,
                "fte": str(r.fte),
            }
            for r in plan.resources.order_by("pk")
        ],
        "budget": str(plan.budget) if plan.budget is not None else None,
    }


def changes_since_approval(plan: ManagementPlan) -> list[SectionChange]:
    """What changed in an approved plan since its approval, section by section, for SITIV."""
    if not plan.approved_content:
        return []
    approved, now = plan.approved_content, plan_content(plan)
    changes = [
        SectionChange(str(label), approved["sections"].get(name, ""), now["sections"][name])
        for name, label in PLAN_SECTIONS
        if approved["sections"].get(name, "") != now["sections"][name]
    ]

    def rows(resources: list[dict[str, Any]]) -> str:
        forms = dict(PlanResource.EmploymentForm.choices)
        return "; ".join(
            f"{r['role']} ({forms.get(r['employment_form'], r['employment_form'])}, "
            f"{number_format(Decimal(r['fte']))})"
            for r in resources
        )

    if approved["resources"] != now["resources"]:
        changes.append(
            SectionChange(_("Resurser"), rows(approved["resources"]), rows(now["resources"]))
        )
    if approved["budget"] != now["budget"]:
        # Stored as text in the approved content; shown as the plan page shows money.
        changes.append(SectionChange(_("Budget"), kr(approved["budget"]), kr(now["budget"])))
    return changes


def quarter_period(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (
        dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    ) - dt.timedelta(days=1)
    return start, end


def quarterly_texts(year: int, quarter: int) -> dict[str, str]:
    """Draft texts for the quarterly report from what the system knows (R-20)."""
    start, end = quarter_period(year, quarter)
    plans = list(
        ManagementPlan.objects.filter(year=year)
        .select_related("managed_object")
        .prefetch_related("resources")
    )
    fte: dict[str, float] = {}
    for plan in plans:
        for r in plan.resources.all():
            fte[r.get_employment_form_display()] = fte.get(
                r.get_employment_form_display(), 0
            ) + float(r.fte)
    budget = sum((p.budget for p in plans if p.budget is not None), start=0)
    economy = [_("Beslutad budget i årets förvaltningsplaner: %(b)s.") % {"b": kr(budget)}]
    if fte:
        economy.append(
            _("Bemanning enligt planerna (andel av heltid): %(list)s.")
            % {"list": ", ".join(f"{k} {v:.2f}".replace(".", ",") for k, v in sorted(fte.items()))}
        )
    try:
        finance = import_module("gits.finance.selectors")
        economy.append(str(finance.quarter_summary(year, quarter)))
    except (ImportError, AttributeError):
        pass

    reports = {
        r.managed_object_id: r
        for r in StatusReport.objects.filter(
            meeting__date__range=(start, end), submitted_at__isnull=False
        )
        .select_related("managed_object")
        .order_by("date")
    }
    objects = []
    for plan in plans:
        report = reports.get(plan.managed_object_id)
        line = f"{plan.managed_object.name}: {_('förvaltningsplanen')} {plan.get_state_display().lower()}"
        if report is not None:
            line += f". {_('Statusrapport')} {report.date.isoformat()}: {report.events.strip().splitlines()[0] if report.events.strip() else ''}"
        objects.append(line)

    development = []
    try:
        portfolio = import_module("gits.portfolio.selectors")
        development = [str(i) for i in portfolio.initiatives_during(start, end)]
    except (ImportError, AttributeError):
        pass
    deviations = [
        f"{d.date.isoformat()} {d.managed_object.short_name} ({d.get_severity_display().lower()}): {d.description}"
        + (f" {_('Åtgärd')}: {d.action}" if d.action else "")
        for d in Deviation.objects.filter(date__range=(start, end)).select_related("managed_object")
    ]
    goals = [
        f"{g.text} – {g.get_state_display().lower()}" + (f": {g.comment}" if g.comment else "")
        for g in Goal.objects.filter(plan__year=year).order_by("horizon", "pk")
    ]
    return {
        "economy_staffing": "\n".join(economy),
        "objects_status": "\n".join(objects) or _("Inga förvaltningsplaner för året."),
        "development": "\n".join(development)
        or _("Inga utvecklingsaktiviteter registrerade för perioden."),
        "deviations": "\n".join(deviations) or _("Inga avvikelser under perioden."),
        "goals": "\n".join(goals) or _("Ingen verksamhetsplan med mål för året."),
    }


def decisions_of_year(year: int):
    return (
        Decision.objects.filter(item__year=year)
        .select_related("item__meeting__body", "item__case")
        .order_by("item__meeting__date", "item__number")
    )


def person_for(user: Any) -> Person | None:
    """The person a signed-in user is, if any."""
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def _steering_meetings(today: dt.date) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        date__gte=today, body__kind=Body.Kind.STEERING_GROUP
    ).select_related("body")


def _missing_reports(meeting: Meeting) -> list[ManagedObject]:
    """The objects expected to report to the meeting that have not handed in."""
    submitted = set(
        meeting.status_reports.filter(submitted_at__isnull=False).values_list(
            "managed_object_id", flat=True
        )
    )
    return [obj for obj in expected_objects(meeting) if obj.pk not in submitted]


def reminders_due(
    today: dt.date, days_ahead: int
) -> Iterator[tuple[Meeting, ManagedObject, Person]]:
    """Whom to remind of which report: each coordinator with an e-mail address of an object
    with no submitted status report for a meeting whose material deadline falls within
    `days_ahead` days, not reminded of it before."""
    for meeting in _steering_meetings(today):
        deadline = meeting.material_deadline
        if not today <= deadline <= today + dt.timedelta(days=days_ahead):
            continue
        for obj in _missing_reports(meeting):
            for person in coordinators_of(obj, deadline):
                if (
                    person.email
                    and not Reminder.objects.filter(
                        managed_object=obj, meeting=meeting, person=person
                    ).exists()
                ):
                    yield meeting, obj, person


def resource_lines(plan: ManagementPlan) -> list[str]:
    """The plan's resources as the history shows them: one line a row."""
    return [
        f"{r.role}{': ' + r.activities if r.activities else ''} "
        f"({r.get_employment_form_display()}, {str(r.fte).replace('.', ',')})"
        for r in plan.resources.order_by("pk")
    ]
