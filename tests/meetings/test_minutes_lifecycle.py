"""Minutes you can trust (issue 11): versions with a lifecycle, who signs, the locked file as
the record, and only what happened can be recorded (R-14)."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gits.bodies.models import Person
from gits.bodies.selectors import body_composition
from gits.core.archive import sha256
from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.meetings import services
from gits.meetings.models import Attendance, Decision, Meeting, Minutes, Signature
from gits.meetings.pdf import minutes_pdf
from gits.meetings.selectors import meeting_presiding
from gits.meetings.services.minutes import _minutes_content
from tests.meetings.conftest import TODAY
from tests.sealing import verify_seal

pytestmark = pytest.mark.django_db
PAST = TODAY - dt.timedelta(days=30)


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def user_of(person, members, make_user):
    """The account of a person: a demo member's, or a new one linked to the person."""
    for user in members.values():
        if user.person.pk == person.pk:
            return user
    user = make_user("sitiv_member")
    Person.objects.filter(pk=person.pk).update(user=user)
    user.refresh_from_db()
    return user


@pytest.fixture
def meeting3(held_meeting, lead):
    """A past meeting with three paragraphs: one decided, one referred back, one open."""
    meeting, items = held_meeting(date=PAST, cases=3)
    services.decision_record(actor=lead, item=items[0], outcome="decided", text="Beslut A.")
    services.decision_record(
        actor=lead, item=items[1], outcome="referred_back", objections="Underlag saknas."
    )
    return meeting, items


def chair_and_other(meeting, members, make_user):
    minutes = services.latest_minutes(meeting)
    presiding = minutes.presiding
    chair_side = meeting.attendance.get(person=presiding).side
    other = (
        meeting.attendance.filter(present=True, counts_for_quorum=True)
        .exclude(side=chair_side)
        .order_by("person__last_name")
    )
    other_person = next((a.person for a in other if a.person.user_id), other.first().person)
    return user_of(presiding, members, make_user), user_of(other_person, members, make_user)


# --- 1. frozen from the first signature --------------------------------------------------


def test_first_signature_freezes_record_and_draft_r14(meeting3, lead, members, make_user):
    meeting, items = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, _ = chair_and_other(meeting, members, make_user)
    services.minutes_sign(actor=chair, minutes=minutes, digest=minutes.content_digest)
    before = (
        list(Attendance.objects.filter(meeting=meeting).values_list("person_id", "present")),
        list(Decision.objects.filter(item__meeting=meeting).values_list("pk", "text")),
        meeting.items.count(),
        Minutes.objects.get(pk=minutes.pk).content,
        AuditEntry.objects.count(),
    )
    frozen = (
        f"R-14: Justeringen av protokollet version 1 har påbörjats \\(justerat av {chair.person}"
    )
    with pytest.raises(DomainError, match=frozen):
        services.attendance_record(actor=lead, meeting=meeting, present=set())
    with pytest.raises(DomainError, match=frozen):
        services.decision_record(actor=lead, item=items[2], outcome="decided", text="Nytt.")
    with pytest.raises(DomainError, match=frozen):
        services.decision_amend(actor=lead, decision=items[0].decision, text="Ändrat.")
    with pytest.raises(DomainError, match=frozen):
        services.agenda_remove(actor=lead, item=items[2])
    with pytest.raises(DomainError, match="Justeringen har påbörjats"):
        services.minutes_generate(actor=lead, meeting=meeting)
    with pytest.raises(DomainError, match=frozen):
        services.meeting_update(
            actor=lead,
            meeting=meeting,
            version=Meeting.objects.get(pk=meeting.pk).version,
            place="Annan plats",
        )
    after = (
        list(Attendance.objects.filter(meeting=meeting).values_list("person_id", "present")),
        list(Decision.objects.filter(item__meeting=meeting).values_list("pk", "text")),
        meeting.items.count(),
        Minutes.objects.get(pk=minutes.pk).content,
        AuditEntry.objects.count(),
    )
    assert after == before  # nothing changed, nothing written


def test_what_is_signed_is_what_is_locked_r14(meeting3, lead, members, make_user):
    """The bug of issue 11: a change after the chair's signature, then the other side signs
    the old draft. Now the change is refused and the locked file shows the record."""
    meeting, items = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, other = chair_and_other(meeting, members, make_user)
    services.minutes_sign(actor=chair, minutes=minutes)
    with pytest.raises(DomainError):
        services.attendance_record(actor=lead, meeting=meeting, present=set())
    services.minutes_sign(actor=other, minutes=minutes)
    minutes.refresh_from_db()
    text = text_of(bytes(minutes.archive_pdf))
    present = meeting.attendance.filter(present=True).select_related("person").first().person
    assert str(present) in text and "Beslut A." in text
    assert minutes.content == _minutes_content(meeting, meeting_presiding(meeting))


