"""The schema is the contract (issue 12): what the OpenAPI schema documents is what the server
takes, and every input is checked where it enters: choice lists of their own, no unknown
field or id, strings no longer than the model holds and without control characters, numbers
within the model's digits."""

import datetime as dt
import json
from pathlib import Path

import pytest
from ninja.openapi import schema as ninja_schema

from gits.accounts.services import token_create
from gits.api.router import api
from gits.bodies.models import Body, Membership
from gits.meetings.models import Case, Meeting
from gits.organisations.models import Organisation
from gits.plans.models import Goal
from gits.portfolio.models import ManagedObject, SupportContact

API = "/api/v1"
SCHEMA_URL = f"{API}/openapi.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(defaults, admin_user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=admin_user)[1]}"}


@pytest.fixture
def schema(client):
    return client.get(SCHEMA_URL).json()


def post(client, url, data, auth, method="post"):
    return getattr(client, method)(
        f"{API}{url}", json.dumps(data), content_type="application/json", **auth
    )


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _body(schema, path, method="post"):
    content = schema["paths"][f"{API}{path}"][method]["requestBody"]["content"]
    return _resolve(schema, content["application/json"]["schema"])


def _enum(schema, node):
    node = _resolve(schema, node)
    for option in [*node.get("anyOf", []), *node.get("allOf", [])]:
        if "$ref" in option or "enum" in option:
            return _resolve(schema, option)["enum"]
    return node["enum"]


# --- 1. each choice list documented with its own values, under a name of its own ------------

