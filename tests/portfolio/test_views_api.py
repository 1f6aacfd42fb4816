import datetime as dt

import pytest
from django.urls import reverse

from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import Criterion, ManagedObject

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_pages_are_bounded(client, lead, django_assert_max_num_queries):
    for i in range(20):
        obj = services.object_propose(actor=lead, name=f"Objekt {i}", short_name=f"O{i}")
        services.contact_set(
            actor=lead,
            managed_object=obj,
            party=__import__("gits.organisations.models", fromlist=["x"]).Organisation.objects.get(
                scb_code="1480"
            ),
            kind="business",
            name="A",
        )
        services.agreement_create(
            actor=lead,
            kind="supplier",
            title=f"Avtal {i}",
            managed_object=obj,
            start_date=dt.date(2020, 1, 1),
            first_end=dt.date(2022, 12, 31),
        )
    obj = ManagedObject.objects.first()
    client.force_login(lead)
    for url in (
        reverse("portfolio:list"),
        reverse("portfolio:roadmap"),
        reverse("portfolio:contacts_missing"),
        reverse("portfolio:agreements"),
        reverse("portfolio:object", args=[obj.pk]),
    ):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200, url


def test_refused_move_shows_beside_the_field(client, lead):
    obj = services.object_propose(actor=lead, name="X", short_name="X")
    client.force_login(lead)
    response = client.post(
        reverse("portfolio:action", args=[obj.pk, "move"]),
        {"to_state": "co_management_decided", "date": "2026-01-01", "version": obj.version},
    )
    assert response.status_code == 400 and 'id="id_to_state-error"' in response.content.decode()


def test_api_flow(client, lead, auth_header):
    headers = auth_header(lead)
    created = client.post(
        f"{API}/objects",
        {"name": "Bibblix", "short_name": "BX", "area": "school", "horizon": "short"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201 and created.json()["state"] == "proposed"
    oid = created.json()["id"]
    refused = client.post(
        f"{API}/objects/{oid}/move",
        {"to_state": "evaluated"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400 and refused.json()["field"] == "to_state"
    judgements = [{"criterion_id": c.pk, "verdict": "met"} for c in Criterion.objects.all()]
    ev = client.post(
        f"{API}/objects/{oid}/evaluations",
        {"judgements": judgements, "users_region": 1, "users_municipalities": 3, "recommend": True},
        content_type="application/json",
        headers=headers,
    )
    assert ev.status_code == 201 and ev.json()["share_municipalities"] == 75
    assert (
        client.post(
            f"{API}/objects/{oid}/move",
            {"to_state": "evaluated"},
            content_type="application/json",
            headers=headers,
        ).status_code
        == 200
    )
    no_decision = client.post(
        f"{API}/objects/{oid}/move",
        {"to_state": "co_management_decided"},
        content_type="application/json",
        headers=headers,
    )
    assert no_decision.status_code == 400 and no_decision.json()["field"] == "decision"
    ok = client.post(
        f"{API}/objects/{oid}/move",
        {"to_state": "co_management_decided", "decision_reference": "SITIV 2026-05-12 § 7"},
        content_type="application/json",
        headers=headers,
    )
    assert ok.json()["state"] == "co_management_decided"
    stale = client.patch(
        f"{API}/objects/{oid}",
        {"version": 1, "name": "Y"},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 409
    parties = [
        o.pk for o in Organisation.objects.filter(kind__in=["region", "association"]).order_by("pk")
    ]
    agreement = client.post(
        f"{API}/agreements",
        {
            "kind": "joint_function",
            "title": "Avtal 2011",
            "party_ids": parties,
            "start_date": "2011-01-01",
            "first_end": "2014-12-31",
            "renewal_years": 3,
            "notice_months": 6,
        },
        content_type="application/json",
        headers=headers,
    )
    aid = agreement.json()["id"]
    assert agreement.json()["state"] == "draft"
    draft = client.get(f"{API}/agreements/{aid}/status", {"date": "2014-03-01"}).json()
    assert draft["in_force"] is False and draft["notice_deadline"] is None
    for party in parties:
        signed = client.post(
            f"{API}/agreements/{aid}/signatures",
            {"party_id": party, "signed_by_me": True, "signed_on": "2010-12-20"},
            content_type="application/json",
            headers=headers,
        )
        assert signed.status_code == 200, signed.json()
    assert signed.json()["state"] == "signed"
    status = client.get(f"{API}/agreements/{aid}/status", {"date": "2014-03-01"}).json()
    assert status["notice_deadline"] == "2014-06-30" and status["period_end"] == "2014-12-31"
    assert client.get(f"{API}/objects/{oid}/contacts/missing").json()[:2] == ["Ale", "Alingsås"]
    assert (
        client.post(
            f"{API}/objects", {"name": "Z", "short_name": "Z"}, content_type="application/json"
        ).status_code
        == 401
    )
