"""Writes for cases, meetings, decisions, minutes and assignments (R-10 to R-17)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Membership, Person, active_on
from gits.bodies.selectors import body_composition
from gits.core.audit import audit_record, diff, snapshot
from gits.core.concurrency import bump_version, check_version
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import (
    AgendaItem,
    Assignment,
    Attendance,
    Case,
    CaseAttachment,
    Decision,
    Meeting,
    Minutes,
    Signature,
)
from gits.meetings.rules import EDITABLE, MANUAL_MOVES, quorum_sides
from gits.organisations.models import Side

CASE_FIELDS = [
    "title",
    "description",
    "managed_object",
    "preparer_region",
    "preparer_municipalities",
    "preparation",
    "proposal",
]
MEETING_FIELDS = ["date", "start_time", "end_time", "place", "kind", "material_days", "chair"]
ALLOWED_EXTENSIONS = {
    ".pdf",
    ".docx",
    ".doc",
    ".xlsx",
    ".xls",
    ".pptx",
    ".odt",
    ".ods",
    ".txt",
    ".csv",
    ".png",
    ".jpg",
    ".jpeg",
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def _state_label(state: str) -> str:
    return str(Case.State(state).label).lower()


# --- cases --------------------------------------------------------------------------------


def case_register(
    *,
    actor: Any,
    body: Body,
    title: str,
    description: str = "",
    managed_object: Any = None,
    proposal: str = "",
    today: dt.date | None = None,
) -> Case:
    """Register a case with the next diary number of the body and year (R-10)."""
    with transaction.atomic():
        require(actor, "meetings.case:change")
        if not (title or "").strip():
            raise DomainError(_("Ange ärendets rubrik."), field="title")
        year = (today or dt.date.today()).year
        Body.objects.select_for_update().get(pk=body.pk)  # numbers are handed out one at a time
        last = Case.objects.filter(body=body, year=year).aggregate(n=Max("number"))["n"] or 0
        case = Case.objects.create(
            body=body,
            year=year,
            number=last + 1,
            title=title.strip(),
            description=description,
            managed_object=managed_object,
            proposal=proposal,
        )
        audit_record(
            action="meetings.case.registered",
            obj=case,
            actor=actor,
            changes={"diarienummer": [None, case.diary_number], "title": [None, case.title]},
        )
    return case


def _check_preparer(case: Case, person: Person | None, side: str, field: str) -> None:
    """R-7: the preparation is done by the preparation group, one official per side."""
    if person is None:
        return
    group = case.body.children.filter(kind=Body.Kind.PREPARATION_GROUP).first()
    if group is None:
        return
    if not group.memberships.filter(active_on(dt.date.today()), person=person, side=side).exists():
        raise DomainError(
            _("%(person)s sitter inte för %(side)s i %(group)s och kan inte bereda ärendet.")
            % {"person": person, "side": Side(side).label.lower(), "group": group},
            field=field,
        )


def case_update(*, actor: Any, case: Case, version: int | None, **fields: Any) -> Case:
    """Change a case's text, object or preparation, while it is not on an agenda or decided."""
    with transaction.atomic():
        require(actor, "meetings.case:change")
        case = Case.objects.select_for_update(of=("self",)).select_related("body").get(pk=case.pk)
        check_version(case, version)
        if case.state not in EDITABLE:
            raise DomainError(
                _("Ärendet är %(state)s och kan inte ändras.") % {"state": _state_label(case.state)}
            )
        before = snapshot(case, CASE_FIELDS)
        for name, value in fields.items():
            if name not in CASE_FIELDS:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(
                case,
                name,
                value
                if value is not None
                or name in {"managed_object", "preparer_region", "preparer_municipalities"}
                else "",
            )
        if not case.title.strip():
            raise DomainError(_("Ange ärendets rubrik."), field="title")
        _check_preparer(case, case.preparer_region, Side.REGION, "preparer_region")
        _check_preparer(
            case, case.preparer_municipalities, Side.MUNICIPALITIES, "preparer_municipalities"
        )
        changes = diff(before, snapshot(case, CASE_FIELDS))
        if changes:
            bump_version(case)
            case.save()
            audit_record(action="meetings.case.changed", obj=case, actor=actor, changes=changes)
    return case