# --- 2. withdrawal --------------------------------------------------------------------------


def test_withdrawal_voids_signatures_tells_signers_and_opens_the_record_r14(
    meeting3, lead, members, make_user, django_capture_on_commit_callbacks
):
    meeting, items = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, other = chair_and_other(meeting, members, make_user)
    services.minutes_sign(actor=chair, minutes=minutes)
    with pytest.raises(DomainError) as err:
        services.minutes_withdraw(actor=lead, minutes=minutes, reason="  ")
    assert err.value.field == "reason"
    assert not Minutes.objects.get(pk=minutes.pk).is_withdrawn
    with pytest.raises(RightMissing):
        services.minutes_withdraw(
            actor=make_user("municipal_contact"), minutes=minutes, reason="Fel."
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_withdraw(
            actor=lead, minutes=minutes, reason="Närvaron för kommunerna var fel."
        )
    minutes.refresh_from_db()
    assert minutes.is_withdrawn and minutes.withdrawal_reason == "Närvaron för kommunerna var fel."
    [message] = mail.outbox
    address = chair.person.email or chair.email
    assert message.to == [address]
    assert "version 1" in message.subject and "dragits tillbaka" in message.subject
    assert "Närvaron för kommunerna var fel." in message.body
    entry = AuditEntry.objects.filter(action="meetings.minutes.withdrawn").get()
    assert entry.changes["skäl"][1] == "Närvaron för kommunerna var fel."
    # The void version cannot be signed, and the record opens again.
    with pytest.raises(DomainError, match="R-14: Version 1 drogs tillbaka"):
        services.minutes_sign(actor=other, minutes=minutes)
    services.decision_amend(actor=lead, decision=items[0].decision, text="Beslut A, rättat.")
    second = services.minutes_generate(actor=lead, meeting=meeting)
    assert second.version == 2 and second.correction_reason == minutes.withdrawal_reason
    services.minutes_sign(actor=chair, minutes=second, digest=second.content_digest)
    services.minutes_sign(actor=other, minutes=second, digest=second.content_digest)
    second.refresh_from_db()
    assert second.is_signed and "Beslut A, rättat." in text_of(bytes(second.archive_pdf))
    assert Signature.objects.filter(minutes=minutes).count() == 1  # kept, shown as void


def test_a_locked_version_is_corrected_not_withdrawn(meeting3, lead, members, make_user):
    meeting, _ = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    for user in chair_and_other(meeting, members, make_user):
        services.minutes_sign(actor=user, minutes=minutes)
    with pytest.raises(DomainError, match="justerad och låst"):
        services.minutes_withdraw(actor=lead, minutes=minutes, reason="Fel.")


# --- 3. the signer signs the version they read ----------------------------------------------


def test_sign_names_the_current_version_and_content_r14(meeting3, lead, members, make_user):
    meeting, items = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    read = minutes.content_digest
    chair, other = chair_and_other(meeting, members, make_user)
    # The secretary redraws the draft after a change while the chair reads it.
    services.decision_record(actor=lead, item=items[2], outcome="decided", text="Beslut C.")
    redrawn = services.minutes_generate(actor=lead, meeting=meeting)
    assert redrawn.pk == minutes.pk and redrawn.content_digest != read
    with pytest.raises(DomainError, match="R-14: Utkastet version 1 har dragits om"):
        services.minutes_sign(actor=chair, minutes=minutes, digest=read)
    assert not Signature.objects.exists()
    services.minutes_sign(actor=chair, minutes=minutes, digest=redrawn.content_digest)


def test_a_stale_draft_cannot_be_signed_r14(meeting3, lead, members, make_user):
    meeting, items = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, _ = chair_and_other(meeting, members, make_user)
    services.decision_record(actor=lead, item=items[2], outcome="decided", text="Beslut C.")
    with pytest.raises(DomainError, match="har ändrats sedan version 1 upprättades"):
        services.minutes_sign(actor=chair, minutes=minutes)
    assert services.minutes_stale(minutes)


def test_an_older_version_is_refused(meeting3, lead, members, make_user):
    meeting, _ = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, other = chair_and_other(meeting, members, make_user)
    services.minutes_sign(actor=chair, minutes=minutes)
    services.minutes_withdraw(actor=lead, minutes=minutes, reason="Fel i närvaron.")
    services.minutes_generate(actor=lead, meeting=meeting)
    with pytest.raises(DomainError, match="drogs tillbaka"):
        services.minutes_sign(actor=other, minutes=minutes)


# --- 4. who signs ----------------------------------------------------------------------------


def test_absent_chair_vice_chair_presides_and_signs_r14(held_meeting, lead, members, make_user):
    meeting, items = held_meeting(date=PAST, cases=1)
    composition = body_composition(meeting.body, meeting.date)
    chair, vice = composition.chair.person, composition.vice_chair.person
    present = set(meeting.attendance.filter(present=True).values_list("person_id", flat=True)) - {
        chair.pk
    }
    services.attendance_record(actor=lead, meeting=meeting, present=present)
    meeting.refresh_from_db()
    assert meeting.chair == vice  # who presided follows from attendance
    services.decision_record(actor=lead, item=items[0], outcome="decided")
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    assert minutes.presiding == vice
    pdf = text_of(minutes_pdf(minutes))
    assert f"Ordförande vid sammanträdet: {vice}" in pdf and f"ordföranden {chair}" in pdf
    chair_user = user_of(chair, members, make_user)
    with pytest.raises(DomainError, match=f"R-14: {chair} var frånvarande"):
        services.minutes_sign(actor=chair_user, minutes=minutes)
    vice_user = user_of(vice, members, make_user)
    signature = services.minutes_sign(actor=vice_user, minutes=minutes)
    assert signature.capacity == Signature.Capacity.CHAIR
    # The other signer comes from the side that is not the vice chair's.
    vice_side = meeting.attendance.get(person=vice).side
    same = (
        meeting.attendance.filter(side=vice_side, present=True, counts_for_quorum=True)
        .exclude(person=vice)
        .first()
        .person
    )
    with pytest.raises(DomainError, match=f"R-14: {same} sitter för .*andra sidan"):
        services.minutes_sign(actor=user_of(same, members, make_user), minutes=minutes)
    other = (
        meeting.attendance.filter(present=True, counts_for_quorum=True)
        .exclude(side=vice_side)
        .first()
        .person
    )
    services.minutes_sign(actor=user_of(other, members, make_user), minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.is_signed


def test_an_absent_chair_cannot_sign_and_nobody_presiding_refuses_minutes_r14(held_meeting, lead):
    meeting, _ = held_meeting(date=PAST, cases=1)
    composition = body_composition(meeting.body, meeting.date)
    present = set(meeting.attendance.filter(present=True).values_list("person_id", flat=True)) - {
        composition.chair.person_id,
        composition.vice_chair.person_id,
    }
    services.attendance_record(actor=lead, meeting=meeting, present=present)
    meeting.refresh_from_db()
    assert meeting.chair is None
    with pytest.raises(DomainError) as err:
        services.minutes_generate(actor=lead, meeting=meeting)
    assert "R-14" in str(err.value) and str(composition.chair.person) in str(err.value)
    assert str(composition.vice_chair.person) in str(err.value)
    assert not Minutes.objects.exists()


def test_a_member_absent_or_without_seat_cannot_sign_r14(meeting3, lead, members, make_user):
    meeting, _ = meeting3
    chair_side = meeting.attendance.get(person=meeting.chair).side
    absent_row = (
        meeting.attendance.filter(present=True, counts_for_quorum=True)
        .exclude(side=chair_side)
        .exclude(person__user__isnull=False)
        .first()
    )
    coopted = meeting.attendance.get(role="coopted").person
    present = set(meeting.attendance.filter(present=True).values_list("person_id", flat=True)) - {
        absent_row.person_id
    } | {coopted.pk}
    services.attendance_record(actor=lead, meeting=meeting, present=present)
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    user = user_of(absent_row.person, members, make_user)
    with pytest.raises(DomainError, match=f"R-14: {absent_row.person} var frånvarande"):
        services.minutes_sign(actor=user, minutes=minutes)
    with pytest.raises(DomainError, match=f"R-14: {coopted} var inte närvarande ledamot"):
        services.minutes_sign(actor=user_of(coopted, members, make_user), minutes=minutes)


# --- 5. the locked file is the record -------------------------------------------------------


def test_lock_stores_a_sealed_pdfa_and_never_renders_again_r14(
    meeting3, lead, members, make_user, seal_ca, client, monkeypatch
):
    meeting, _ = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, other = chair_and_other(meeting, members, make_user)
    services.minutes_sign(actor=chair, minutes=minutes)
    services.minutes_sign(actor=other, minutes=minutes)
    minutes.refresh_from_db()
    stored = bytes(minutes.archive_pdf)
    assert minutes.archive_sha256 == sha256(stored) and len(minutes.archive_sha256) == 64
    assert b"pdfaid:part" in stored  # PDF/A
    embedded, status = verify_seal(stored, seal_ca)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    reason = embedded.sig_object["/Reason"]
    assert f"Justerat av {chair.person} (ordförande) och {other.person} (justerare)" in reason
    assert embedded.sig_object["/Name"] == f"{chair.person}; {other.person}"
    assert embedded.self_reported_timestamp is not None
    # Later data (and template) changes cannot change the locked file.
    Meeting.objects.filter(pk=meeting.pk).update(place="Ett helt annat ställe")

    def never(*args, **kwargs):
        raise AssertionError("a locked version was rendered again")

    monkeypatch.setattr("gits.meetings.pdf.render_minutes_pdf", never)
    again = client.get(reverse("meetings:minutes_pdf", args=[minutes.pk]))
    assert again.status_code == 200 and again.content == stored
    assert sha256(again.content) == minutes.archive_sha256
    assert minutes_pdf(Minutes.objects.get(pk=minutes.pk)) == stored
    # The hash is shown on the meeting page and with the decision, to anyone.
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert minutes.archive_sha256 in page
    decision = Decision.objects.get(item__meeting=meeting, outcome="decided")
    detail = client.get(reverse("meetings:decision", args=[decision.pk])).content.decode()
    assert minutes.archive_sha256 in detail
    with pytest.raises(ValueError):
        minutes.content = {"ändrat": True}
        minutes.save()


# --- 6. only what happened can be recorded -------------------------------------------------


def test_nothing_is_recorded_before_the_meeting_date(sitiv, lead, prepared_case):
    tomorrow = TODAY + dt.timedelta(days=1)
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=tomorrow)
    item = services.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    composition = body_composition(sitiv, tomorrow)
    everybody = {m.person_id for s in composition.sides for m in s.seated}
    with pytest.raises(DomainError) as err:
        services.attendance_record(actor=lead, meeting=meeting, present=everybody)
    assert str(err.value) == (
        f"Sammanträdet äger rum den {tomorrow.isoformat()}; närvaro kan registreras först då."
    )
    with pytest.raises(DomainError, match="beslut kan föras in först då"):
        services.decision_record(actor=lead, item=item, outcome="decided")
    with pytest.raises(DomainError, match="protokoll kan upprättas först då"):
        services.minutes_generate(actor=lead, meeting=meeting)
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert not Decision.objects.exists() and not Minutes.objects.exists()
    today = services.meeting_plan(actor=lead, body=sitiv, date=TODAY)
    assert services.attendance_record(actor=lead, meeting=today, present=everybody)


# --- 7. the pages ----------------------------------------------------------------------------


def test_pages_name_the_version_and_withdraw_with_a_reason(
    client, meeting3, lead, members, make_user, django_capture_on_commit_callbacks
):
    meeting, _ = meeting3
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, other = chair_and_other(meeting, members, make_user)
    url = reverse("meetings:meeting", args=[meeting.pk])
    client.force_login(chair)
    page = client.get(url).content.decode()
    drafted = timezone.localtime(minutes.drafted_at).strftime("%Y-%m-%d %H:%M")
    assert f"Du justerar version 1, upprättad {drafted}" in page
    assert f'name="digest" value="{minutes.content_digest}"' in page
    assert f"Ordförande vid sammanträdet</dt><dd>{chair.person}" in page
    sign = reverse("meetings:minutes_sign", args=[minutes.pk])
    client.post(sign, {"digest": "inaktuell"})
    assert not Signature.objects.exists()
    client.post(sign, {"digest": minutes.content_digest})
    assert Signature.objects.filter(person=chair.person).exists()

    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "Dra tillbaka version 1" in page and "Spara närvaro" not in page
    withdraw = reverse("meetings:minutes_withdraw", args=[minutes.pk])
    refused = client.post(withdraw, {"reason": ""})  # shown again on its own page
    assert refused.status_code == 400
    assert (
        '<p class="error" id="id_reason-error">Ange varför versionen dras tillbaka.'
        in refused.content.decode()
    )
    assert not Minutes.objects.get(pk=minutes.pk).is_withdrawn
    page = client.get(withdraw).content.decode()
    assert f"<h1>Dra tillbaka version 1 av protokollet från {meeting}</h1>" in page
    assert "Dra tillbaka version 1</button>" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(withdraw, {"reason": "Fel i närvaron."})
    assert Minutes.objects.get(pk=minutes.pk).is_withdrawn and len(mail.outbox) == 1
    page = client.get(url).content.decode()
    assert "tillbakadragen" in page and "Fel i närvaron." in page and "gäller inte" in page
    assert "Upprätta version 2" in page and "Spara närvaro" in page
    client.logout()
    assert client.get(reverse("meetings:minutes_pdf", args=[minutes.pk])).status_code in (302, 403)
