"""Writes for minutes as versions with a lifecycle (R-14):

draft --first signature--> being signed --second signature--> locked
  |                              |                                |
  redrawn in place               withdrawn with a reason          corrected by a new version
  (until signing starts)         (signatures void, signers told)  (stays the public record
                                                                   until that one is locked)

What is signed is exactly what is locked: a signature names the version and the content the
signer read, and from the first signature the record it shows is frozen.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.bodies.models import Membership, Person
from gits.core.changes import Recorded, lock
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import Decision, Meeting, Minutes, Signature
from gits.meetings.pdf import archive_minutes
from gits.meetings.selectors import Presiding, meeting_presiding
from gits.meetings.services.meetings import latest_minutes, refuse_before_date
from gits.organisations.models import Side

# The entries of the minutes record what each step notes: a version, a reason, a signer.
MINUTES = Recorded(Minutes, (), right="meetings.minutes:generate")
SIGNING = Recorded(Minutes, (), right="meetings.minutes:sign")


def _minutes_content(meeting: Meeting, presiding: Presiding | None) -> dict[str, Any]:
    """The frozen text of the minutes: everything the signed document says."""
    attendance = list(meeting.attendance.select_related("person__organisation"))
    items = list(meeting.items.select_related("case", "decision").order_by("number"))
    return {
        "body": meeting.body.short_name,
        "body_name": meeting.body.name,
        "date": meeting.date.isoformat(),
        "time": meeting.start_time.strftime("%H.%M") if meeting.start_time else "",
        "place": meeting.place,
        "chair": str(presiding.person) if presiding else "",
        "presiding": {
            "name": str(presiding.person),
            "role": presiding.role_label,
            "side": str(Side(presiding.side).label),
            "absent_chair": str(presiding.absent_chair) if presiding.absent_chair else "",
        }
        if presiding
        else {},
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
                "agenda_text": i.text,
                "diary_number": i.case.diary_number if i.case else "",
                "proposal": i.case.proposal if i.case else "",
                "outcome": str(i.decision.get_outcome_display()) if hasattr(i, "decision") else "",
                "text": i.decision.text if hasattr(i, "decision") else "",
                "objections": i.decision.objections if hasattr(i, "decision") else "",
            }
            for i in items
        ],
    }


def minutes_stale(minutes: Minutes) -> bool:
    """A draft no longer shows the meeting's record (attendance, agenda or decisions changed
    since it was drawn): it must be redrawn before anyone signs it."""
    if minutes.is_signed or minutes.is_withdrawn:
        return False
    meeting = minutes.meeting
    return _minutes_content(meeting, meeting_presiding(meeting)) != minutes.content


def _presiding_or_refuse(meeting: Meeting) -> Presiding:
    presiding = meeting_presiding(meeting)
    if presiding is not None:
        return presiding
    from gits.bodies.selectors import body_composition

    composition = body_composition(meeting.body, meeting.date)
    chair = composition.chair.person if composition.chair else _("(ingen ordförande)")
    vice = composition.vice_chair.person if composition.vice_chair else _("(ingen vice ordförande)")
    raise DomainError(
        _(
            "R-14: Ordföranden %(chair)s och vice ordföranden %(vice)s är inte registrerade som närvarande, så ingen ledde sammanträdet och kan justera protokollet. Rätta närvaron först."
        )
        % {"chair": chair, "vice": vice}
    )


def _signer_names(minutes: Minutes) -> str:
    return _(" och ").join(
        f"{s.person} ({s.get_capacity_display().lower()})"
        for s in minutes.signatures.select_related("person")
    )


def minutes_generate(*, actor: Any, meeting: Meeting) -> Minutes:
    """Draw a version of the minutes from the meeting's record (R-14). A draft nobody has
    signed is redrawn in place; after a withdrawal the next version is drawn; a version being
    signed or locked is never redrawn."""
    with transaction.atomic():
        require(actor, "meetings.minutes:generate")
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("body", "chair")
            .get(pk=meeting.pk)
        )
        refuse_before_date(meeting, "minutes")
        if not meeting.attendance.exists():
            raise DomainError(_("Registrera närvaron innan protokollet upprättas."))
        latest = latest_minutes(meeting)
        if latest is not None and latest.is_signed:
            raise DomainError(
                _(
                    "R-14: Protokollet version %(v)s är justerat och låst. En ändring görs som en rättelse: en ny version med skäl."
                )
                % {"v": latest.version}
            )
        if latest is not None and not latest.is_withdrawn and latest.signatures.exists():
            raise DomainError(
                _(
                    "R-14: Justeringen har påbörjats (version %(v)s är justerad av %(who)s); utkastet kan inte dras om. Dra tillbaka versionen med ett skäl och upprätta sedan en ny."
                )
                % {"v": latest.version, "who": _signer_names(latest)}
            )
        presiding = _presiding_or_refuse(meeting)
        if latest is None or latest.is_withdrawn:
            draft = Minutes(
                meeting=meeting,
                version=latest.version + 1 if latest else 1,
                created_by=actor,
                correction_reason=latest.withdrawal_reason if latest else "",
            )
            verb = "generated"
        else:
            draft, verb = latest, "regenerated"
        # A draft is written whole each time, new or redrawn.
        with MINUTES.creating(
            obj=draft, actor=actor, check_right=False, verb=verb, parent=meeting
        ) as change:
            draft.content = _minutes_content(meeting, presiding)
            draft.presiding = presiding.person
            draft.drafted_at = timezone.now()
            change.note("version", None, draft.version)
            change.note("ledde sammanträdet", None, str(presiding))
    return draft


def _tell_signers(minutes: Minutes, *, actor: Any, reason: str, corrected: bool) -> None:
    """E-mail each person who signed the version that it was withdrawn (or is being
    corrected) and why, once the change is committed."""
    meeting = minutes.meeting
    messages = []
    for signature in minutes.signatures.select_related("person", "user"):
        address = signature.person.email or signature.user.email
        if not address:
            continue
        values = {
            "body": meeting.body.short_name,
            "date": meeting.date.isoformat(),
            "v": minutes.version,
            "signed": timezone.localtime(signature.signed_at).strftime("%Y-%m-%d %H.%M"),
            "actor": getattr(actor, "get_full_name", lambda: "")() or str(actor),
            "reason": reason,
        }
        if corrected:
            subject = _("Protokollet du justerade rättas: %(body)s %(date)s, version %(v)s")
            text = _(
                "Version %(v)s av protokollet från %(body)s sammanträde %(date)s, som du justerade %(signed)s, rättas av %(actor)s.\n\nSkäl: %(reason)s\n\nDen justerade versionen gäller tills en ny version är justerad."
            )
        else:
            subject = _(
                "Protokollet du justerade har dragits tillbaka: %(body)s %(date)s, version %(v)s"
            )
            text = _(
                "Version %(v)s av protokollet från %(body)s sammanträde %(date)s, som du justerade %(signed)s, har dragits tillbaka av %(actor)s.\n\nSkäl: %(reason)s\n\nDin justering av den versionen gäller inte längre. En ny version upprättas och ska justeras på nytt."
            )
        messages.append((subject % values, text % values, address))

    def send() -> None:
        for subject, text, address in messages:
            send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True)

    transaction.on_commit(send)


def minutes_withdraw(*, actor: Any, minutes: Minutes, reason: str) -> Minutes:
    """Withdraw a version that is being signed (R-14), with a reason: its signatures are
    void, each signer is told by e-mail, and the record opens for a new version. A locked
    version is not withdrawn but corrected (`minutes_correct`)."""
    with MINUTES.updating(
        minutes, actor=actor, version=None, verb="withdrawn", always=True
    ) as change:
        minutes = change.obj
        change.parent = lock(minutes.meeting)
        if minutes.is_withdrawn:
            raise DomainError(_("Version %(v)s är redan tillbakadragen.") % {"v": minutes.version})
        if minutes.is_signed:
            raise DomainError(
                _(
                    "R-14: Version %(v)s är justerad och låst och kan inte dras tillbaka; rätta den med en ny version."
                )
                % {"v": minutes.version}
            )
        latest = latest_minutes(minutes.meeting)
        if latest is not None and latest.pk != minutes.pk:
            raise DomainError(
                _("Bara den senaste versionen (version %(v)s) kan dras tillbaka.")
                % {"v": latest.version}
            )
        reason = (reason or "").strip()
        if not reason:
            raise DomainError(_("Ange varför versionen dras tillbaka."), field="reason")
        minutes.withdrawn_at, minutes.withdrawn_by = timezone.now(), actor
        minutes.withdrawal_reason = reason
        change.note("version", None, minutes.version)
        change.note("skäl", None, reason)
        change.note("ogiltiga justeringar", None, _signer_names(minutes) or None)
        _tell_signers(minutes, actor=actor, reason=reason, corrected=False)
    return minutes


def minutes_correct(*, actor: Any, meeting: Meeting, reason: str) -> Minutes:
    """A correction of locked minutes: a new draft version with the reason. The locked version
    stays the public record until the new one is locked (R-17); its signers are told."""
    with MINUTES.creating(actor=actor, verb="corrected") as change:
        meeting = change.parent = lock(meeting)
        latest = latest_minutes(meeting)
        if latest is None or not latest.is_signed:
            raise DomainError(
                _(
                    "Det finns inget justerat protokoll att rätta; dra om utkastet eller dra tillbaka versionen som justeras."
                )
            )
        if not (reason or "").strip():
            raise DomainError(_("Ange varför protokollet rättas."), field="reason")
        presiding = _presiding_or_refuse(meeting)
        minutes = change.obj
        minutes.meeting, minutes.version, minutes.created_by = meeting, latest.version + 1, actor
        minutes.content = _minutes_content(meeting, presiding)
        minutes.presiding = presiding.person
        minutes.drafted_at = timezone.now()
        minutes.correction_reason = reason.strip()
        change.note("version", latest.version, minutes.version)
        change.note("skäl", None, minutes.correction_reason)
        _tell_signers(latest, actor=actor, reason=minutes.correction_reason, corrected=True)
    return minutes


def _signs_as(minutes: Minutes, person: Person) -> tuple[str, str]:
    """The capacity and side in which the person may sign this version (R-14): the person
    who presided (present, as chair), and a member present from the other side; each
    capacity once, never the same person twice. Every refusal names the rule and the
    person."""
    if minutes.is_withdrawn or minutes.is_signed:
        raise DomainError(
            _("R-14: Version %(v)s kan inte justeras längre.") % {"v": minutes.version}
        )
    meeting = minutes.meeting
    rows = {a.person_id: a for a in meeting.attendance.all()}
    presiding = minutes.presiding or (
        p.person if (p := meeting_presiding(meeting)) is not None else None
    )
    if presiding is None:
        raise DomainError(
            _("R-14: Ingen ordförande eller vice ordförande var närvarande vid sammanträdet.")
        )
    presiding_row = rows.get(presiding.pk)
    if presiding_row is None or not presiding_row.present:
        raise DomainError(
            _(
                "R-14: %(person)s är registrerad som frånvarande och kan inte ha lett sammanträdet eller justera som ordförande."
            )
            % {"person": presiding}
        )
    chair_side = presiding_row.side
    if person.pk == presiding.pk:
        capacity, side = Signature.Capacity.CHAIR, chair_side
    else:
        row = rows.get(person.pk)
        if row is None or not row.present or not row.counts_for_quorum:
            absent = row is not None and not row.present
            raise DomainError(
                (
                    _(
                        "R-14: %(person)s var frånvarande vid sammanträdet och kan inte justera protokollet. Det justeras av %(presiding)s, som ledde sammanträdet, och en närvarande ledamot från den andra sidan."
                    )
                    if absent
                    else _(
                        "R-14: %(person)s var inte närvarande ledamot vid sammanträdet och kan inte justera protokollet. Det justeras av %(presiding)s, som ledde sammanträdet, och en närvarande ledamot från den andra sidan."
                    )
                )
                % {"person": person, "presiding": presiding}
            )
        if row.side == chair_side:
            raise DomainError(
                _(
                    "R-14: %(person)s sitter för %(side)s, samma sida som %(presiding)s som ledde sammanträdet; justeraren ska komma från den andra sidan."
                )
                % {"person": person, "side": Side(chair_side).label.lower(), "presiding": presiding}
            )
        capacity, side = Signature.Capacity.ADJUSTER, row.side
    existing = minutes.signatures.filter(capacity=capacity).select_related("person").first()
    if existing is not None:
        raise DomainError(
            _("R-14: Protokollet är redan justerat som %(cap)s av %(person)s.")
            % {"cap": Signature.Capacity(capacity).label.lower(), "person": existing.person}
        )
    if minutes.signatures.filter(person=person).exists():
        raise DomainError(
            _(
                "R-14: %(person)s har redan justerat version %(v)s; samma person justerar aldrig två gånger."
            )
            % {"person": person, "v": minutes.version}
        )
    return capacity, side


def _publish(minutes: Minutes) -> None:
    """Decisions become public with the text of the locked version (R-17)."""
    decisions = {
        d.item.number: d
        for d in Decision.objects.filter(item__meeting=minutes.meeting).select_related("item")
    }
    for entry in minutes.content["items"]:
        decision = decisions.get(entry["number"])
        if decision is not None and entry.get("outcome"):
            decision.published_text, decision.published_in = entry["text"], minutes
            decision.save(update_fields=["published_text", "published_in"])


def minutes_sign(*, actor: Any, minutes: Minutes, digest: str | None = None) -> Signature:
    """Sign (justera) a version with one's own account (R-14): the person who presided, and
    one member present from the other side. `digest` is the content the signer read
    (`Minutes.content_digest`): a draft redrawn in between is refused. With the second
    signature the version is locked: its sealed PDF/A is stored with its SHA-256 and the
    decisions in it become public."""
    with SIGNING.updating(minutes, actor=actor, version=None, verb="signed") as change:
        minutes = change.obj
        meeting = change.parent = lock(minutes.meeting)
        person = getattr(actor, "person", None)
        if person is None:
            raise DomainError(
                _("Ditt konto är inte kopplat till en person och kan inte justera protokoll.")
            )
        if minutes.is_withdrawn:
            raise DomainError(
                _(
                    "R-14: Version %(v)s drogs tillbaka (%(reason)s) och kan inte justeras; justera den senaste versionen."
                )
                % {"v": minutes.version, "reason": minutes.withdrawal_reason}
            )
        if minutes.is_signed:
            raise DomainError(
                _(
                    "Protokollet är redan justerat av ordföranden och en ledamot från den andra sidan."
                )
            )
        latest = latest_minutes(meeting)
        if latest is not None and latest.pk != minutes.pk:
            raise DomainError(
                _(
                    "R-14: Version %(v)s är inte längre det aktuella utkastet; version %(latest)s är senare. Läs och justera den."
                )
                % {"v": minutes.version, "latest": latest.version}
            )
        if digest is not None and digest != minutes.content_digest:
            raise DomainError(
                _(
                    "R-14: Utkastet version %(v)s har dragits om (%(at)s) sedan du läste det. Läs det igen innan du justerar."
                )
                % {
                    "v": minutes.version,
                    "at": timezone.localtime(minutes.drafted_at).strftime("%Y-%m-%d %H.%M")
                    if minutes.drafted_at
                    else "",
                }
            )
        presiding = meeting_presiding(meeting)
        if _minutes_content(meeting, presiding) != minutes.content:
            raise DomainError(
                _(
                    "R-14: Sammanträdets närvaro, dagordning eller beslut har ändrats sedan version %(v)s upprättades, så utkastet visar inte längre det som skulle låsas. Sekreteraren drar om utkastet innan det justeras."
                )
                % {"v": minutes.version}
            )
        capacity, side = _signs_as(minutes, person)
        signature = Signature.objects.create(
            minutes=minutes, person=person, user=actor, capacity=capacity, side=side
        )
        change.note("version", None, minutes.version)
        change.note("justerad av", None, f"{person} ({signature.get_capacity_display().lower()})")
        if minutes.signatures.count() == 2:
            minutes.signed_at = timezone.now()
            minutes.archive_pdf, minutes.archive_sha256 = archive_minutes(minutes)
            change.note("kontrollsumma", None, minutes.archive_sha256)
            change.after_save.append(_publish)
    return signature