CHOICE_FIELDS = [
    ("/organisations", "post", "kind", Organisation.Kind),
    ("/organisations/{org_id}", "patch", "kind", Organisation.Kind),
    ("/bodies", "post", "kind", Body.Kind),
    ("/bodies/{body_id}", "patch", "kind", Body.Kind),
    ("/memberships", "post", "role", Membership.Role),
    ("/objects/{object_id}/contacts", "post", "kind", SupportContact.Kind),
    ("/cases/{case_id}/move", "post", "state", Case.State),
    ("/objects/{object_id}/move", "post", "to_state", ManagedObject.State),
    ("/objects", "post", "horizon", ManagedObject.Horizon),
    ("/meetings", "post", "kind", Meeting.Kind),
    ("/activity-plans/{year}/goals", "post", "horizon", Goal.Horizon),
    ("/goals/{goal_id}/follow-up", "post", "state", Goal.State),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path,method,field,choices", CHOICE_FIELDS)
def test_a_choice_field_documents_the_models_choices(schema, path, method, field, choices):
    documented = _enum(schema, _body(schema, path, method)["properties"][field])
    assert documented == [c.value for c in choices]


def test_no_two_different_schemas_share_a_name(monkeypatch):
    """Each component name stands for one shape: a name given to two different shapes (two
    choice lists, two bodies) would document one of them wrongly."""
    seen: dict[str, list] = {}
    add = ninja_schema.OpenAPISchema.add_schema_definitions

    def recording(self, definitions):
        for name, definition in definitions.items():
            seen.setdefault(name, []).append(definition)
        add(self, definitions)

    monkeypatch.setattr(ninja_schema.OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema(path_prefix=f"{API}/")

    def shape(d):
        # The same schema read in and written out differs only in how a Decimal is shown.
        return (d.get("enum"), sorted(d.get("properties", {})), d.get("required"))

    clashes = {name: ds for name, ds in seen.items() if len({repr(shape(d)) for d in ds}) > 1}
    assert not clashes, sorted(clashes)


# --- 2. a request built from the documented body succeeds ------------------------------------


@pytest.mark.django_db
def test_the_documented_case_move_body_is_what_the_server_takes(client, auth, schema):
    from gits.data.demo import load_demo

    load_demo()
    body = Body.objects.get(short_name="SITIV")
    case = post(client, "/cases", {"body_id": body.pk, "title": "Flytt"}, auth).json()
    documented = _body(schema, "/cases/{case_id}/move")
    assert set(documented["required"]) == {"state"}
    response = post(client, f"/cases/{case['id']}/move", {"state": "in_preparation"}, auth)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "in_preparation"


@pytest.mark.django_db
def test_the_documented_object_move_body_is_what_the_server_takes(client, auth, schema):
    obj = post(client, "/objects", {"name": "Objekt", "short_name": "OBJ"}, auth).json()
    documented = _body(schema, "/objects/{object_id}/move")
    assert "to_state" in documented["required"]
    response = post(client, f"/objects/{obj['id']}/move", {"to_state": "evaluated"}, auth)
    # Taken (the rule that an evaluation comes first answers, not the body's shape).
    assert response.status_code == 400, response.content
    assert "Värdera" in response.json()["detail"]


# --- 3. unknown fields and ids are refused by name -------------------------------------------


def _write_operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                yield method, path, _resolve(schema, content["application/json"]["schema"])


@pytest.mark.django_db
def test_every_input_schema_refuses_unknown_fields_and_bounds_its_strings(schema):
    """Every object a request body holds forbids other fields; every string in it has a
    maximum length."""
    problems = []

    def walk(node, where):
        node = _resolve(schema, node)
        if {o.get("type") for o in node.get("anyOf", [])} == {"number", "string"}:
            # A decimal, as a number or a string: bounded in digits, as documented.
            if "siffror" not in node.get("description", ""):
                problems.append(f"{where}: decimal without its digits")
            return
        for option in [*node.get("anyOf", []), *node.get("allOf", [])]:
            walk(option, where)
        if node.get("type") == "array":
            walk(node["items"], f"{where}[]")
        if node.get("type") == "object":
            if node.get("additionalProperties") is not False:
                problems.append(f"{where}: other fields allowed")
            for name, prop in node.get("properties", {}).items():
                walk(prop, f"{where}.{name}")
        plain_string = node.get("type") == "string" and not {"enum", "format"} & set(node)
        if plain_string and "maxLength" not in node:
            problems.append(f"{where}: no maxLength")

    for method, path, body in _write_operations(schema):
        walk(body, f"{method.upper()} {path}")
    assert not problems, problems


@pytest.mark.django_db
def test_every_write_operation_names_an_unknown_field(client, auth, schema):
    for method, path, body in _write_operations(schema):
        url = path.removeprefix(API)
        for name in ("object_id", "year", "part"):
            url = url.replace(
                "{" + name + "}", {"year": "2026", "part": "milestone"}.get(name, "1")
            )
        url = "/".join("1" if p.startswith("{") else p for p in url.split("/"))
        sent = {"no_such_field": 1}
        data = [sent] if body.get("type") == "array" else sent
        response = post(client, url, data, auth, method=method)
        assert response.status_code == 422, (method, path, response.content)
        fields = [e["field"] for e in response.json()["errors"]]
        assert any(f and f.endswith("no_such_field") for f in fields), (method, path, fields)


@pytest.mark.django_db
def test_a_status_report_with_an_unknown_field_is_refused(client, auth):
    response = post(
        client,
        "/meetings/1/status-reports/1",
        {"events": "x", "evnets": "typo"},
        auth,
        method="put",
    )
    # The unknown field is named first (it explains the missing date), in Swedish.
    assert response.status_code == 422
    assert response.json()["field"] == "evnets"
    assert "Okänt fält" in response.json()["detail"]
    assert {"field": "date", "message": "Fältet saknas."} in response.json()["errors"]


def test_unknown_ids_in_a_list_are_named(defaults):
    from gits.api.common import objects_by_ids
    from gits.core.errors import DomainError

    org = Organisation.objects.first()
    assert objects_by_ids(Organisation.objects, [org.pk, org.pk], field="ids") == [org]
    with pytest.raises(DomainError) as refused:
        objects_by_ids(Organisation.objects, [org.pk, 987654, 987655], field="ids")
    assert refused.value.field == "ids"
    assert "987654, 987655" in str(refused.value.message)


@pytest.mark.django_db
def test_attendance_with_an_unknown_person_is_refused_by_id(client, auth):
    from gits.data.demo import load_demo

    load_demo()
    body = Body.objects.get(short_name="SITIV")
    held = dt.date.today() - dt.timedelta(days=20)
    meeting = post(client, "/meetings", {"body_id": body.pk, "date": held.isoformat()}, auth)
    mid = meeting.json()["id"]
    seated = [
        m["person_id"]
        for s in client.get(
            f"{API}/bodies/{body.pk}/composition", {"date": held.isoformat()}
        ).json()["sides"]
        for m in s["seated"]
    ]
    refused = post(client, f"/meetings/{mid}/attendance", {"present": [*seated, 987654]}, auth)
    assert refused.status_code == 400, refused.content
    assert refused.json()["field"] == "present" and "987654" in refused.json()["detail"]
    assert not Meeting.objects.get(pk=mid).attendance.exists()
    accepted = post(client, f"/meetings/{mid}/attendance", {"present": seated}, auth)
    assert accepted.status_code == 200


@pytest.mark.django_db
def test_an_agreement_with_an_unknown_party_is_refused_by_id(client, auth):
    known = Organisation.objects.create(name="Kommunen", kind=Organisation.Kind.MUNICIPALITY)
    response = post(
        client,
        "/agreements",
        {
            "kind": "joint_function",
            "title": "Avtal",
            "party_ids": [known.pk, 987654],
            "start_date": "2026-01-01",
            "first_end": "2026-12-31",
        },
        auth,
    )
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "party_ids" and "987654" in response.json()["detail"]


# --- 4. strings: as long as the model holds, without control characters ----------------------


@pytest.mark.django_db
def test_a_string_gets_the_length_of_the_model_field_it_fills(schema):
    props = _body(schema, "/objects")["properties"]
    assert props["name"]["maxLength"] == ManagedObject._meta.get_field("name").max_length
    assert props["short_name"]["maxLength"] == 50
    props = _body(schema, "/people")["properties"]
    assert props["first_name"]["maxLength"] == 100


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["x" * 1_000_000, "x" * 201, "Objekt\x00", "Objekt\ud800", "Obj\x1bekt", "Två\nrader"],
    ids=["1MB", "201", "NUL", "surrogate", "escape", "newline"],
)
def test_bad_strings_are_refused_and_not_stored(client, auth, name):
    response = client.post(
        f"{API}/objects",
        json.dumps({"name": name, "short_name": "OBJ"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422, response.content[:300]
    assert response.json()["field"] == "name"
    assert response.json()["detail"].startswith("Ogiltiga uppgifter i fältet name: ")
    assert not ManagedObject.objects.exists()


@pytest.mark.django_db
def test_free_text_keeps_newlines_and_tabs(client, auth):
    response = post(
        client,
        "/objects",
        {"name": "Objekt", "short_name": "OBJ", "description": "Rad ett\n\tRad två\r\n"},
        auth,
    )
    assert response.status_code == 201, response.content
    refused = post(
        client, "/objects", {"name": "O2", "short_name": "O2", "description": "a\x07b"}, auth
    )
    assert refused.status_code == 422 and refused.json()["field"] == "description"


# --- 5. numbers within the model's digits ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "amount", [1e30, "1e30", "123456789012345.00", "1.001", "NaN", "Infinity", -1e300]
)
def test_an_amount_beyond_the_models_digits_is_refused(client, auth, amount):
    obj = post(client, "/objects", {"name": "Objekt", "short_name": "OBJ"}, auth).json()
    response = post(
        client, f"/objects/{obj['id']}/initiatives", {"title": "Ini", "budget": amount}, auth
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "budget"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,data,field",
    [
        ("/finance/financiers", {"name": "F", "position": 10**30}, "position"),
        ("/finance/financiers", {"name": "F", "position": 40000}, "position"),
        (
            "/bodies",
            {"name": "B", "short_name": "B", "kind": "other", "seats_region": -1},
            "seats_region",
        ),
        ("/finance/scenarios/1/alternatives", {"name": "A", "total_cost": 1e30}, "total_cost"),
        ("/finance/lines/1/payback", {"amount": "1e15"}, "amount"),
    ],
)
def test_huge_numbers_are_refused(client, auth, path, data, field):
    response = post(client, path, data, auth)
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field


# --- 7. the portfolio API in modules under 600 lines, with the operation ids it had ------------


def test_portfolio_api_modules_are_small_and_keep_their_operation_ids(schema):
    package = Path(__file__).parents[2] / "src/gits/api/portfolio"
    for module in package.glob("*.py"):
        assert len(module.read_text().splitlines()) < 600, module
    ops = {
        op["operationId"]
        for path, item in schema["paths"].items()
        if path.startswith(f"{API}/agreements") or path.startswith(f"{API}/objects")
        for op in item.values()
    }
    assert "gits_api_portfolio_create_agreement" in ops
    assert "gits_api_portfolio_propose_object" in ops
    assert all(o.startswith("gits_api_portfolio_") for o in ops), ops


@pytest.mark.parametrize("start", ["10:00:00Z", "10:00+02:00"])
def test_a_time_with_a_time_zone_is_refused(client, auth, start):
    body = Body.objects.create(name="Organ", short_name="ORG", kind=Body.Kind.OTHER)
    response = post(
        client, "/meetings", {"body_id": body.pk, "date": "2026-05-01", "start_time": start}, auth
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "start_time"


def test_the_schema_names_each_key_once_so_the_documentation_page_can_read_it(client):
    """Swagger UI on /api/v1/docs refuses a schema with a key twice ("duplicated mapping key"):
    a response declared by an endpoint (400) and the common one ("400") are one entry."""
    repeated = []

    def once(pairs):
        keys = [key for key, _value in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    body = client.get(SCHEMA_URL).content.decode()
    schema = json.loads(body, object_pairs_hook=once)
    assert repeated == []
    responses = schema["paths"][f"{API}/finance/invoices"]["get"]["responses"]
    assert responses["400"]["description"] == "Felaktiga uppgifter"
    assert responses["409"]["description"] == "Posten har ändrats av någon annan"
