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
from gits.core.changes import Change, Recorded
from gits.core.errors import DomainError
from gits.meetings.models import Attendance, Meeting, Minutes
from gits.meetings.rules import quorum_sides
from gits.meetings.selectors import meeting_presiding

# Who presided is computed from attendance and memberships, never set by hand.
MEETING_FIELDS = ["date", "start_time", "end_time", "place", "kind", "material_days"]
MEETING = Recorded(Meeting, MEETING_FIELDS, parent="body")
# Attendance is recorded on the meeting; its entry says who was present and who presided.
ATTENDANCE = Recorded(Meeting, (), action="meetings.attendance")


def meeting_plan(
    *, actor: Any, body: Body, date: dt.date, standard_agenda: bool = False, **fields: Any
) -> Meeting:
    """Plan a meeting of a body (R-12, R-15); with `standard_agenda` its agenda starts as the
    body's standard agenda, in the same transaction."""
    with transaction.atomic():
        meeting = _meeting_create(actor=actor, body=body, date=date, **fields)
        if standard_agenda:
            from gits.meetings.services.agenda import agenda_apply_template

            agenda_apply_template(actor=actor, meeting=meeting)
    return meeting


def _dated(change: Change[Meeting]) -> None:
    if change.obj.date is None:
        raise DomainError(_("Ange datum för sammanträdet."), field="date")


def _meeting_create(*, actor: Any, body: Body, date: dt.date, **fields: Any) -> Meeting:
    values = {k: v for k, v in fields.items() if k in MEETING_FIELDS}
    meeting = Meeting(body=body, date=date)
    return MEETING.create(obj=meeting, actor=actor, values=values, verb="planned", check=_dated)


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
    return MEETING.update(
        meeting, actor=actor, version=version, values=fields, parent=meeting.body, check=_unsigned
    )


def _unsigned(change: Change[Meeting]) -> None:
    refuse_if_signed(change.obj)


def attendance_record(
    *, actor: Any, meeting: Meeting, present: set[int], version: int | None = None
) -> list[Attendance]:
    """Record who was present (by person id) among those who hold an assignment in the body
    on the meeting's date, from the meeting read at `version`. Members and substitutes count
    for the quorum; co-opted persons and the secretary attend without a seat (R-12, R-13)."""
    with ATTENDANCE.updating(
        meeting, actor=actor, version=version, verb="recorded", always=True
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
        # An id of someone without an assignment in the body is refused by name, not dropped
        # (which would record everyone as absent).
        unknown = sorted(set(present) - {r.person_id for r in rows})
        if unknown:
            raise DomainError(
                _("Id %(ids)s har inget uppdrag i %(body)s den %(date)s.")
                % {
                    "ids": ", ".join(str(pk) for pk in unknown),
                    "body": meeting.body.short_name,
                    "date": meeting.date.isoformat(),
                },
                field="present",
            )
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


def attendance_all_present(*, actor: Any, meeting: Meeting) -> list[Attendance]:
    """Record every member with a seat, and the secretary, as present: the expected
    attendance, from which the secretary marks who was absent (R-12)."""
    composition = body_composition(meeting.body, meeting.date)
    expected = {m.person_id for side in composition.sides for m in side.seated}
    if composition.secretary is not None:
        expected.add(composition.secretary.person_id)
    if not expected:
        raise DomainError(
            _("%(body)s har inga ledamöter den %(date)s.")
            % {"body": meeting.body.short_name, "date": meeting.date.isoformat()}
        )
    return attendance_record(actor=actor, meeting=meeting, present=expected)


def meeting_quorum_missing(meeting: Meeting) -> set[str]:
    present = Attendance.objects.filter(meeting=meeting, present=True, counts_for_quorum=True)
    return quorum_sides(present.values_list("side", flat=True))
