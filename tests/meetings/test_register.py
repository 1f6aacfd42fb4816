import pytest
from django.urls import reverse

from gits.meetings import services
from gits.meetings.selectors import decision_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_meetings(held_meeting, lead, members):
    import datetime as dt

    from tests.meetings.conftest import YEAR

    signed, items = held_meeting(date=dt.date(YEAR, 2, 1), cases=1)
    services.decision_record(
        actor=lead, item=items[0], outcome="decided", text="Beslut om SAMSA-budgeten."
    )
    minutes = services.minutes_generate(actor=lead, meeting=signed)
    for user in members.values():
        services.minutes_sign(actor=user, minutes=minutes)
    draft, items = held_meeting(date=dt.date(YEAR, 3, 1), cases=1)
    services.decision_record(
        actor=lead, item=items[0], outcome="decided", text="Beslut om Bibblix."
    )
    return signed, draft


def test_public_sees_decisions_of_signed_minutes_only_r17(two_meetings):
    assert [d.shown_text for d in decision_register(public=True)] == ["Beslut om SAMSA-budgeten."]
    assert len(decision_register(public=False)) == 2


def test_search_by_text_and_year(two_meetings):
    assert [d.shown_text for d in decision_register(public=False, q="bibblix")] == [
        "Beslut om Bibblix."
    ]
    assert decision_register(public=False, year=1999).count() == 0


def test_public_register_page(client, two_meetings, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        text = client.get(reverse("meetings:decisions")).content.decode()
    assert "SAMSA-budgeten" in text and "Bibblix" not in text


def test_public_cannot_open_unsigned_decision(client, two_meetings):
    _, draft = two_meetings
    decision = draft.items.get().decision
    response = client.get(reverse("meetings:decision", args=[decision.pk]))
    # Refused, or sent to the login page: never shown.
    assert response.status_code in (302, 403)
    assert "Bibblix" not in response.content.decode()
    if response.status_code == 302:
        assert "/konto/logga-in/" in response["Location"]


def test_meeting_page_query_bound(client, two_meetings, lead, django_assert_max_num_queries):
    signed, _ = two_meetings
    client.force_login(lead)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("meetings:meeting", args=[signed.pk])).status_code == 200
