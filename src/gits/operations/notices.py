"""What the notification jobs look for, each a read of the domain data followed by `notify`:

- minutes waiting for a person's signature (R-14: the chair and a member present from the
  other side; who may sign is decided by the minutes service's own rule),
- status reports late: the material deadline has passed and the report is not handed in
  (R-16; the reminder before the deadline is `plans.services.reminders_send`),
- something a person is responsible for changed state (read from the audit trail),
- agreements whose last day of notice is six, three or one month away (R-27),
- a quarter has ended and is not invoiced: a proposal to the finance users (R-25).

Each runs again without sending anything twice (the notification key)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Person
from gits.core.errors import DomainError
from gits.core.models import AuditEntry
from gits.operations.models import Category, ScanPosition
from gits.operations.notifications import (
    Outcome,
    Recipient,
    person_recipient,
    unique_recipients,
    user_recipient,
    users_in_role,
    users_with_right,
)
from gits.portfolio.agreements import add_months, next_notice_day

# Minutes of meetings older than this are not announced for signing.
SIGNATURE_WINDOW_DAYS = 90
# Months before an agreement's last day of notice when its owners are warned.
NOTICE_WARNINGS = (6, 3, 1)


def _people(people: Iterable[Any]) -> list[Recipient]:
    return unique_recipients(person_recipient(p) for p in people if p is not None)


# --- minutes to sign ------------------------------------------------------------------------


def signers_awaited(minutes: Any) -> list[Any]:
    """The people who may still sign these minutes: the chair and the members present, each
    checked by the minutes service's rule (R-14)."""
    from gits.meetings.services.minutes import _signs_as

    meeting = minutes.meeting
    candidates = [meeting.chair] if meeting.chair else []
    candidates += [
        a.person
        for a in meeting.attendance.filter(present=True, counts_for_quorum=True).select_related(
            "person__user"
        )
    ]
    awaited = []
    for person in dict.fromkeys(candidates):
        try:
            _signs_as(minutes, person)
        except DomainError:
            continue
        awaited.append(person)
    return awaited


def minutes_to_sign_notify() -> Outcome:
    """E-mail everybody with an account who may sign minutes not yet signed (the latest
    version of each meeting's minutes, of meetings in the last 90 days: old drafts left
    behind are not announced), once per minutes and person."""
    from gits.meetings.models import Minutes

    outcome = Outcome()
    since = dt.date.today() - dt.timedelta(days=SIGNATURE_WINDOW_DAYS)
    drafts = Minutes.objects.filter(
        signed_at__isnull=True, meeting__date__gte=since
    ).select_related("meeting__body", "meeting__chair__user")
    for minutes in drafts:
        if minutes.meeting.minutes.filter(version__gt=minutes.version).exists():
            continue
        meeting = minutes.meeting
        people = [p for p in signers_awaited(minutes) if p.user_id]
        for r in _people(people):
            outcome.notify(
                key=f"signature:{minutes.pk}",
                category=Category.SIGNATURE,
                recipient=r,
                subject=_("Protokoll att justera: %(m)s") % {"m": meeting},
                text=_("Protokollet från %(body)s sammanträde %(date)s väntar på din justering.")
                % {"body": meeting.body.short_name, "date": meeting.date.isoformat()},
                link=reverse("meetings:meeting", args=[meeting.pk]),
            )
    return outcome


# --- late status reports --------------------------------------------------------------------


