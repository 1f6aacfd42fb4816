"""Writes for meetings: planning, the agenda with its paragraphs and attendance (R-12 to
R-15)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Membership
from gits.bodies.selectors import body_composition
from gits.core.audit import audit_record
from gits.core.changes import lock, record_create, record_update
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import AgendaItem, Attendance, Case, Meeting, Minutes
from gits.meetings.rules import quorum_sides, state_label
from gits.meetings.selectors import meeting_presiding
from gits.meetings.services.cases import set_case_state
from gits.meetings.services.numbering import last_number, lock_series

# Who presided is computed from attendance and memberships, never set by hand.
MEETING_FIELDS = ["date", "start_time", "end_time", "place", "kind", "material_days"]


def meeting_plan(*, actor: Any, body: Body, date: dt.date, **fields: Any) -> Meeting:
    """Plan a meeting of a body (R-12, R-15)."""
    with record_create(
        Meeting(body=body),
        actor=actor,
        right="meetings.meeting:change",
        fields=MEETING_FIELDS,
        action="meetings.meeting.planned",
        parent=body,
    ) as change:
        if date is None:
            raise DomainError(_("Ange datum för sammanträdet."), field="date")
        change.set({"date": date, **{k: v for k, v in fields.items() if k in MEETING_FIELDS}})
    return change.obj


def latest_minutes(meeting: Meeting) -> Minutes | None:
    """The latest version of the minutes, withdrawn or not."""
    return meeting.minutes.defer("archive_pdf").order_by("-version").first()


def _names(minutes: Minutes) -> str:
    return _(" och ").join(str(s.person) for s in minutes.signatures.select_related("person"))


def frozen_by(meeting: Meeting) -> Minutes | None:
    """The version that freezes the meeting's record (R-14): the latest version once its
    first signature is given, until it is withdrawn or, locked, corrected by a new version."""
    latest = latest_minutes(meeting)
    if latest is None or latest.is_withdrawn:
        return None
    if latest.is_signed or latest.signatures.exists():
        return latest
    return None


def meeting_locked(meeting: Meeting) -> bool:
    """The record cannot change: the latest minutes are locked or being signed (R-14). A
    withdrawal, or a correction as a new version, opens it again."""
    return frozen_by(meeting) is not None


def refuse_if_signed(meeting: Meeting) -> None:
    """Refuse any change of attendance, agenda, decisions or the draft while a version of the
    minutes is signed or being signed, naming the rule and who signed."""
    minutes = frozen_by(meeting)
    if minutes is None:
        return
    if minutes.is_signed:
        raise DomainError(
            _(
                "R-14: Protokollet version %(v)s är justerat och låst (justerat av %(who)s), och med det sammanträdets närvaro, dagordning och beslut. En ändring görs som en rättelse: en ny version av protokollet med skäl."
            )
            % {"v": minutes.version, "who": _names(minutes)}
        )
    raise DomainError(
        _(
            "R-14: Justeringen av protokollet version %(v)s har påbörjats (justerat av %(who)s), så närvaro, dagordning, beslut och utkast är låsta: det som justeras ska vara exakt det som låses. För att ändra något drar sekreteraren tillbaka versionen med ett skäl och upprättar en ny."
        )
        % {"v": minutes.version, "who": _names(minutes)}
    )


def refuse_before_date(meeting: Meeting, what: str) -> None:
    """Only what happened can be recorded: attendance, decisions and minutes from the
    meeting's date on. `what` is "attendance", "decision" or "minutes"."""
    if meeting.date <= timezone.localdate():
        return
    date = meeting.date.isoformat()
    messages = {
        "attendance": _("Sammanträdet äger rum den %(date)s; närvaro kan registreras först då."),
        "decision": _("Sammanträdet äger rum den %(date)s; beslut kan föras in först då."),
        "minutes": _("Sammanträdet äger rum den %(date)s; protokoll kan upprättas först då."),
    }
    raise DomainError(messages[what] % {"date": date})


def meeting_update(*, actor: Any, meeting: Meeting, version: int | None, **fields: Any) -> Meeting:
    """Change a meeting's time, place or chair while its minutes are not signed (R-14)."""
    with record_update(
        meeting,
        actor=actor,
        right="meetings.meeting:change",
        version=version,
        fields=MEETING_FIELDS,
        action="meetings.meeting.changed",
        parent=meeting.body,
    ) as change:
        refuse_if_signed(change.obj)
        change.set(fields)
    return change.obj


