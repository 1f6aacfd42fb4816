import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from gits.bodies.models import Body, Membership
from gits.core.models import AuditEntry
from tests.factories import PASSWORD, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(defaults):
    call_command("load_demo", verbosity=0)


def test_sitiv_page_shows_ten_members_by_side_and_chair(
    client, demo, django_assert_max_num_queries
):
    sitiv = Body.objects.get(short_name="SITIV")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("bodies:detail", args=[sitiv.pk]))
    text = response.content.decode()
    assert "10 av 10 platser" in text
    assert "Regionen – 5 av 5 platser" in text and "Kommunerna – 5 av 5 platser" in text
    assert f"Ordförandesida {dt.date.today().year}" in text


def test_body_page_queries_stay_bounded(client, demo, django_assert_max_num_queries):
    body = Body.objects.get(short_name="SITIV")
    for _ in range(20):
        MembershipFactory(
            body=body, role=Membership.Role.SUBSTITUTE, start_date=dt.date(2020, 1, 1)
        )
    with django_assert_max_num_queries(10):
        client.get(reverse("bodies:detail", args=[body.pk]))


def test_list_pages_are_bounded(client, demo, django_assert_max_num_queries):
    for name in ("bodies:list", "bodies:people"):
        with django_assert_max_num_queries(6):
            assert client.get(reverse(name)).status_code == 200


def test_composition_on_an_earlier_date(client, demo):
    sitiv = Body.objects.get(short_name="SITIV")
    text = client.get(
        reverse("bodies:detail", args=[sitiv.pk]), {"datum": "2000-01-01"}
    ).content.decode()
    assert "0 av 10 platser" in text


def test_eleventh_member_is_refused_with_reason_and_no_trace(client, demo, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    sitiv = Body.objects.get(short_name="SITIV")
    person = PersonFactory()
    entries = AuditEntry.objects.count()
    response = client.post(
        reverse("bodies:membership_add", args=[sitiv.pk]),
        {
            "person": person.pk,
            "side": "region",
            "role": "member",
            "start_date": dt.date.today().isoformat(),
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "alla är tillsatta" in text and 'id="id_side-error"' in text
    assert AuditEntry.objects.count() == entries
    assert not Membership.objects.filter(person=person).exists()


def test_add_and_end_member_through_the_ui(client, defaults, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    body = Body.objects.get(short_name="Beredningsgruppen")
    person = PersonFactory(first_name="Tova", last_name="Testsson")
    response = client.post(
        reverse("bodies:membership_add", args=[body.pk]),
        {"person": person.pk, "side": "region", "role": "member", "start_date": "2026-01-01"},
        follow=True,
    )
    assert "Tova Testsson är tillsatt" in response.content.decode()
    m = Membership.objects.get(person=person)
    response = client.post(
        reverse("bodies:membership_end", args=[m.pk]),
        {"end_date": "2026-06-30", "version": m.version},
        follow=True,
    )
    assert "avslutat" in response.content.decode()
    text = client.get(reverse("bodies:detail", args=[body.pk])).content.decode()
    assert "Uppdrag tillsatt" in text and "Uppdrag avslutat" in text


def test_contact_details_hidden_from_anonymous(client, demo):
    person = Membership.objects.filter(body__short_name="SITIV").first().person
    assert person.email
    assert (
        person.email not in client.get(reverse("bodies:person", args=[person.pk])).content.decode()
    )


def test_home_shows_chair_side(client, demo):
    text = client.get("/").content.decode()
    assert "Ordförande i SITIV" in text