def late_reports_notify(*, today: dt.date | None = None) -> Outcome:
    """E-mail the coordinators of each object whose status report is not handed in although
    the material deadline of the coming steering-group meeting has passed (R-16)."""
    from gits.meetings.models import Meeting
    from gits.plans.selectors import coordinators_of, expected_objects

    today = today or dt.date.today()
    outcome = Outcome()
    meetings = Meeting.objects.filter(
        date__gte=today, body__kind=Body.Kind.STEERING_GROUP
    ).select_related("body")
    for meeting in meetings:
        deadline = meeting.material_deadline
        if deadline >= today:
            continue
        handed_in = set(
            meeting.status_reports.filter(submitted_at__isnull=False).values_list(
                "managed_object_id", flat=True
            )
        )
        for obj in expected_objects(meeting):
            if obj.pk in handed_in:
                continue
            for r in _people(coordinators_of(obj, deadline)):
                outcome.notify(
                    key=f"reports:late:{meeting.pk}:{obj.pk}",
                    category=Category.REPORTS,
                    recipient=r,
                    subject=_("Statusrapporten för %(obj)s är sen") % {"obj": obj.short_name},
                    text=_(
                        "Statusrapporten för %(obj)s till %(body)s sammanträde %(date)s skulle ha lämnats senast %(deadline)s och är inte inlämnad."
                    )
                    % {
                        "obj": obj.name,
                        "body": meeting.body.short_name,
                        "date": meeting.date.isoformat(),
                        "deadline": deadline.isoformat(),
                    },
                    link=reverse("plans:status_report", args=[meeting.pk, obj.pk]),
                )
    return outcome


# --- state changes of what a person is responsible for --------------------------------------


def _object_people(obj: Any, on: dt.date) -> list[Any]:
    from gits.portfolio.selectors import roles_on

    return [r.person for r in roles_on(obj, on) if r.person is not None]


def _owners(entry: AuditEntry, on: dt.date) -> tuple[list[Any], str] | None:
    """The people responsible for the record an audit entry is about, and the page of it."""
    from gits.meetings.models import Case
    from gits.portfolio.models import Initiative, ManagedObject, SupportRequest

    pk = entry.object_id
    if entry.object_type == "portfolio.managedobject":
        obj = ManagedObject.objects.filter(pk=pk).first()
        if obj:
            return _object_people(obj, on), reverse("portfolio:object", args=[obj.pk])
    elif entry.object_type in ("portfolio.supportrequest", "portfolio.initiative"):
        model = SupportRequest if entry.object_type == "portfolio.supportrequest" else Initiative
        record = model.objects.filter(pk=pk).select_related("managed_object").first()
        if record:
            people = _object_people(record.managed_object, on)
            if isinstance(record, Initiative) and record.owner_id:
                people = [record.owner]
            if isinstance(record, SupportRequest) and record.reported_by:
                # Whoever reported the problem hears when it moves on (and is solved).
                people += list(Person.objects.filter(user__username=record.reported_by))
            return people, reverse("portfolio:object", args=[record.managed_object_id])
    elif entry.object_type == "meetings.case":
        case = Case.objects.filter(pk=pk).first()
        if case:
            people = [case.preparer_region, case.preparer_municipalities]
            return [p for p in people if p], reverse("meetings:case", args=[case.pk])
    return None


STATE_SCAN = "state_changes"


def state_changes_notify(*, today: dt.date | None = None) -> Outcome:
    """E-mail the people responsible for an object, case, initiative or support request (and
    whoever reported the request) when someone else changes its state: read from the audit
    trail after the last position read. The first run only notes where the trail ends."""
    today = today or dt.date.today()
    outcome = Outcome()
    scan, created = ScanPosition.objects.get_or_create(
        name=STATE_SCAN,
        defaults={"position": AuditEntry.objects.aggregate(m=Max("id"))["m"] or 0},
    )
    if created:
        return outcome
    start = scan.position
    last = AuditEntry.objects.aggregate(m=Max("id"))["m"] or start
    entries = list(
        AuditEntry.objects.filter(id__gt=start, id__lte=last, changes__has_key="state").order_by(
            "id"
        )
    )
    for entry in entries:
        found = _owners(entry, today)
        if found is None:
            continue
        people, link = found
        change = entry.changes.get("state")
        before, after = change if isinstance(change, list) else (None, change)
        names = {"actor": entry.actor_name, "obj": entry.object_repr, "after": after}
        if before is None:  # a new record (a support request reported): no state before it
            subject = _("%(obj)s: registrerat, läge %(after)s") % names
            text = _("%(actor)s registrerade %(obj)s med läget %(after)s.") % names
        else:
            subject = _("%(obj)s: nytt läge %(after)s") % names
            text = _("%(actor)s ändrade läget för %(obj)s från %(before)s till %(after)s.") % {
                **names,
                "before": before,
            }
        for r in _people(p for p in people if p.user_id is None or p.user_id != entry.actor_id):
            outcome.notify(
                key=f"changes:{entry.pk}",
                category=Category.CHANGES,
                recipient=r,
                subject=subject,
                text=text,
                link=link,
            )
    # Move on only when everything was sent: after a failure the next run reads the same
    # entries again, and the keys keep what was sent from going out twice.
    if not outcome.failed:
        ScanPosition.objects.filter(pk=scan.pk, position=start).update(position=last)
    return outcome


