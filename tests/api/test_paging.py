"""Issue 15: the API lists that grow with the data (the decision register, the managed
objects) come a page at a time: `limit` (100 unless given, at most 500) and `offset`, the
total in `X-Total-Count` and the next page in `Link`; the list itself stays a JSON array."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gits.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from gits.meetings import services
from gits.portfolio.models import ManagedObject

pytestmark = pytest.mark.django_db

API = "/api/v1"


def objects(n):
    ManagedObject.objects.bulk_create(
        ManagedObject(name=f"Objekt {i:03}", short_name=f"O{i:03}") for i in range(n)
    )


def test_objects_come_a_page_at_a_time(client, django_assert_max_num_queries):
    objects(DEFAULT_LIMIT + 20)
    first = client.get(f"{API}/objects")
    assert first.status_code == 200
    assert len(first.json()) == DEFAULT_LIMIT
    assert first.json()[0]["name"] == "Objekt 000"
    assert first["X-Total-Count"] == str(DEFAULT_LIMIT + 20)
    assert 'rel="next"' in first["Link"] and f"offset={DEFAULT_LIMIT}" in first["Link"]
    second = client.get(f"{API}/objects", {"offset": DEFAULT_LIMIT})
    names = [o["name"] for o in second.json()]
    assert names == [f"Objekt {i:03}" for i in range(DEFAULT_LIMIT, DEFAULT_LIMIT + 20)]
    assert second["X-Total-Count"] == str(DEFAULT_LIMIT + 20) and "Link" not in second
    # Filters count in the total and are kept in the next page's address.
    ManagedObject.objects.filter(name__in=["Objekt 001", "Objekt 002", "Objekt 003"]).update(
        area="infrastructure"
    )
    filtered = client.get(f"{API}/objects", {"area": "infrastructure", "limit": 2})
    assert [o["name"] for o in filtered.json()] == ["Objekt 001", "Objekt 002"]
    assert filtered["X-Total-Count"] == "3"
    assert "area=infrastructure" in filtered["Link"] and "offset=2" in filtered["Link"]
    assert client.get(f"{API}/objects", {"offset": 10_000}).json() == []
    with CaptureQueriesContext(connection) as small:
        client.get(f"{API}/objects", {"limit": 2})
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"{API}/objects", {"limit": MAX_LIMIT})


@pytest.mark.parametrize(
    "query, field",
    [({"limit": MAX_LIMIT + 1}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset")],
)
def test_a_limit_out_of_range_is_refused(client, query, field):
    for path in ("/objects", "/decisions"):
        response = client.get(f"{API}{path}", query)
        assert response.status_code == 422, response.content
        assert response.json()["field"] == field
        assert response.json()["code"] == "invalid"


def test_decision_register_comes_a_page_at_a_time(
    client, lead, held_meeting, auth_header, django_assert_max_num_queries
):
    _meeting, items = held_meeting(cases=5)
    for item in items:
        services.decision_record(actor=lead, item=item, outcome="decided", text="Beslut.")
    header = auth_header(lead)
    first = client.get(f"{API}/decisions", {"limit": 2}, headers=header)
    assert first.status_code == 200
    assert [d["id"] for d in first.json()] == [items[4].decision.pk, items[3].decision.pk]
    assert first["X-Total-Count"] == "5" and "offset=2" in first["Link"]
    last = client.get(f"{API}/decisions", {"limit": 2, "offset": 4}, headers=header)
    assert [d["id"] for d in last.json()] == [items[0].decision.pk]
    assert last["X-Total-Count"] == "5" and "Link" not in last
    # Not public before the minutes are locked: nothing, and a total of 0.
    public = client.get(f"{API}/decisions")
    assert public.json() == [] and public["X-Total-Count"] == "0"
    with CaptureQueriesContext(connection) as small:
        client.get(f"{API}/decisions", {"limit": 1}, headers=header)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"{API}/decisions", {"limit": 5}, headers=header)


def test_paging_is_in_the_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    for path in ("/api/v1/decisions", "/api/v1/objects"):
        operation = schema["paths"][path]["get"]
        params = {p["name"]: p for p in operation["parameters"]}
        assert params["limit"]["schema"]["maximum"] == MAX_LIMIT
        assert params["limit"]["schema"]["default"] == DEFAULT_LIMIT
        assert params["offset"]["schema"]["minimum"] == 0
        assert "X-Total-Count" in operation["description"]
