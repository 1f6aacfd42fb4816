"""`GET /api/v1/my-work`: the start page's Mitt arbete for a program (rule 5), the same items
in the same order, read with a key."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gits.accounts.services import token_create
from gits.core.mywork import my_work
from gits.portfolio import services as portfolio
from gits.portfolio.models import ManagedObject

pytestmark = pytest.mark.django_db
URL = "/api/v1/my-work"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)[1]}"}


def test_a_programme_reads_what_waits_for_the_key_holder(client, people):
    contact = get_user_model().objects.get(username="kommunkontakt")
    obj = ManagedObject.objects.create(
        name="Journal", short_name="J", state=ManagedObject.State.IN_MANAGEMENT
    )
    portfolio.support_request_create(
        actor=contact, managed_object=obj, title="Remisser fastnar", description="."
    )
    response = client.get(URL, **bearer(contact))
    assert response.status_code == 200, response.content
    body = response.json()
    page = my_work(contact)
    assert [i["title"] for i in body["items"]] == [r.item.title for r in page.rows]
    (support,) = [i for i in body["items"] if i["kind"] == "support"]
    assert support["url"] == reverse("portfolio:object", args=[obj.pk]) + "#support-h"
    assert (support["kind_label"], support["state"], support["deadline"]) == (
        "Supportärenden som inte är lösta",
        "info",
        False,
    )
    contacts = [i for i in body["items"] if i["kind"] == "contacts"]
    assert contacts and all(i["date"] is None for i in contacts)
    assert "Uppdrag från beslut" in [e["kind_label"] for e in body["empty"]]


def test_without_a_key_it_answers_401(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