def agenda_add(*, actor: Any, meeting: Meeting, case: Case) -> AgendaItem:
    """Put a prepared case on the agenda as the next paragraph of the body and year (R-12)."""
    with record_create(
        AgendaItem(meeting=meeting, body_id=meeting.body_id, year=meeting.date.year),
        actor=actor,
        right="meetings.meeting:change",
        fields=(),
        action="meetings.agenda.added",
        parent=meeting,
    ) as change:
        lock_series(meeting.body_id)
        case = lock(case)
        refuse_if_signed(meeting)
        if case.body_id != meeting.body_id:
            raise DomainError(_("Ärendet hör till ett annat organ."), field="case")
        if case.state != Case.State.PREPARED:
            raise DomainError(
                _("Bara beredda ärenden kan tas upp på dagordningen; %(case)s är %(state)s.")
                % {"case": case.diary_number, "state": state_label(case.state)},
                field="case",
            )
        item = change.obj
        item.number = last_number(AgendaItem, body_id=meeting.body_id, year=item.year) + 1
        item.case, item.title = case, case.title
        set_case_state(case, Case.State.ON_AGENDA)
        change.note("paragraf", None, f"§ {item.number}")
        change.note("ärende", None, case.diary_number)
    return item


def agenda_remove(*, actor: Any, item: AgendaItem) -> None:
    """Take an undecided case off the agenda. Only the last paragraph of the year can go, so
    paragraph numbers stay without gaps."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        lock_series(item.body_id)
        refuse_if_signed(item.meeting)
        if hasattr(item, "decision"):
            raise DomainError(_("Paragrafen har redan ett beslut."))
        last = last_number(AgendaItem, body_id=item.body_id, year=item.year)
        if item.number != last:
            raise DomainError(
                _(
                    "Bara den sista paragrafen (§ %(n)s) kan tas bort, så att numreringen blir obruten."
                )
                % {"n": last}
            )
        case = item.case
        audit_record(
            action="meetings.agenda.removed",
            obj=item,
            actor=actor,
            parent=item.meeting,
            changes={"paragraf": [f"§ {item.number}", None]},
        )
        item.delete()
        if case is not None:
            set_case_state(case, Case.State.PREPARED)


def attendance_record(*, actor: Any, meeting: Meeting, present: set[int]) -> list[Attendance]:
    """Record who was present (by person id) among those who hold an assignment in the body
    on the meeting's date. Members and substitutes count for the quorum; co-opted persons and
    the secretary attend without a seat (R-12, R-13)."""
    with record_update(
        meeting,
        actor=actor,
        right="meetings.meeting:change",
        version=None,
        fields=(),
        action="meetings.attendance.recorded",
        always=True,
    ) as change:
        meeting = change.obj
        change.parent = meeting.body
        refuse_before_date(meeting, "attendance")
        refuse_if_signed(meeting)
        composition = body_composition(meeting.body, meeting.date)
        Attendance.objects.filter(meeting=meeting).delete()
        rows = [
            Attendance(
                meeting=meeting,
                person=m.person,
                side=m.side,
                role=m.role,
                counts_for_quorum=m.holds_seat or m.role == Membership.Role.SUBSTITUTE,
                present=m.person_id in present,
            )
            for side in composition.sides
            for m in [*side.seated, *side.others]
        ]
        Attendance.objects.bulk_create(rows)
        # Who presides follows from who was there: the chair, or when absent the vice
        # chair.
        presiding = meeting_presiding(meeting)
        before = str(meeting.chair) if meeting.chair_id else None
        meeting.chair = presiding.person if presiding is not None else None
        meeting.held = True
        change.note("närvarande", None, sorted(str(r.person) for r in rows if r.present))
        change.note("ledde sammanträdet", before, str(presiding) if presiding else None)
    return rows


def meeting_quorum_missing(meeting: Meeting) -> set[str]:
    present = Attendance.objects.filter(meeting=meeting, present=True, counts_for_quorum=True)
    return quorum_sides(present.values_list("side", flat=True))
