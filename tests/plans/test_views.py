import datetime as dt

import pytest
from django.urls import reverse

from gits.meetings import services as meetings
from gits.plans import services
from gits.portfolio.models import ManagedObject
from tests.plans.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_pages_have_bounded_queries(client, sitiv, lead, samsa, django_assert_max_num_queries):
    meeting = meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 9, 19))
    for i in range(15):
        obj = ManagedObject.objects.create(
            name=f"Objekt {i}", short_name=f"O{i}", state="in_management"
        )
        services.plan_create(actor=lead, managed_object=obj, year=YEAR)
        services.status_report_save(
            actor=lead, managed_object=obj, meeting=meeting, submit=False, date=dt.date(YEAR, 9, 1)
        )
    plan = services.plan_create(actor=lead, managed_object=samsa, year=YEAR)
    client.force_login(lead)
    for url in (
        reverse("plans:index"),
        reverse("plans:status_overview", args=[meeting.pk]),
        reverse("plans:plan", args=[plan.pk]),
    ):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_status_form_shows_the_wrong_field(client, sitiv, lead, samsa):
    meeting = meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 9, 19))
    client.force_login(lead)
    response = client.post(
        reverse("plans:status_report", args=[meeting.pk, samsa.pk]),
        {"date": f"{YEAR}-09-01", "coordinators": "Per", "submit": "1"},
    )
    text = response.content.decode()
    assert (
        response.status_code == 400
        and 'id="id_assignment-error"' in text
        and "Beskrivning av uppdraget" in text
    )
