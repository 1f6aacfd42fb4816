import io

import pytest
from pypdf import PdfReader

from gits.core.errors import DomainError
from gits.meetings import services
from gits.meetings.models import Minutes
from gits.meetings.pdf import minutes_pdf

pytestmark = pytest.mark.django_db


def pdf_text(minutes: Minutes) -> str:
    reader = PdfReader(io.BytesIO(minutes_pdf(minutes)))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def decided(held_meeting, lead):
    meeting, items = held_meeting()
    services.decision_record(
        actor=lead,
        item=items[0],
        outcome="decided",
        text="SITIV godkänner förvaltningsplanen för SAMSA.",
    )
    services.decision_record(
        actor=lead, item=items[1], outcome="referred_back", objections="Kostnaderna saknas."
    )
    return meeting


def signers(meeting, members):
    chair = next(u for u in members.values() if u.person.pk == meeting.chair_id)
    other = next(u for u in members.values() if u.person.pk != meeting.chair_id)
    return chair, other


def test_minutes_pdf_says_what_was_decided_r14(decided, lead):
    minutes = services.minutes_generate(actor=lead, meeting=decided)
    text = pdf_text(minutes)
    assert "Protokoll SITIV" in text and "UTKAST" in text
    assert "§ 1 Ärende 0" in text and "SITIV godkänner förvaltningsplanen för SAMSA." in text
    assert "Återremiss" in text and "Kostnaderna saknas." in text
    assert "Närvarande" in text and "Astrid Fiktivsson" in text


def test_chair_and_other_side_sign_then_locked_r14(decided, lead, members):
    minutes = services.minutes_generate(actor=lead, meeting=decided)
    chair, other = signers(decided, members)
    services.minutes_sign(actor=chair, minutes=minutes)
    minutes.refresh_from_db()
    assert not minutes.is_signed  # one signature is not enough
    services.minutes_sign(actor=other, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.is_signed
    text = pdf_text(minutes)
    assert "UTKAST" not in text and "justerat" in text


def test_adjuster_from_the_chairs_side_is_refused_r14(decided, lead, members, make_user):
    from gits.bodies.models import Person

    minutes = services.minutes_generate(actor=lead, meeting=decided)
    chair_side = decided.attendance.get(person=decided.chair).side
    same_side = (
        decided.attendance.filter(side=chair_side, present=True, counts_for_quorum=True)
        .exclude(person=decided.chair)
        .first()
    )
    user = make_user("sitiv_member")
    Person.objects.filter(pk=same_side.person_id).update(user=user)
    user.refresh_from_db()
    with pytest.raises(DomainError, match="andra sidan"):
        services.minutes_sign(actor=user, minutes=minutes)


def test_third_signature_and_account_without_person_refused_r14(decided, lead, members, make_user):
    minutes = services.minutes_generate(actor=lead, meeting=decided)
    chair, other = signers(decided, members)
    services.minutes_sign(actor=chair, minutes=minutes)
    with pytest.raises(DomainError, match="redan justerat som ordförande"):
        services.minutes_sign(actor=chair, minutes=minutes)
    services.minutes_sign(actor=other, minutes=minutes)
    with pytest.raises(DomainError, match="redan justerat"):
        services.minutes_sign(actor=other, minutes=minutes)
    with pytest.raises(DomainError, match="inte kopplat till en person"):
        services.minutes_sign(actor=make_user("sitiv_member"), minutes=minutes)


def test_signed_minutes_are_locked(decided, lead, members, prepared_case):
    minutes = services.minutes_generate(actor=lead, meeting=decided)
    for user in signers(decided, members):
        services.minutes_sign(actor=user, minutes=minutes)
    with pytest.raises(DomainError, match="justerat"):
        services.minutes_generate(actor=lead, meeting=decided)
    with pytest.raises(DomainError, match="justerat och låst"):
        services.agenda_add(actor=lead, meeting=decided, case=prepared_case())
    with pytest.raises(DomainError, match="justerat och låst"):
        services.attendance_record(actor=lead, meeting=decided, present=set())
    minutes.refresh_from_db()
    minutes.content = {"hacked": True}
    with pytest.raises(ValueError):
        minutes.save()


def test_correction_is_a_new_visible_version(decided, lead, members):
    minutes = services.minutes_generate(actor=lead, meeting=decided)
    for user in signers(decided, members):
        services.minutes_sign(actor=user, minutes=minutes)
    corrected = services.minutes_correct(actor=lead, meeting=decided, reason="Fel stavning i § 1.")
    assert corrected.version == 2 and not corrected.is_signed
    assert Minutes.objects.get(pk=minutes.pk).is_signed
    assert "Rättelse, version 2" in pdf_text(corrected)
    # The correction reopens the meeting: the wording can be fixed, then the new version signed.
    decision = decided.items.get(number=1).decision
    services.decision_amend(
        actor=lead, decision=decision, text="SITIV godkänner förvaltningsplanen för SAMSA 2026."
    )
    corrected = services.minutes_generate(actor=lead, meeting=decided)
    assert corrected.version == 2 and "SAMSA 2026." in pdf_text(corrected)
    assert "SAMSA 2026." not in pdf_text(Minutes.objects.get(pk=minutes.pk))
    for user in signers(decided, members):
        services.minutes_sign(actor=user, minutes=corrected)
    with pytest.raises(DomainError, match="justerat och låst"):
        services.decision_amend(actor=lead, decision=decision, text="Igen.")


def test_draft_is_redrawn_until_signing_starts(decided, lead, members):
    minutes = services.minutes_generate(actor=lead, meeting=decided)
    again = services.minutes_generate(actor=lead, meeting=decided)
    assert again.pk == minutes.pk and Minutes.objects.count() == 1
    services.minutes_sign(actor=signers(decided, members)[0], minutes=minutes)
    with pytest.raises(DomainError, match="Justeringen har påbörjats"):
        services.minutes_generate(actor=lead, meeting=decided)


def test_free_items_are_in_the_minutes_pdf_in_agenda_order(held_meeting, lead):
    """A free item (no case) appears in the minutes with its § number, title and text, in
    its place on the agenda (issue 13)."""
    meeting, items = held_meeting()
    free = services.agenda_add_free(
        actor=lead,
        meeting=meeting,
        title="Information om SITHS-korten",
        text="Förvaltaren berättade om de nya korten.",
    )
    free = services.agenda_move(actor=lead, item=free, direction="up")  # between the cases
    for item in items:
        services.decision_record(actor=lead, item=item, outcome="decided", text="Beslut.")
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    text = " ".join(pdf_text(minutes).split())
    for item in [*items, free]:
        item.refresh_from_db()
    first, second = sorted(i.number for i in items)
    assert first < free.number < second
    assert f"§ {free.number} Information om SITHS-korten" in text
    assert "Förvaltaren berättade om de nya korten." in text
    places = [text.index(f"§ {n} ") for n in (first, free.number, second)]
    assert places == sorted(places)
    # a free item without a decision is not marked as missing one; a case would be
    section = text[places[1] : places[2]]
    assert "Inget beslut registrerat" not in section
