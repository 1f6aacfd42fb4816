"""Signing minutes asks first on the one confirmation page (issue 13, R-14): it says what
follows, changes nothing, and refuses a user without the right to sign."""

import pytest
from django.urls import reverse

from gits.meetings import services
from gits.meetings.models import Signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(held_meeting, lead):
    meeting, items = held_meeting()
    for item in items:
        services.decision_record(actor=lead, item=item, outcome="decided", text="Beslut.")
    return services.minutes_generate(actor=lead, meeting=meeting)


def test_the_confirmation_names_the_version_and_what_follows(client, minutes, members):
    client.force_login(next(iter(members.values())))
    page = client.get(reverse("meetings:minutes_sign", args=[minutes.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Justera protokollet version {minutes.version}" in html
    assert "Det här händer när du justerar" in html and "kan inte ångras" in html
    assert reverse("meetings:minutes_pdf", args=[minutes.pk]) in html
    assert f'action="{reverse("meetings:minutes_sign", args=[minutes.pk])}"' in html
    assert "Avbryt" in html and not Signature.objects.exists()


def test_without_the_right_to_sign_no_button_and_a_refusal(client, minutes, contact_user):
    client.force_login(contact_user)
    meeting = client.get(reverse("meetings:meeting", args=[minutes.meeting_id])).content.decode()
    assert reverse("meetings:minutes_sign", args=[minutes.pk]) not in meeting
    assert client.get(reverse("meetings:minutes_sign", args=[minutes.pk])).status_code == 403
    client.post(
        reverse("meetings:minutes_sign", args=[minutes.pk]), {"digest": minutes.content_digest}
    )
    assert not Signature.objects.exists()
