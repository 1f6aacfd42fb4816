"""Writes for management plans, status reports, the meeting pack, deviations, quarterly
reports and the activity plan (R-16, R-20, R-21).

Every write takes the one path of `core.changes` (right, lock, version, audit entry); what
stays here is the rule particular to each. Reads come from `selectors` and documents from
`documents`: models <- selectors <- documents <- services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Person
from gits.core.changes import Change, Recorded
from gits.core.documents import render_pdf
from gits.core.errors import DomainError
from gits.core.fields import checked_year
from gits.meetings.models import Decision, Meeting
from gits.plans.documents import meeting_pack_document
from gits.plans.models import (
    QUARTERLY_TEXT_FIELDS,
    SECTION_FIELDS,
    STATUS_FIELDS,
    STATUS_TEXT_FIELDS,
    ActivityPlan,
    Deviation,
    Goal,
    ManagementPlan,
    MeetingPack,
    PlanResource,
    QuarterlyReport,
    Reminder,
    StatusReport,
)
from gits.plans.selectors import plan_content, quarterly_texts, reminders_due, resource_lines
from gits.portfolio.models import ManagedObject

PLAN_FIELDS = [*SECTION_FIELDS, "budget", "meeting"]
STATUS_REPORT_FIELDS = ["date", "coordinators", *STATUS_TEXT_FIELDS]

PLAN = Recorded(ManagementPlan, PLAN_FIELDS, name="plans.plan")
# Approval is SITIV's: a right of its own.
APPROVAL = Recorded(ManagementPlan, (), name="plans.plan", right="plans.plan:approve")
STATUS = Recorded(
    StatusReport, STATUS_REPORT_FIELDS, name="plans.status", right="plans.status:write"
)
PACK = Recorded(MeetingPack, (), name="plans.pack", right="plans.pack:compile")
DEVIATION = Recorded(Deviation, ())
QUARTERLY = Recorded(QuarterlyReport, QUARTERLY_TEXT_FIELDS, name="plans.quarterly")
PUBLICATION = Recorded(QuarterlyReport, (), name="plans.quarterly", right="plans.quarterly:publish")
ACTIVITY_PLAN = Recorded(ActivityPlan, (), name="plans.activity")
# The goals belong to the activity plan, and so does the right to set them.
GOAL = Recorded(Goal, ["state", "comment"], name="plans.goal", right=ACTIVITY_PLAN.right)

# --- management plans ---------------------------------------------------------------------


def _plan_write(
    plan: ManagementPlan, *, actor: Any, verb: str, recorded: Recorded[ManagementPlan] = PLAN
) -> AbstractContextManager[Change[ManagementPlan]]:
    """A step of a plan that notes what it changes (its resources, a submission, an
    approval), shown on its object's page too."""
    return recorded.updating(
        plan, actor=actor, version=None, verb=verb, fields=(), parent=plan.managed_object
    )


def _check_resource(index: int, row: dict[str, Any]) -> None:
    if not (row.get("role") or "").strip():
        raise DomainError(_("Rad %(n)s: ange roll.") % {"n": index}, field="resources")
    if row.get("employment_form") not in PlanResource.EmploymentForm.values:
        raise DomainError(_("Rad %(n)s: välj anställningsform.") % {"n": index}, field="resources")
    fte = Decimal(str(row.get("fte", "1")))
    if not Decimal("0") <= fte <= Decimal("1"):
        raise DomainError(
            _("Rad %(n)s: andelen av heltid ska vara mellan 0 och 1.") % {"n": index},
            field="resources",
        )


def _resources_create(plan: ManagementPlan, rows: list[dict[str, Any]]) -> list[PlanResource]:
    return PlanResource.objects.bulk_create(
        [
            PlanResource(
                plan=plan,
                role=r["role"].strip(),
                activities=r.get("activities", ""),
                employment_form=r["employment_form"],
                fte=Decimal(str(r.get("fte", "1"))),
            )
            for r in rows
        ]
    )


def plan_create(
    *, actor: Any, managed_object: ManagedObject, year: int, **fields: Any
) -> ManagementPlan:
    """Start an object's management plan for a year: one plan per object and year."""
    return PLAN.create(
        obj=ManagementPlan(managed_object=managed_object, year=year),
        actor=actor,
        values=fields,
        parent=managed_object,
        check=_one_plan_a_year,
    )


