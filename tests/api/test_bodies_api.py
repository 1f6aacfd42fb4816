import datetime as dt

import pytest
from django.core.management import call_command

from gits.bodies.models import Body, Membership, Person

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def demo(defaults):
    call_command("load_demo", verbosity=0)


def test_composition_by_side(client, demo, django_assert_max_num_queries):
    sitiv = Body.objects.get(short_name="SITIV")
    with django_assert_max_num_queries(5):
        data = client.get(f"{API}/bodies/{sitiv.pk}/composition").json()
    assert [len(s["seated"]) for s in data["sides"]] == [5, 5]
    assert data["chair"]["side"] == data["chair_side"]


def test_chair_side_by_year(client, demo):
    sitiv = Body.objects.get(short_name="SITIV")
    a = client.get(f"{API}/bodies/{sitiv.pk}/chair", {"year": 2026}).json()["chair_side"]
    b = client.get(f"{API}/bodies/{sitiv.pk}/chair", {"year": 2027}).json()["chair_side"]
    assert {a, b} == {"region", "municipalities"}


def test_eleventh_member_refused_with_field(client, demo, lead_user, auth_header):
    sitiv = Body.objects.get(short_name="SITIV")
    person = Person.objects.create(first_name="Elva", last_name="Elvasson")
    response = client.post(
        f"{API}/memberships",
        {
            "body_id": sitiv.pk,
            "person_id": person.pk,
            "side": "municipalities",
            "start_date": dt.date.today().isoformat(),
        },
        content_type="application/json",
        headers=auth_header(lead_user),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "side" and "alla är tillsatta" in response.json()["detail"]


def test_add_person_and_membership_then_end(client, defaults, lead_user, auth_header):
    headers = auth_header(lead_user)
    person = client.post(
        f"{API}/people",
        {"first_name": "Api", "last_name": "Person", "email": "a@b.se"},
        content_type="application/json",
        headers=headers,
    ).json()
    body = Body.objects.get(short_name="Beredningsgruppen")
    m = client.post(
        f"{API}/memberships",
        {
            "body_id": body.pk,
            "person_id": person["id"],
            "side": "region",
            "start_date": "2026-01-01",
        },
        content_type="application/json",
        headers=headers,
    )
    assert m.status_code == 201
    ended = client.post(
        f"{API}/memberships/{m.json()['id']}/end",
        {"end_date": "2026-06-30", "version": 1},
        content_type="application/json",
        headers=headers,
    )
    assert ended.json()["end_date"] == "2026-06-30"
    assert Membership.objects.get(pk=m.json()["id"]).end_date == dt.date(2026, 6, 30)


def test_people_contact_details_need_a_token(client, demo, lead_user, auth_header):
    anonymous = client.get(f"{API}/people").json()
    assert all(p["email"] is None for p in anonymous)
    signed_in = client.get(f"{API}/people", headers=auth_header(lead_user)).json()
    assert any(p["email"] for p in signed_in)


def test_create_body_with_composition_rule(client, defaults, admin_user, auth_header):
    response = client.post(
        f"{API}/bodies",
        {
            "name": "Referensgrupp SAMSA",
            "short_name": "RG SAMSA",
            "kind": "reference_group",
            "seats_region": 3,
            "seats_municipalities": 3,
        },
        content_type="application/json",
        headers=auth_header(admin_user),
    )
    assert response.status_code == 201 and response.json()["seats_region"] == 3
