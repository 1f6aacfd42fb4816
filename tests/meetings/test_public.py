"""Public means signed (R-17): every surface an anonymous visitor reaches shows decision text
only from locked minutes, the latest locked version's; a correction's text is for signed-in
users until it is locked."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.meetings import services
from gits.meetings.calendar import body_calendar
from gits.meetings.selectors import decision_register
from tests.meetings.conftest import TODAY

pytestmark = pytest.mark.django_db
API = "/api/v1"
OLD, NEW = "SITIV beslutar om Bibblix-avtalet.", "SITIV beslutar om Bibblix-avtalet 2027."
# The surfaces that show a public decision's text (the others show where to find it).
SHOWING_TEXT = ("meeting page", "register", "search", "decision page", "api meeting", "start page")


def signers(meeting, members):
    chair = next(u for u in members.values() if u.person.pk == meeting.chair_id)
    other = next(u for u in members.values() if u.person.pk != meeting.chair_id)
    return chair, other


def public_surfaces(client, meeting, decision) -> dict[str, str]:
    """What an anonymous visitor gets from each surface, as text."""
    client.logout()
    detail = client.get(reverse("meetings:decision", args=[decision.pk]))
    api_meeting = client.get(f"{API}/meetings/{meeting.pk}").json()
    return {
        "meeting page": client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode(),
        "meeting list": client.get(
            reverse("meetings:meetings"), {"ar": meeting.date.year}
        ).content.decode(),
        "register": client.get(reverse("meetings:decisions")).content.decode(),
        "search": client.get(reverse("meetings:decisions"), {"q": "Bibblix"}).content.decode(),
        "decision page": detail.content.decode() if detail.status_code == 200 else "",
        "api meeting": str(api_meeting["items"]),
        "api register": str(client.get(f"{API}/decisions").json()),
        "api search": str(client.get(f"{API}/decisions", {"q": "Bibblix"}).json()),
        "calendar": body_calendar(meeting.body).decode(),
        "start page": client.get("/").content.decode(),
    }


@pytest.fixture
def decided(held_meeting, lead):
    meeting, items = held_meeting(date=TODAY - dt.timedelta(days=20), cases=1)
    decision = services.decision_record(actor=lead, item=items[0], outcome="decided", text=OLD)
    return meeting, decision


def test_an_unsigned_first_draft_shows_no_decision_text_r17(client, decided, lead, members):
    meeting, decision = decided
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    services.minutes_sign(actor=signers(meeting, members)[0], minutes=minutes)  # one of two
    for surface, text in public_surfaces(client, meeting, decision).items():
        assert "Bibblix-avtalet" not in text, surface
    assert client.get(reverse("meetings:minutes_pdf", args=[minutes.pk])).status_code in (302, 403)
    assert client.get(f"{API}/minutes/{minutes.pk}/pdf").status_code == 403
    assert client.get(reverse("meetings:decision", args=[decision.pk])).status_code in (302, 403)
    assert list(decision_register(public=True)) == []
    # Signed-in users see the record as it stands.
    client.force_login(lead)
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert OLD in page and "ej justerat" in page


def test_during_a_correction_the_public_sees_the_locked_text_r17(
    client, decided, lead, members, auth_header
):
    meeting, decision = decided
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    for user in signers(meeting, members):
        services.minutes_sign(actor=user, minutes=minutes)
    services.minutes_correct(actor=lead, meeting=meeting, reason="Fel årtal i § 1.")
    services.decision_amend(actor=lead, decision=decision, text=NEW)
    corrected = services.minutes_generate(actor=lead, meeting=meeting)
    assert corrected.version == 2 and not corrected.is_signed

    surfaces = public_surfaces(client, meeting, decision)
    for surface in SHOWING_TEXT:
        assert OLD in surfaces[surface], surface
    for surface, text in surfaces.items():
        assert NEW not in text, surface
    assert "Protokollet rättas" in surfaces["meeting page"]
    assert "Protokollet rättas" in surfaces["decision page"]
    assert "rättelse pågår" in surfaces["register"]
    assert "'correction_pending': True" in surfaces["api register"]
    # A search finds what the public can read, not the unsigned wording.
    assert (
        client.get(reverse("meetings:decisions"), {"q": "2027"}).content.decode().count("Bibblix")
        == 0
    )
    assert client.get(f"{API}/decisions", {"q": "2027"}).json() == []
    assert client.get(reverse("meetings:minutes_pdf", args=[corrected.pk])).status_code in (
        302,
        403,
    )
    # Signed-in users see the correction's text.
    client.force_login(lead)
    assert NEW in client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert NEW in client.get(reverse("meetings:decisions")).content.decode()
    header = auth_header(lead)
    assert NEW in str(client.get(f"{API}/meetings/{meeting.pk}", headers=header).json())

    # Once the correction is locked, it is the public text.
    for user in signers(meeting, members):
        services.minutes_sign(actor=user, minutes=corrected)
    surfaces = public_surfaces(client, meeting, decision)
    for surface in SHOWING_TEXT:
        assert NEW in surfaces[surface], surface
    assert "Protokollet rättas" not in surfaces["meeting page"]