def _one_plan_a_year(change: Change[ManagementPlan]) -> None:
    plan = change.obj
    if ManagementPlan.objects.filter(managed_object=plan.managed_object, year=plan.year).exists():
        raise DomainError(
            _("%(obj)s har redan en förvaltningsplan för %(year)s.")
            % {"obj": plan.managed_object, "year": plan.year},
            field="year",
        )


def plan_update(
    *, actor: Any, plan: ManagementPlan, version: int | None, **fields: Any
) -> ManagementPlan:
    """Change a plan. An approved plan may change, but stays flagged for SITIV with what
    changed since its approved version until a new approval."""
    parent = plan.managed_object
    return PLAN.update(
        plan, actor=actor, version=version, values=fields, parent=parent, check=_no_negative_budget
    )


def _no_negative_budget(change: Change[ManagementPlan]) -> None:
    budget = change.obj.budget
    if budget is not None and Decimal(budget) < 0:
        raise DomainError(_("Budgeten kan inte vara negativ."), field="budget")


def plan_resources_set(
    *, actor: Any, plan: ManagementPlan, rows: list[dict[str, Any]]
) -> list[PlanResource]:
    """Replace the plan's resources table (role, activities, employment form, share of a post)."""
    with _plan_write(plan, actor=actor, verb="resources") as change:
        for index, row in enumerate(rows, start=1):
            _check_resource(index, row)
        before = resource_lines(change.obj)
        change.obj.resources.all().delete()
        created = _resources_create(change.obj, rows)
        change.note("resurser", before, resource_lines(change.obj))
    return created


def plan_submit(*, actor: Any, plan: ManagementPlan, meeting: Meeting) -> ManagementPlan:
    """Send the plan to a SITIV meeting for approval; it goes into that meeting's pack."""
    with _plan_write(plan, actor=actor, verb="submitted") as change:
        if meeting.body.kind != Body.Kind.STEERING_GROUP:
            raise DomainError(
                _("Förvaltningsplaner godkänns av styrgruppen; välj ett av dess sammanträden."),
                field="meeting",
            )
        plan = change.obj
        plan.meeting = meeting
        if plan.state == ManagementPlan.State.DRAFT:
            plan.state = ManagementPlan.State.SUBMITTED
        change.note("sammanträde", None, str(meeting))
    return plan


def plan_approve(*, actor: Any, plan: ManagementPlan, decision: Decision) -> ManagementPlan:
    """Approval of a plan is a SITIV decision: a decision taken (not referred back) by a
    steering group, about this object when the case names one. The approved content is kept."""
    with _plan_write(plan, actor=actor, verb="approved", recorded=APPROVAL) as change:
        decision = Decision.objects.select_related("item__body", "item__case").get(pk=decision.pk)
        if decision.outcome != Decision.Outcome.DECIDED:
            raise DomainError(
                _(
                    "Planen godkänns bara genom ett fattat beslut, inte en återremiss eller ett avförande."
                ),
                field="decision",
            )
        if decision.item.body.kind != Body.Kind.STEERING_GROUP:
            raise DomainError(
                _("Förvaltningsplaner godkänns av styrgruppen (SITIV)."), field="decision"
            )
        case = decision.item.case
        plan = change.obj
        if case is not None and case.managed_object_id not in (None, plan.managed_object_id):
            raise DomainError(
                _("Beslutet gäller ett annat förvaltningsobjekt (%(obj)s).")
                % {"obj": case.managed_object},
                field="decision",
            )
        plan.state = ManagementPlan.State.APPROVED
        plan.approved_by = decision
        plan.approved_content = plan_content(plan)
        change.note("godkänd genom", None, str(decision))
    return plan


def plan_copy_to_next_year(*, actor: Any, plan: ManagementPlan) -> ManagementPlan:
    """Start next year's plan from this year's: the sections and resources, as a draft."""
    with transaction.atomic():
        new = plan_create(
            actor=actor,
            managed_object=plan.managed_object,
            year=plan.year + 1,
            **{name: getattr(plan, name) for name in SECTION_FIELDS},
        )
        _resources_create(new, plan_content(plan)["resources"])
    return new


# --- status reports -----------------------------------------------------------------------