def case_move(*, actor: Any, case: Case, to_state: str, version: int | None = None) -> Case:
    """Move a case along its lifecycle by hand (R-10). Only the moves in MANUAL_MOVES are
    allowed; a case is `berett` only with a preparer from each side and a proposal (R-7)."""
    with transaction.atomic():
        require(actor, "meetings.case:change")
        case = Case.objects.select_for_update(of=("self",)).select_related("body").get(pk=case.pk)
        check_version(case, version)
        if to_state not in MANUAL_MOVES.get(case.state, set()):
            raise DomainError(
                _("Ett ärende som är %(from)s kan inte bli %(to)s.")
                % {
                    "from": _state_label(case.state),
                    "to": _state_label(to_state) if to_state in Case.State.values else to_state,
                },
                field="state",
            )
        if to_state == Case.State.PREPARED:
            if case.preparer_region_id is None or case.preparer_municipalities_id is None:
                raise DomainError(
                    _(
                        "Ärendet bereds av en tjänsteperson från varje sida: ange båda beredarna först."
                    ),
                    field="preparer_region"
                    if case.preparer_region_id is None
                    else "preparer_municipalities",
                )
            if not case.proposal.strip():
                raise DomainError(
                    _("Ett berett ärende ska ha ett förslag till beslut."), field="proposal"
                )
        before = case.state
        case.state = to_state
        bump_version(case)
        case.save()
        audit_record(
            action="meetings.case.moved",
            obj=case,
            actor=actor,
            changes={"state": [Case.State(before).label, Case.State(to_state).label]},
        )
    return case


