"""Writes for minutes: drawing them from the meeting, correcting signed minutes as a new
version, and signing (R-14)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.bodies.models import Membership, Person
from gits.core.changes import lock, record_create, record_update
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import Meeting, Minutes, Signature
from gits.meetings.services.meetings import latest_minutes
from gits.organisations.models import Side


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
        latest = latest_minutes(meeting)
        if latest is not None and latest.is_signed:
            raise DomainError(
                _("Protokollet är justerat och låst. Gör en rättelse som ny version.")
            )
        if latest is None:
            draft = Minutes(meeting=meeting, version=1, created_by=actor)
            action = "meetings.minutes.generated"
        elif latest.signatures.exists():
            raise DomainError(_("Justeringen har påbörjats; protokollet kan inte dras om."))
        else:
            draft, action = latest, "meetings.minutes.regenerated"
        # A draft is written whole each time, new or redrawn.
        with record_create(
            draft, actor=actor, right=None, fields=(), action=action, parent=meeting
        ) as change:
            draft.content = _minutes_content(meeting)
            change.note("version", None, draft.version)
    return draft


def minutes_correct(*, actor: Any, meeting: Meeting, reason: str) -> Minutes:
    """A correction of signed minutes: a new draft version, the signed one stays visible."""
    with record_create(
        Minutes(),
        actor=actor,
        right="meetings.minutes:generate",
        fields=(),
        action="meetings.minutes.corrected",
    ) as change:
        meeting = change.parent = lock(meeting)
        latest = latest_minutes(meeting)
        if latest is None or not latest.is_signed:
            raise DomainError(
                _("Det finns inget justerat protokoll att rätta; dra om utkastet i stället.")
            )
        if not (reason or "").strip():
            raise DomainError(_("Ange varför protokollet rättas."), field="reason")
        minutes = change.obj
        minutes.meeting, minutes.version, minutes.created_by = meeting, latest.version + 1, actor
        minutes.content = _minutes_content(meeting)
        minutes.correction_reason = reason.strip()
        change.note("version", latest.version, minutes.version)
        change.note("skäl", None, minutes.correction_reason)
    return minutes


def _signs_as(minutes: Minutes, person: Person) -> tuple[str, str]:
    """The capacity and side in which the person may sign the minutes (R-14): the meeting's
    chair, or a member present from the other side, each once."""
    meeting = minutes.meeting
    if meeting.chair is None:
        raise DomainError(_("Sammanträdet saknar ordförande."))
    chair_row = meeting.attendance.filter(person=meeting.chair).first()
    chair_side = chair_row.side if chair_row else None
    if person.pk == meeting.chair_id:
        capacity, side = Signature.Capacity.CHAIR, chair_side or Side.REGION
    else:
        row = meeting.attendance.filter(person=person, present=True, counts_for_quorum=True).first()
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
    return capacity, side


def minutes_sign(*, actor: Any, minutes: Minutes) -> Signature:
    """Sign (justera) the minutes with one's own account (R-14): the meeting's chair, and one
    member present from the other side. With both signatures the minutes are locked."""
    with record_update(
        minutes,
        actor=actor,
        right="meetings.minutes:sign",
        version=None,
        fields=(),
        action="meetings.minutes.signed",
    ) as change:
        minutes = change.obj
        change.parent = minutes.meeting
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
        latest = latest_minutes(minutes.meeting)
        if latest is not None and latest.pk != minutes.pk:
            raise DomainError(_("Det finns en senare version av protokollet; justera den."))
        capacity, side = _signs_as(minutes, person)
        signature = Signature.objects.create(
            minutes=minutes, person=person, user=actor, capacity=capacity, side=side
        )
        if minutes.signatures.count() == 2:
            minutes.signed_at = timezone.now()
        change.note("justerad av", None, f"{person} ({signature.get_capacity_display()})")
    return signature
