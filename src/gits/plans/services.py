"""Writes for management plans, status reports, the meeting pack, deviations, quarterly
reports and the activity plan (R-16, R-20, R-21)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Person
from gits.core.audit import audit_record, diff, snapshot
from gits.core.concurrency import bump_version, check_version
from gits.core.documents import render_pdf
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import Decision, Meeting
from gits.plans.models import (
    PLAN_SECTIONS,
    STATUS_FIELDS,
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
from gits.portfolio.models import ManagedObject

SECTION_FIELDS = [name for name, _label in PLAN_SECTIONS]
PLAN_FIELDS = [*SECTION_FIELDS, "budget", "meeting"]
REPORT_TEXT_FIELDS = [
    "economy_staffing",
    "objects_status",
    "development",
    "deviations",
    "goals",
    "other",
]


# --- management plans ---------------------------------------------------------------------


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


def plan_create(
    *, actor: Any, managed_object: ManagedObject, year: int, **fields: Any
) -> ManagementPlan:
    with transaction.atomic():
        require(actor, "plans.plan:change")
        if ManagementPlan.objects.filter(managed_object=managed_object, year=year).exists():
            raise DomainError(
                _("%(obj)s har redan en förvaltningsplan för %(year)s.")
                % {"obj": managed_object, "year": year},
                field="year",
            )
        plan = ManagementPlan.objects.create(managed_object=managed_object, year=year, **fields)
        audit_record(
            action="plans.plan.created",
            obj=plan,
            actor=actor,
            parent=managed_object,
            changes=diff({}, snapshot(plan, PLAN_FIELDS)),
        )
    return plan


def plan_update(
    *, actor: Any, plan: ManagementPlan, version: int | None, **fields: Any
) -> ManagementPlan:
    """Change a plan. An approved plan may change, but stays flagged for SITIV with what
    changed since its approved version until a new approval."""
    with transaction.atomic():
        require(actor, "plans.plan:change")
        plan = ManagementPlan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, version)
        before = snapshot(plan, PLAN_FIELDS)
        for name, value in fields.items():
            if name not in PLAN_FIELDS:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            if name == "budget" and value is not None and Decimal(value) < 0:
                raise DomainError(_("Budgeten kan inte vara negativ."), field="budget")
            setattr(plan, name, value if value is not None or name in ("budget", "meeting") else "")
        changes = diff(before, snapshot(plan, PLAN_FIELDS))
        if changes:
            bump_version(plan)
            plan.save()
            audit_record(
                action="plans.plan.changed",
                obj=plan,
                actor=actor,
                parent=plan.managed_object,
                changes=changes,
            )
    return plan


def plan_resources_set(
    *, actor: Any, plan: ManagementPlan, rows: list[dict[str, Any]]
) -> list[PlanResource]:
    """Replace the plan's resources table (role, activities, employment form, share of a post)."""
    with transaction.atomic():
        require(actor, "plans.plan:change")
        before = plan_content(plan)["resources"]
        for index, row in enumerate(rows, start=1):
            if not (row.get("role") or "").strip():
                raise DomainError(_("Rad %(n)s: ange roll.") % {"n": index}, field="resources")
            if row.get("employment_form") not in PlanResource.EmploymentForm.values:
                raise DomainError(
                    _("Rad %(n)s: välj anställningsform.") % {"n": index}, field="resources"
                )
            fte = Decimal(str(row.get("fte", "1")))
            if not Decimal("0") <= fte <= Decimal("1"):
                raise DomainError(
                    _("Rad %(n)s: andelen av heltid ska vara mellan 0 och 1.") % {"n": index},
                    field="resources",
                )
        plan.resources.all().delete()
        created = PlanResource.objects.bulk_create(
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
        ManagementPlan.objects.filter(pk=plan.pk).update(version=plan.version + 1)
        plan.version += 1
        audit_record(
            action="plans.plan.resources",
            obj=plan,
            actor=actor,
            parent=plan.managed_object,
            changes={"resurser": [before, plan_content(plan)["resources"]]},
        )
    return created


def plan_submit(*, actor: Any, plan: ManagementPlan, meeting: Meeting) -> ManagementPlan:
    """Send the plan to a SITIV meeting for approval; it goes into that meeting's pack."""
    with transaction.atomic():
        require(actor, "plans.plan:change")
        if meeting.body.kind != Body.Kind.STEERING_GROUP:
            raise DomainError(
                _("Förvaltningsplaner godkänns av styrgruppen; välj ett av dess sammanträden."),
                field="meeting",
            )
        plan.meeting = meeting
        if plan.state == ManagementPlan.State.DRAFT:
            plan.state = ManagementPlan.State.SUBMITTED
        bump_version(plan)
        plan.save()
        audit_record(
            action="plans.plan.submitted",
            obj=plan,
            actor=actor,
            parent=plan.managed_object,
            changes={"sammanträde": [None, str(meeting)]},
        )
    return plan


def plan_approve(*, actor: Any, plan: ManagementPlan, decision: Decision) -> ManagementPlan:
    """Approval of a plan is a SITIV decision: a decision taken (not referred back) by a
    steering group, about this object when the case names one. The approved content is kept."""
    with transaction.atomic():
        require(actor, "plans.plan:approve")
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
        if case is not None and case.managed_object_id not in (None, plan.managed_object_id):
            raise DomainError(
                _("Beslutet gäller ett annat förvaltningsobjekt (%(obj)s).")
                % {"obj": case.managed_object},
                field="decision",
            )
        plan.state = ManagementPlan.State.APPROVED
        plan.approved_by = decision
        plan.approved_content = plan_content(plan)
        bump_version(plan)
        plan.save()
        audit_record(
            action="plans.plan.approved",
            obj=plan,
            actor=actor,
            parent=plan.managed_object,
            changes={"godkänd genom": [None, str(decision)]},
        )
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
        PlanResource.objects.bulk_create(
            [
                PlanResource(
                    plan=new,
                    role=r.role,
                    activities=r.activities,
                    employment_form=r.employment_form,
                    fte=r.fte,
                )
                for r in plan.resources.all()
            ]
        )
    return new


# --- status reports -----------------------------------------------------------------------


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
    with transaction.atomic():
        require(actor, "plans.status:write")
        report = (
            StatusReport.objects.select_for_update()
            .filter(managed_object=managed_object, meeting=meeting)
            .first()
        )
        if report is not None:
            check_version(report, version)
            if report.submitted_at is not None and not submit:
                raise DomainError(
                    _("Rapporten är redan inlämnad; lämna in den igen för att ändra den.")
                )
        else:
            report = StatusReport(
                managed_object=managed_object,
                meeting=meeting,
                date=fields.get("date") or dt.date.today(),
            )
        before = (
            snapshot(report, ["date", "coordinators", *[f for f, _l, _h in STATUS_FIELDS]])
            if report.pk
            else {}
        )
        for name, value in fields.items():
            if name not in {
                "date",
                "coordinators",
                "coordinator",
                *[f for f, _l, _h in STATUS_FIELDS],
            }:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(
                report,
                name,
                value if value is not None else ("" if name != "coordinator" else None),
            )
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
        if report.pk:
            bump_version(report)
        report.save()
        changes = diff(
            before, snapshot(report, ["date", "coordinators", *[f for f, _l, _h in STATUS_FIELDS]])
        )
        audit_record(
            action="plans.status.submitted" if submit else "plans.status.saved",
            obj=report,
            actor=actor,
            parent=managed_object,
            changes=changes,
        )
    return report


def reminders_send(*, today: dt.date | None = None, days_ahead: int = 5) -> int:
    """E-mail each coordinator whose object has no submitted status report for a meeting whose
    material deadline falls within `days_ahead` days (once per object, meeting and person)."""
    from gits.plans.selectors import coordinators_of, expected_objects

    today = today or dt.date.today()
    sent = 0
    meetings = Meeting.objects.filter(
        date__gte=today, body__kind=Body.Kind.STEERING_GROUP
    ).select_related("body")
    for meeting in meetings:
        deadline = meeting.material_deadline
        if not today <= deadline <= today + dt.timedelta(days=days_ahead):
            continue
        reported = set(
            meeting.status_reports.filter(submitted_at__isnull=False).values_list(
                "managed_object_id", flat=True
            )
        )
        for obj in expected_objects(meeting):
            if obj.pk in reported:
                continue
            for person in coordinators_of(obj, deadline):
                if (
                    not person.email
                    or Reminder.objects.filter(
                        managed_object=obj, meeting=meeting, person=person
                    ).exists()
                ):
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
                        "deadline": deadline.isoformat(),
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
    from gits.plans.documents import meeting_pack_document

    with transaction.atomic():
        if not automatic:
            require(actor, "plans.pack:compile")
        pdf = render_pdf(meeting_pack_document(meeting))
        pack = MeetingPack.objects.create(
            meeting=meeting,
            pdf=pdf,
            compiled_by=actor if not automatic else None,
            automatic=automatic,
        )
        audit_record(
            action="plans.pack.compiled",
            obj=pack,
            actor=actor,
            parent=meeting,
            changes={"automatiskt": [None, automatic]},
        )
    return pack


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
    with transaction.atomic():
        require(actor, "plans.deviation:change")
        if not (description or "").strip():
            raise DomainError(_("Beskriv avvikelsen."), field="description")
        if severity not in Deviation.Severity.values:
            raise DomainError(_("Välj allvarlighetsgrad."), field="severity")
        deviation = Deviation.objects.create(
            managed_object=managed_object,
            description=description.strip(),
            severity=severity,
            action=action,
            date=date or dt.date.today(),
            recorded_by=actor,
        )
        audit_record(
            action="plans.deviation.recorded",
            obj=deviation,
            actor=actor,
            parent=managed_object,
            changes={
                "avvikelse": [None, deviation.description],
                "allvarlighetsgrad": [None, deviation.get_severity_display()],
            },
        )
    return deviation


def quarterly_draft(*, actor: Any, year: int, quarter: int) -> QuarterlyReport:
    """Draft (or redraft) the quarterly report from the system's data (R-20). A published
    report is not redrawn."""
    from gits.plans.selectors import quarterly_texts

    with transaction.atomic():
        require(actor, "plans.quarterly:change")
        if quarter not in (1, 2, 3, 4):
            raise DomainError(_("Kvartalet ska vara 1–4."), field="quarter")
        report, created = QuarterlyReport.objects.select_for_update().get_or_create(
            year=year, quarter=quarter
        )
        if report.published_at is not None:
            raise DomainError(_("Kvartalsrapporten är publicerad och kan inte dras om."))
        texts = quarterly_texts(year, quarter)
        for name in REPORT_TEXT_FIELDS:
            if name in texts:
                setattr(report, name, texts[name])
        if not created:
            bump_version(report)
        report.save()
        audit_record(
            action="plans.quarterly.drafted",
            obj=report,
            actor=actor,
            changes={"period": [None, f"{year} Q{quarter}"]},
        )
    return report


def quarterly_update(
    *, actor: Any, report: QuarterlyReport, version: int | None, **texts: str
) -> QuarterlyReport:
    with transaction.atomic():
        require(actor, "plans.quarterly:change")
        report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
        check_version(report, version)
        if report.published_at is not None:
            raise DomainError(_("Kvartalsrapporten är publicerad och kan inte ändras."))
        before = snapshot(report, REPORT_TEXT_FIELDS)
        for name, value in texts.items():
            if name not in REPORT_TEXT_FIELDS:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(report, name, value or "")
        changes = diff(before, snapshot(report, REPORT_TEXT_FIELDS))
        if changes:
            bump_version(report)
            report.save()
            audit_record(action="plans.quarterly.changed", obj=report, actor=actor, changes=changes)
    return report


def quarterly_publish(*, actor: Any, report: QuarterlyReport) -> QuarterlyReport:
    with transaction.atomic():
        require(actor, "plans.quarterly:publish")
        report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
        if report.published_at is not None:
            raise DomainError(_("Kvartalsrapporten är redan publicerad."))
        report.published_at = timezone.now()
        bump_version(report)
        report.save()
        audit_record(
            action="plans.quarterly.published",
            obj=report,
            actor=actor,
            changes={"publicerad": [None, report.published_at]},
        )
    return report


def activity_plan_create(*, actor: Any, year: int, description: str = "") -> ActivityPlan:
    with transaction.atomic():
        require(actor, "plans.activity:change")
        if ActivityPlan.objects.filter(year=year).exists():
            raise DomainError(
                _("Det finns redan en verksamhetsplan för %(y)s.") % {"y": year}, field="year"
            )
        plan = ActivityPlan.objects.create(year=year, description=description)
        audit_record(
            action="plans.activity.created", obj=plan, actor=actor, changes={"år": [None, year]}
        )
    return plan


def goal_add(
    *,
    actor: Any,
    plan: ActivityPlan,
    text: str,
    horizon: str = Goal.Horizon.SHORT,
    area: str = "",
    managed_object: ManagedObject | None = None,
) -> Goal:
    with transaction.atomic():
        require(actor, "plans.activity:change")
        if not (text or "").strip():
            raise DomainError(_("Skriv målet."), field="text")
        if horizon not in Goal.Horizon.values:
            raise DomainError(_("Välj typ av mål."), field="horizon")
        goal = Goal.objects.create(
            plan=plan, text=text.strip(), horizon=horizon, area=area, managed_object=managed_object
        )
        audit_record(
            action="plans.goal.added",
            obj=goal,
            actor=actor,
            parent=plan,
            changes={"mål": [None, goal.text]},
        )
    return goal


def goal_follow_up(
    *, actor: Any, goal: Goal, state: str, comment: str, date: dt.date | None = None
) -> Goal:
    """Follow up a goal with a state and a comment, for the quarterly and annual reports."""
    with transaction.atomic():
        require(actor, "plans.activity:change")
        if state not in Goal.State.values:
            raise DomainError(_("Välj läge för målet."), field="state")
        before = snapshot(goal, ["state", "comment"])
        goal.state, goal.comment, goal.followed_up_at = (
            state,
            comment or "",
            date or dt.date.today(),
        )
        goal.save()
        audit_record(
            action="plans.goal.followed_up",
            obj=goal,
            actor=actor,
            parent=goal.plan,
            changes=diff(before, snapshot(goal, ["state", "comment"])),
        )
    return goal


def person_for(user: Any) -> Person | None:
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