def case_attach(*, actor: Any, case: Case, upload: Any) -> CaseAttachment:
    """Attach a file to a case: known document types only, at most 20 MB."""
    with transaction.atomic():
        require(actor, "meetings.case:change")
        name = Path(upload.name or "").name
        if Path(name).suffix.lower() not in ALLOWED_EXTENSIONS:
            raise DomainError(
                _("Filtypen för %(name)s tas inte emot. Tillåtna: %(types)s.")
                % {"name": name, "types": ", ".join(sorted(ALLOWED_EXTENSIONS))},
                field="file",
            )
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise DomainError(_("Filen är större än 20 MB."), field="file")
        attachment = CaseAttachment(
            case=case,
            original_name=name[:255],
            size=upload.size,
            uploaded_by=actor,
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        audit_record(
            action="meetings.case.attached",
            obj=attachment,
            actor=actor,
            parent=case,
            changes={"bilaga": [None, name]},
        )
    return attachment


# --- meetings -----------------------------------------------------------------------------


def meeting_plan(*, actor: Any, body: Body, date: dt.date, **fields: Any) -> Meeting:
    """Plan a meeting of a body (R-12, R-15)."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        if date is None:
            raise DomainError(_("Ange datum för sammanträdet."), field="date")
        meeting = Meeting.objects.create(
            body=body, date=date, **{k: v for k, v in fields.items() if k in MEETING_FIELDS}
        )
        audit_record(
            action="meetings.meeting.planned",
            obj=meeting,
            actor=actor,
            parent=body,
            changes=diff({}, snapshot(meeting, MEETING_FIELDS)),
        )
    return meeting


def meeting_locked(meeting: Meeting) -> bool:
    """A meeting is locked while its latest minutes are signed (R-14); a correction opens a
    new draft version, and with it the meeting, until that version is signed too."""
    latest = meeting.minutes.order_by("-version").first()
    return latest is not None and latest.is_signed


def _refuse_if_signed(meeting: Meeting) -> None:
    if meeting_locked(meeting):
        raise DomainError(
            _(
                "Protokollet från sammanträdet är justerat och låst. En rättelse görs som en ny version av protokollet."
            )
        )


def meeting_update(*, actor: Any, meeting: Meeting, version: int | None, **fields: Any) -> Meeting:
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        check_version(meeting, version)
        _refuse_if_signed(meeting)
        before = snapshot(meeting, MEETING_FIELDS)
        for name, value in fields.items():
            if name not in MEETING_FIELDS:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(meeting, name, value)
        changes = diff(before, snapshot(meeting, MEETING_FIELDS))
        if changes:
            bump_version(meeting)
            meeting.save()
            audit_record(
                action="meetings.meeting.changed",
                obj=meeting,
                actor=actor,
                parent=meeting.body,
                changes=changes,
            )
    return meeting


def agenda_add(*, actor: Any, meeting: Meeting, case: Case) -> AgendaItem:
    """Put a prepared case on the agenda as the next paragraph of the body and year (R-12)."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        Body.objects.select_for_update().get(pk=meeting.body_id)
        case = Case.objects.select_for_update().get(pk=case.pk)
        _refuse_if_signed(meeting)
        if case.body_id != meeting.body_id:
            raise DomainError(_("Ärendet hör till ett annat organ."), field="case")
        if case.state != Case.State.PREPARED:
            raise DomainError(
                _("Bara beredda ärenden kan tas upp på dagordningen; %(case)s är %(state)s.")
                % {"case": case.diary_number, "state": _state_label(case.state)},
                field="case",
            )
        year = meeting.date.year
        last = (
            AgendaItem.objects.filter(body_id=meeting.body_id, year=year).aggregate(
                n=Max("number")
            )["n"]
            or 0
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            body_id=meeting.body_id,
            year=year,
            number=last + 1,
            case=case,
            title=case.title,
        )
        case.state = Case.State.ON_AGENDA
        bump_version(case)
        case.save()
        audit_record(
            action="meetings.agenda.added",
            obj=item,
            actor=actor,
            parent=meeting,
            changes={"paragraf": [None, f"§ {item.number}"], "ärende": [None, case.diary_number]},
        )
    return item


def agenda_remove(*, actor: Any, item: AgendaItem) -> None:
    """Take an undecided case off the agenda. Only the last paragraph of the year can go, so
    paragraph numbers stay without gaps."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        Body.objects.select_for_update().get(pk=item.body_id)
        _refuse_if_signed(item.meeting)
        if hasattr(item, "decision"):
            raise DomainError(_("Paragrafen har redan ett beslut."))
        last = AgendaItem.objects.filter(body_id=item.body_id, year=item.year).aggregate(
            n=Max("number")
        )["n"]
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
            case.state = Case.State.PREPARED
            bump_version(case)
            case.save()


def attendance_record(*, actor: Any, meeting: Meeting, present: set[int]) -> list[Attendance]:
    """Record who was present (by person id) among those who hold an assignment in the body
    on the meeting's date. Members and substitutes count for the quorum; co-opted persons and
    the secretary attend without a seat (R-12, R-13)."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=meeting.pk)
        )
        _refuse_if_signed(meeting)
        composition = body_composition(meeting.body, meeting.date)
        rows: list[Attendance] = []
        Attendance.objects.filter(meeting=meeting).delete()
        for side in composition.sides:
            for m in [*side.seated, *side.others]:
                counts = m.holds_seat or m.role == Membership.Role.SUBSTITUTE
                rows.append(
                    Attendance(
                        meeting=meeting,
                        person=m.person,
                        side=m.side,
                        role=m.role,
                        counts_for_quorum=counts,
                        present=m.person_id in present,
                    )
                )
        Attendance.objects.bulk_create(rows)
        if meeting.chair_id is None and composition.chair is not None:
            meeting.chair = composition.chair.person
        meeting.held = True
        bump_version(meeting)
        meeting.save()
        audit_record(
            action="meetings.attendance.recorded",
            obj=meeting,
            actor=actor,
            parent=meeting.body,
            changes={"närvarande": [None, sorted(str(r.person) for r in rows if r.present)]},
        )
    return rows


