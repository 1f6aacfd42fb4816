"""The endpoints a function declares (`gits.api.resources.Resource`, `gits.api.paging.paged`)
are documented as the hand-written views they replace: the operation id of their module, the
summary of their name, the path's own parameter, the payload, the docstring (issue 10)."""

import json

import pytest

from gits.accounts.services import token_create
from gits.bodies.models import Body
from gits.portfolio.models import ManagedObject

API = "/api/v1"

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get(f"{API}/openapi.json").json()


def _op(schema, path, method):
    return schema["paths"][f"{API}{path}"][method]


@pytest.mark.parametrize(
    ("path", "method", "operation_id", "summary"),
    [
        ("/bodies/{body_id}", "get", "gits_api_bodies_get_body", "Get Body"),
        ("/bodies", "post", "gits_api_bodies_create_body", "Create Body"),
        ("/bodies/{body_id}", "patch", "gits_api_bodies_update_body", "Update Body"),
        ("/bodies/{body_id}/history", "get", "gits_api_bodies_body_history", "Body History"),
        ("/people/{person_id}/history", "get", "gits_api_bodies_person_history", None),
        ("/objects", "post", "gits_api_portfolio_propose_object", "Propose Object"),
        ("/objects", "get", "gits_api_portfolio_list_objects", "List Objects"),
        ("/meetings", "post", "gits_api_meetings_plan_meeting", "Plan Meeting"),
        ("/reviews/{review_id}/history", "get", "gits_api_reviews_review_history", None),
        ("/quarterly-reports", "post", "gits_api_plans_draft_quarterly", None),
    ],
)
def test_a_declared_endpoint_keeps_its_operation_id_and_summary(
    schema, path, method, operation_id, summary
):
    op = _op(schema, path, method)
    assert op["operationId"] == operation_id
    if summary:
        assert op["summary"] == summary


def test_a_declared_endpoint_takes_the_paths_own_id_and_the_payload(schema):
    update = _op(schema, "/organisations/{org_id}", "patch")
    assert [(p["name"], p["in"]) for p in update["parameters"]] == [("org_id", "path")]
    assert update["parameters"][0]["schema"]["type"] == "integer"
    body = update["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/OrganisationPatch")
    assert update["description"].startswith("Change fields; `version` must be the version")


def test_a_paged_list_documents_its_filters_then_limit_and_offset(schema):
    op = _op(schema, "/objects", "get")
    names = [p["name"] for p in op["parameters"]]
    assert names == ["area", "state", "horizon", "limit", "offset"]
    assert "X-Total-Count" in op["description"]


def test_a_declared_update_hands_the_service_the_record_under_its_keyword(
    client, defaults, admin_user
):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=admin_user)[1]}"}
    obj = ManagedObject.objects.create(name="Ekonomisystem", short_name="EK")
    r = client.patch(
        f"{API}/objects/{obj.pk}",
        json.dumps({"version": obj.version, "name": "Ekonomisystemet"}),
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 200, r.content
    obj.refresh_from_db()
    assert obj.name == "Ekonomisystemet"
    body = Body.objects.create(name="Organ", short_name="ORG", kind=Body.Kind.OTHER)
    r = client.get(f"{API}/bodies/{body.pk}/history", **auth)
    assert r.status_code == 200
    assert client.get(f"{API}/bodies/{body.pk + 1000}").status_code == 404