def _check_status_report(
    report: StatusReport, *, meeting: Meeting, submit: bool, actor: Any
) -> None:
    """The date lies on or before the meeting; handing in needs every field of the form."""
    if report.submitted_at is not None and not submit:
        raise DomainError(_("Rapporten är redan inlämnad; lämna in den igen för att ändra den."))
    if report.date is None:
        raise DomainError(_("Ange datum."), field="date")
    if report.date > meeting.date:
        raise DomainError(
            _("Datumet (%(d)s) kan inte ligga efter sammanträdet den %(m)s.")
            % {"d": report.date.isoformat(), "m": meeting.date.isoformat()},
            field="date",
        )
    if submit:
        if not (report.coordinators or "").strip():
            raise DomainError(
                _("Ange vem eller vilka som är ansvariga för förvaltningsobjektet."),
                field="coordinators",
            )
        for name, label, _help in STATUS_FIELDS:
            if not (getattr(report, name) or "").strip():
                raise DomainError(_("Fyll i ”%(label)s”.") % {"label": label}, field=name)
        report.submitted_at = timezone.now()
        report.submitted_by = actor


def status_report_save(
    *,
    actor: Any,
    managed_object: ManagedObject,
    meeting: Meeting,
    submit: bool,
    version: int | None = None,
    **fields: Any,
) -> StatusReport:
    """Save a status report with exactly the form's fields (seed 003). Submitting checks every
    field; a field that is wrong is named. Due on the meeting's material deadline (R-16)."""
    existing = StatusReport.objects.filter(managed_object=managed_object, meeting=meeting).first()
    new = StatusReport(
        managed_object=managed_object, meeting=meeting, date=fields.get("date") or dt.date.today()
    )
    with STATUS.saving(
        existing or new,
        version=version,
        always=True,
        actor=actor,
        allowed=[*STATUS_REPORT_FIELDS, "coordinator"],
        values=fields,
        verb="submitted" if submit else "saved",
        parent=managed_object,
    ) as change:
        _check_status_report(change.obj, meeting=meeting, submit=submit, actor=actor)
    return change.obj


def reminders_send(
    *,
    today: dt.date | None = None,
    days_ahead: int = 5,
    wants: Callable[[Person], bool] | None = None,
) -> int:
    """E-mail each coordinator whose object has no submitted status report for a meeting whose
    material deadline falls within `days_ahead` days (once per object, meeting and person),
    leaving out those who turned such reminders off (`wants`)."""
    sent = 0
    for meeting, obj, person in reminders_due(today or dt.date.today(), days_ahead):
        if wants is not None and not wants(person):
            continue
        send_mail(
            subject=_("Påminnelse: statusrapport %(obj)s till %(m)s")
            % {"obj": obj.short_name, "m": meeting},
            message=_(
                "Hej %(name)s!\n\nStatusrapporten för %(obj)s till %(body)s sammanträde %(date)s ska vara klar senast %(deadline)s.\n\nGITS"
            )
            % {
                "name": person.first_name,
                "obj": obj.name,
                "body": meeting.body.short_name,
                "date": meeting.date.isoformat(),
                "deadline": meeting.material_deadline.isoformat(),
            },
            from_email=None,
            recipient_list=[person.email],
        )
        Reminder.objects.create(managed_object=obj, meeting=meeting, person=person)
        sent += 1
    return sent


# --- the meeting pack ---------------------------------------------------------------------


def pack_compile(*, actor: Any, meeting: Meeting, automatic: bool = False) -> MeetingPack:
    """Compile the meeting pack (utskick) as one PDF and keep it."""
    with PACK.creating(
        obj=MeetingPack(meeting=meeting, automatic=automatic),
        actor=actor,
        check_right=not automatic,
        verb="compiled",
        parent=meeting,
    ) as change:
        change.obj.compiled_by = None if automatic else actor
        change.obj.pdf = render_pdf(meeting_pack_document(meeting))
        change.note("automatiskt", None, automatic)
    return change.obj


def packs_compile_due(*, today: dt.date | None = None) -> list[MeetingPack]:
    """Compile the pack of every meeting whose material deadline has passed and that has not
    yet been held, once."""
    today = today or dt.date.today()
    done = []
    for meeting in Meeting.objects.filter(date__gte=today).select_related("body"):
        if meeting.material_deadline <= today and not meeting.packs.filter(automatic=True).exists():
            done.append(pack_compile(actor=None, meeting=meeting, automatic=True))
    return done


# --- deviations, quarterly reports, activity plan -----------------------------------------


def deviation_record(
    *,
    actor: Any,
    managed_object: ManagedObject,
    description: str,
    severity: str,
    action: str = "",
    date: dt.date | None = None,
) -> Deviation:
    """Record a deviation on an object, for the quarterly report (R-20)."""
    deviation = Deviation(
        managed_object=managed_object,
        severity=severity,
        action=action,
        date=date or dt.date.today(),
    )
    with DEVIATION.creating(
        obj=deviation, actor=actor, verb="recorded", parent=managed_object
    ) as change:
        if not (description or "").strip():
            raise DomainError(_("Beskriv avvikelsen."), field="description")
        if severity not in Deviation.Severity.values:
            raise DomainError(_("Välj allvarlighetsgrad."), field="severity")
        deviation = change.obj
        deviation.description = description.strip()
        deviation.recorded_by = actor
        change.note("avvikelse", None, deviation.description)
        change.note("allvarlighetsgrad", None, deviation.get_severity_display())
    return deviation