def meeting_quorum_missing(meeting: Meeting) -> set[str]:
    present = Attendance.objects.filter(meeting=meeting, present=True, counts_for_quorum=True)
    return quorum_sides(present.values_list("side", flat=True))


def decision_record(
    *, actor: Any, item: AgendaItem, outcome: str, text: str = "", objections: str = ""
) -> Decision:
    """Record what the body did with a paragraph. All decisions are taken in consensus (R-11):
    when a member present objects, no decision is recorded; the chair refers the case back
    (återremiss) or strikes it off (avförs). A decision needs both sides present (R-13)."""
    with transaction.atomic():
        require(actor, "meetings.decision:record")
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting__body", "case")
            .get(pk=item.pk)
        )
        meeting = item.meeting
        _refuse_if_signed(meeting)
        if Decision.objects.filter(item=item).exists():
            raise DomainError(_("§ %(n)s har redan ett beslut.") % {"n": item.number})
        if outcome not in Decision.Outcome.values:
            raise DomainError(_("Välj beslut, återremiss eller avförande."), field="outcome")
        if not meeting.attendance.exists():
            raise DomainError(_("Registrera närvaron innan beslut förs in."), field="outcome")
        objections = (objections or "").strip()
        if outcome == Decision.Outcome.DECIDED:
            if objections:
                raise DomainError(
                    _(
                        "SITIV-beslut fattas i enighet: när en närvarande ledamot invänder kan inget beslut fattas. Ordföranden väljer återremiss eller avförande."
                    ),
                    field="outcome",
                )
            missing = meeting_quorum_missing(meeting)
            if missing:
                raise DomainError(
                    _(
                        "Inget beslut kan fattas: %(sides)s saknas vid sammanträdet, och ett paritetiskt organ beslutar bara med båda sidor närvarande."
                    )
                    % {"sides": " och ".join(str(Side(s).label).lower() for s in sorted(missing))},
                    field="outcome",
                )
            text = (text or "").strip() or (item.case.proposal if item.case else "")
            if not text:
                raise DomainError(_("Ange beslutstexten."), field="text")
        else:
            text = (text or "").strip() or str(Decision.Outcome(outcome).label)
        decision = Decision.objects.create(
            item=item, outcome=outcome, text=text, objections=objections, recorded_by=actor
        )
        if item.case is not None:
            item.case.state = {
                Decision.Outcome.DECIDED: Case.State.DECIDED,
                Decision.Outcome.REFERRED_BACK: Case.State.REFERRED_BACK,
                Decision.Outcome.STRUCK_OFF: Case.State.STRUCK_OFF,
            }[Decision.Outcome(outcome)]
            bump_version(item.case)
            item.case.save()
        audit_record(
            action="meetings.decision.recorded",
            obj=decision,
            actor=actor,
            parent=meeting,
            changes={
                "utfall": [None, decision.get_outcome_display()],
                "text": [None, text],
                "invändningar": [None, objections or None],
            },
        )
    return decision


def decision_amend(*, actor: Any, decision: Decision, text: str) -> Decision:
    """Change a decision's wording before the minutes are signed, or in a correction."""
    with transaction.atomic():
        require(actor, "meetings.decision:record")
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("item__meeting")
            .get(pk=decision.pk)
        )
        _refuse_if_signed(decision.item.meeting)
        if not (text or "").strip():
            raise DomainError(_("Ange beslutstexten."), field="text")
        before = decision.text
        decision.text = text.strip()
        decision.save()
        audit_record(
            action="meetings.decision.amended",
            obj=decision,
            actor=actor,
            parent=decision.item.meeting,
            changes={"text": [before, decision.text]},
        )
    return decision


