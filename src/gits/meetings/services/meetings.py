"""Writes for meetings: planning, the agenda with its paragraphs and attendance (R-12 to
R-15)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Membership
from gits.bodies.selectors import body_composition
from gits.core.audit import audit_record
from gits.core.changes import lock, record_create, record_update
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import AgendaItem, Attendance, Case, Meeting, Minutes
from gits.meetings.rules import quorum_sides, state_label
from gits.meetings.services.cases import set_case_state
from gits.meetings.services.numbering import last_number, lock_series

MEETING_FIELDS = ["date", "start_time", "end_time", "place", "kind", "material_days", "chair"]


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
    return meeting.minutes.order_by("-version").first()


def meeting_locked(meeting: Meeting) -> bool:
    """A meeting is locked while its latest minutes are signed (R-14); a correction opens a
    new draft version, and with it the meeting, until that version is signed too."""
    latest = latest_minutes(meeting)
    return latest is not None and latest.is_signed


def refuse_if_signed(meeting: Meeting) -> None:
    if meeting_locked(meeting):
        raise DomainError(
            _(
                "Protokollet från sammanträdet är justerat och låst. En rättelse görs som en ny version av protokollet."
            )
        )


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
        if meeting.chair_id is None and composition.chair is not None:
            meeting.chair = composition.chair.person
        meeting.held = True
        change.note("närvarande", None, sorted(str(r.person) for r in rows if r.present))
    return rows


def meeting_quorum_missing(meeting: Meeting) -> set[str]:
    present = Attendance.objects.filter(meeting=meeting, present=True, counts_for_quorum=True)
    return quorum_sides(present.values_list("side", flat=True))