def quarterly_draft(*, actor: Any, year: int, quarter: int) -> QuarterlyReport:
    """Draft (or redraft) the quarterly report from the system's data (R-20). A published
    report is not redrawn."""
    year = checked_year(year)
    report = QuarterlyReport.objects.filter(year=year, quarter=quarter).first()
    with QUARTERLY.saving(
        report or QuarterlyReport(year=year, quarter=quarter),
        actor=actor,
        verb="drafted",
        fields=(),
    ) as change:
        if quarter not in (1, 2, 3, 4):
            raise DomainError(_("Kvartalet ska vara 1–4."), field="quarter")
        report = change.obj
        if report.published_at is not None:
            raise DomainError(_("Kvartalsrapporten är publicerad och kan inte dras om."))
        texts = quarterly_texts(year, quarter)
        for name in QUARTERLY_TEXT_FIELDS:
            if name in texts:
                setattr(report, name, texts[name])
        change.note("period", None, f"{year} Q{quarter}")
    return report


def quarterly_update(
    *, actor: Any, report: QuarterlyReport, version: int | None, **texts: str
) -> QuarterlyReport:
    """Change the texts of a quarterly report that is not yet published."""
    return QUARTERLY.update(report, actor=actor, version=version, values=texts, check=_unpublished)


def _unpublished(change: Change[QuarterlyReport]) -> None:
    if change.obj.published_at is not None:
        raise DomainError(_("Kvartalsrapporten är publicerad och kan inte ändras."))


def quarterly_publish(*, actor: Any, report: QuarterlyReport) -> QuarterlyReport:
    """Publish a quarterly report; it is locked from then on."""
    with PUBLICATION.updating(report, actor=actor, version=None, verb="published") as change:
        report = change.obj
        if report.published_at is not None:
            raise DomainError(_("Kvartalsrapporten är redan publicerad."))
        report.published_at = timezone.now()
        change.note("publicerad", None, report.published_at)
    return report


def activity_plan_create(*, actor: Any, year: int, description: str = "") -> ActivityPlan:
    """Start the activity plan of a year: one a year (R-21)."""
    with ACTIVITY_PLAN.creating(
        obj=ActivityPlan(year=year, description=description), actor=actor
    ) as change:
        if ActivityPlan.objects.filter(year=year).exists():
            raise DomainError(
                _("Det finns redan en verksamhetsplan för %(y)s.") % {"y": year}, field="year"
            )
        change.note("år", None, year)
    return change.obj


def goal_add(
    *,
    actor: Any,
    plan: ActivityPlan,
    text: str,
    horizon: str = Goal.Horizon.SHORT,
    area: str = "",
    managed_object: ManagedObject | None = None,
) -> Goal:
    """Add a goal to the activity plan: long-term (set by SITIV) or short-term (R-21)."""
    goal = Goal(plan=plan, horizon=horizon, area=area, managed_object=managed_object)
    with GOAL.creating(obj=goal, actor=actor, verb="added", fields=(), parent=plan) as change:
        if not (text or "").strip():
            raise DomainError(_("Skriv målet."), field="text")
        if horizon not in Goal.Horizon.values:
            raise DomainError(_("Välj typ av mål."), field="horizon")
        change.obj.text = text.strip()
        change.note("mål", None, change.obj.text)
    return change.obj


def goal_follow_up(
    *,
    actor: Any,
    goal: Goal,
    state: str,
    comment: str,
    date: dt.date | None = None,
    version: int | None = None,
) -> Goal:
    """Follow up a goal, read at `version`, with a state and a comment, for the quarterly and
    annual reports."""
    values = {"state": state, "comment": comment or "", "followed_up_at": date or dt.date.today()}
    return GOAL.update(
        goal,
        actor=actor,
        version=version,
        values=values,
        allowed=[*GOAL.fields, "followed_up_at"],
        verb="followed_up",
        parent=goal.plan,
        always=True,
        check=_known_state,
    )


def _known_state(change: Change[Goal]) -> None:
    if change.obj.state not in Goal.State.values:
        raise DomainError(_("Välj läge för målet."), field="state")