def assignment_give(
    *,
    actor: Any,
    decision: Decision,
    description: str,
    due_date: dt.date,
    assignee_body: Body | None = None,
    assignee_person: Person | None = None,
    expected_report: str = "",
) -> Assignment:
    """An assignment from a decision to a body or a person, to report back by a date."""
    with transaction.atomic():
        require(actor, "meetings.assignment:change")
        if decision.outcome != Decision.Outcome.DECIDED:
            raise DomainError(_("Uppdrag ges bara genom ett fattat beslut."))
        if assignee_body is None and assignee_person is None:
            raise DomainError(
                _("Ange vem uppdraget ges till: ett organ eller en person."), field="assignee_body"
            )
        if not (description or "").strip():
            raise DomainError(_("Beskriv uppdraget."), field="description")
        if due_date is None:
            raise DomainError(_("Ange när uppdraget ska återrapporteras."), field="due_date")
        assignment = Assignment.objects.create(
            decision=decision,
            assignee_body=assignee_body,
            assignee_person=assignee_person,
            description=description.strip(),
            due_date=due_date,
            expected_report=expected_report,
        )
        audit_record(
            action="meetings.assignment.given",
            obj=assignment,
            actor=actor,
            parent=decision.item.meeting,
            changes={"till": [None, assignment.assignee], "senast": [None, due_date.isoformat()]},
        )
    return assignment


def assignment_report(
    *,
    actor: Any,
    assignment: Assignment,
    reported_at: dt.date,
    report: str,
    version: int | None = None,
) -> Assignment:
    with transaction.atomic():
        require(actor, "meetings.assignment:change")
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        check_version(assignment, version)
        if assignment.reported_at is not None:
            raise DomainError(_("Uppdraget är redan återrapporterat."))
        if not (report or "").strip():
            raise DomainError(_("Skriv återrapporten."), field="report")
        assignment.reported_at, assignment.report = reported_at, report.strip()
        bump_version(assignment)
        assignment.save()
        audit_record(
            action="meetings.assignment.reported",
            obj=assignment,
            actor=actor,
            changes={"återrapporterat": [None, reported_at.isoformat()]},
        )
    return assignment


# --- minutes ------------------------------------------------------------------------------


def _minutes_content(meeting: Meeting) -> dict[str, Any]:
    """The frozen text of the minutes: everything the signed document says."""
    attendance = list(meeting.attendance.select_related("person__organisation"))
    items = list(meeting.items.select_related("case", "decision").order_by("number"))
    return {
        "body": meeting.body.short_name,
        "body_name": meeting.body.name,
        "date": meeting.date.isoformat(),
        "time": meeting.start_time.strftime("%H.%M") if meeting.start_time else "",
        "place": meeting.place,
        "chair": str(meeting.chair) if meeting.chair else "",
        "attendance": [
            {
                "name": str(a.person),
                "organisation": str(a.person.organisation or ""),
                "side": str(Side(a.side).label),
                "role": str(Membership.Role(a.role).label),
                "present": a.present,
                "seat": a.counts_for_quorum,
            }
            for a in attendance
        ],
        "items": [
            {
                "number": i.number,
                "title": i.title,
                "diary_number": i.case.diary_number if i.case else "",
                "proposal": i.case.proposal if i.case else "",
                "outcome": str(i.decision.get_outcome_display()) if hasattr(i, "decision") else "",
                "text": i.decision.text if hasattr(i, "decision") else "",
                "objections": i.decision.objections if hasattr(i, "decision") else "",
            }
            for i in items
        ],
    }


def minutes_generate(*, actor: Any, meeting: Meeting) -> Minutes:
    """Draw the minutes from the meeting (R-14). A draft is redrawn in place; once a version
    is signed, a change needs `minutes_correct`."""
    with transaction.atomic():
        require(actor, "meetings.minutes:generate")
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("body", "chair")
            .get(pk=meeting.pk)
        )
        if not meeting.attendance.exists():
            raise DomainError(_("Registrera närvaron innan protokollet upprättas."))
        latest = meeting.minutes.order_by("-version").first()
        if latest is not None and latest.is_signed:
            raise DomainError(
                _("Protokollet är justerat och låst. Gör en rättelse som ny version.")
            )
        content = _minutes_content(meeting)
        if latest is None:
            minutes = Minutes.objects.create(
                meeting=meeting, version=1, content=content, created_by=actor
            )
            action = "meetings.minutes.generated"
        else:
            if latest.signatures.exists():
                raise DomainError(_("Justeringen har påbörjats; protokollet kan inte dras om."))
            latest.content = content
            latest.save()
            minutes, action = latest, "meetings.minutes.regenerated"
        audit_record(
            action=action,
            obj=minutes,
            actor=actor,
            parent=meeting,
            changes={"version": [None, minutes.version]},
        )
    return minutes