# --- agreements -----------------------------------------------------------------------------


def agreement_recipients(agreement: Any, on: dt.date) -> list[Recipient]:
    """Who is warned about an agreement: the system owner, system managers and coordinators
    of its object; for an agreement without them (the joint function's), the function
    leads."""
    from gits.portfolio.models import ObjectRole
    from gits.portfolio.selectors import roles_on

    owners = []
    if agreement.managed_object_id:
        roles = roles_on(agreement.managed_object, on).filter(
            role__in=[
                ObjectRole.Role.SYSTEM_OWNER,
                ObjectRole.Role.SYSTEM_MANAGER,
                ObjectRole.Role.COORDINATOR,
            ]
        )
        owners = _people(r.person for r in roles)
    if owners:
        return owners
    return unique_recipients(user_recipient(u) for u in users_in_role("function_lead"))


def warning_due(notice_day: dt.date, today: dt.date) -> int | None:
    """The warning that applies today: the nearest of six, three and one month before the
    last day of notice that has been reached (None before the first and after the day)."""
    if today > notice_day:
        return None
    for months in sorted(NOTICE_WARNINGS):
        if today >= add_months(notice_day, -months):
            return months
    return None


def agreement_notices_notify(*, today: dt.date | None = None) -> Outcome:
    """Warn the owners of each agreement six, three and one month before its last day of
    notice (R-27), once per agreement, notice day and warning. A run after a pause sends
    only the nearest warning reached."""
    from gits.portfolio.models import Agreement

    today = today or dt.date.today()
    outcome = Outcome()
    for agreement in Agreement.objects.filter(terminated_on__isnull=True).select_related(
        "managed_object"
    ):
        notice_day = next_notice_day(agreement, today)
        months = warning_due(notice_day, today) if notice_day else None
        if notice_day is None or months is None:
            continue
        for r in agreement_recipients(agreement, today):
            outcome.notify(
                key=f"agreements:{agreement.pk}:{notice_day.isoformat()}:{months}",
                category=Category.AGREEMENTS,
                recipient=r,
                subject=_("Sista dag att säga upp %(title)s: %(day)s")
                % {"title": agreement.title, "day": notice_day.isoformat()},
                text=_(
                    "Sista dag att säga upp avtalet %(title)s är %(day)s (om %(months)s mån). Annars förlängs det enligt avtalet."
                )
                % {"title": agreement.title, "day": notice_day.isoformat(), "months": months},
                link=reverse("portfolio:agreements") + f"?datum={today.isoformat()}",
            )
    return outcome


# --- the quarter's invoicing ----------------------------------------------------------------


def last_ended_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def invoice_run_propose(*, today: dt.date | None = None) -> Outcome:
    """When a quarter has ended and the year has a budget but the quarter no invoice, propose
    the invoice run to the users who may run it (R-25): a notification, not the run."""
    from gits.finance.models import Budget, Invoice

    today = today or dt.date.today()
    year, quarter = last_ended_quarter(today)
    outcome = Outcome()
    if not Budget.objects.filter(year=year).exists():
        return outcome
    invoiced = (
        Invoice.objects.live().filter(kind=Invoice.Kind.QUARTERLY, year=year, quarter=quarter)
    ).exists()
    if invoiced:
        return outcome
    for r in unique_recipients(user_recipient(u) for u in users_with_right("finance.invoice:run")):
        outcome.notify(
            key=f"invoicing:{year}:{quarter}",
            category=Category.INVOICING,
            recipient=r,
            subject=_("Kvartal %(q)s %(y)s kan faktureras") % {"q": quarter, "y": year},
            text=_(
                "Kvartal %(q)s %(y)s är slut och är inte fakturerat. Förslag: kör kvartalsfaktureringen."
            )
            % {"q": quarter, "y": year},
            link=reverse("finance:invoices"),
        )
    return outcome