def minutes_correct(*, actor: Any, meeting: Meeting, reason: str) -> Minutes:
    """A correction of signed minutes: a new draft version, the signed one stays visible."""
    with transaction.atomic():
        require(actor, "meetings.minutes:generate")
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        latest = meeting.minutes.order_by("-version").first()
        if latest is None or not latest.is_signed:
            raise DomainError(
                _("Det finns inget justerat protokoll att rätta; dra om utkastet i stället.")
            )
        if not (reason or "").strip():
            raise DomainError(_("Ange varför protokollet rättas."), field="reason")
        minutes = Minutes.objects.create(
            meeting=meeting,
            version=latest.version + 1,
            content=_minutes_content(meeting),
            correction_reason=reason.strip(),
            created_by=actor,
        )
        audit_record(
            action="meetings.minutes.corrected",
            obj=minutes,
            actor=actor,
            parent=meeting,
            changes={"version": [latest.version, minutes.version], "skäl": [None, reason.strip()]},
        )
    return minutes


def minutes_sign(*, actor: Any, minutes: Minutes) -> Signature:
    """Sign (justera) the minutes with one's own account (R-14): the meeting's chair, and one
    member present from the other side. With both signatures the minutes are locked."""
    with transaction.atomic():
        require(actor, "meetings.minutes:sign")
        minutes = (
            Minutes.objects.select_for_update(of=("self",))
            .select_related("meeting__chair")
            .get(pk=minutes.pk)
        )
        meeting = minutes.meeting
        person = getattr(actor, "person", None)
        if person is None:
            raise DomainError(
                _("Ditt konto är inte kopplat till en person och kan inte justera protokoll.")
            )
        if minutes.is_signed:
            raise DomainError(
                _(
                    "Protokollet är redan justerat av ordföranden och en ledamot från den andra sidan."
                )
            )
        latest = meeting.minutes.order_by("-version").first()
        if latest is not None and latest.pk != minutes.pk:
            raise DomainError(_("Det finns en senare version av protokollet; justera den."))
        if meeting.chair is None:
            raise DomainError(_("Sammanträdet saknar ordförande."))
        chair_row = meeting.attendance.filter(person=meeting.chair).first()
        chair_side = chair_row.side if chair_row else None
        if person.pk == meeting.chair_id:
            capacity, side = Signature.Capacity.CHAIR, chair_side or Side.REGION
        else:
            row = meeting.attendance.filter(
                person=person, present=True, counts_for_quorum=True
            ).first()
            if row is None:
                raise DomainError(
                    _(
                        "Protokollet justeras av ordföranden och en närvarande ledamot; du var inte närvarande ledamot."
                    )
                )
            if row.side == chair_side:
                raise DomainError(
                    _("Justeraren ska komma från den andra sidan än ordföranden (%(side)s).")
                    % {"side": Side(chair_side).label.lower()}
                )
            capacity, side = Signature.Capacity.ADJUSTER, row.side
        existing = minutes.signatures.filter(capacity=capacity).select_related("person").first()
        if existing is not None:
            raise DomainError(
                _("Protokollet är redan justerat som %(cap)s av %(person)s.")
                % {"cap": Signature.Capacity(capacity).label.lower(), "person": existing.person}
            )
        signature = Signature.objects.create(
            minutes=minutes, person=person, user=actor, capacity=capacity, side=side
        )
        if minutes.signatures.count() == 2:
            minutes.signed_at = timezone.now()
            minutes.save()
        audit_record(
            action="meetings.minutes.signed",
            obj=minutes,
            actor=actor,
            parent=meeting,
            changes={"justerad av": [None, f"{person} ({signature.get_capacity_display()})"]},
        )
    return signature
