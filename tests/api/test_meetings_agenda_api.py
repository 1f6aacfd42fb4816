"""The agenda through the API: the standard agenda, free items, reordering and all present,
through the same services as the pages (R-12)."""

import datetime as dt

import pytest

from gits.core.models import AuditEntry
from gits.meetings.models import AgendaItem, AgendaTemplate

pytestmark = pytest.mark.django_db

API = "/api/v1"
DAY = dt.date.today() - dt.timedelta(days=3)


def send(client, method, url, data, headers):
    return getattr(client, method)(
        f"{API}{url}", data, content_type="application/json", headers=headers
    )


@pytest.fixture
def headers(auth_header, lead):
    return auth_header(lead)


def test_standard_agenda_template_get_and_put(client, sitiv, headers, auth_header, make_user):
    got = client.get(f"{API}/bodies/{sitiv.pk}/agenda-template", headers=headers).json()
    assert got["stored"] is False and got["opening"][1] == "Val av justerare"
    saved = send(
        client,
        "put",
        f"/bodies/{sitiv.pk}/agenda-template",
        {"opening": ["Öppnande", "Val av justerare"], "closing": ["Avslutning"]},
        headers,
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["stored"] is True and saved.json()["closing"] == ["Avslutning"]
    assert AuditEntry.objects.filter(action="meetings.agenda_template.saved").count() == 1
    stale = send(
        client,
        "put",
        f"/bodies/{sitiv.pk}/agenda-template",
        {"opening": ["X"], "closing": [], "version": 99},
        headers,
    )
    assert stale.status_code == 409
    empty = send(
        client,
        "put",
        f"/bodies/{sitiv.pk}/agenda-template",
        {"opening": [], "closing": [], "version": saved.json()["version"]},
        headers,
    )
    assert empty.status_code == 400 and empty.json()["field"] == "opening"
    other = auth_header(make_user("function_coordinator"))
    refused = send(
        client,
        "put",
        f"/bodies/{sitiv.pk}/agenda-template",
        {"opening": ["X"], "closing": []},
        other,
    )
    assert refused.status_code == 403
    unknown = send(
        client,
        "put",
        f"/bodies/{sitiv.pk}/agenda-template",
        {"opening": ["X"], "closing": [], "extra": 1},
        headers,
    )
    assert unknown.status_code == 422
    assert AgendaTemplate.objects.get().opening == ["Öppnande", "Val av justerare"]


def test_plan_with_standard_agenda_free_item_reorder_and_all_present(
    client, sitiv, headers, prepared_case, django_assert_max_num_queries
):
    planned = send(
        client,
        "post",
        "/meetings",
        {"body_id": sitiv.pk, "date": DAY.isoformat(), "standard_agenda": True},
        headers,
    )
    assert planned.status_code == 201, planned.content
    mid = planned.json()["id"]
    again = send(client, "post", f"/meetings/{mid}/agenda/standard", {}, headers)
    assert again.status_code == 400 and "redan" in again.json()["detail"]

    case = prepared_case("Budget")
    added = send(client, "post", f"/meetings/{mid}/agenda", {"case_id": case.pk}, headers)
    assert added.status_code == 201 and added.json()["kind"] == "case"
    free = send(
        client,
        "post",
        f"/meetings/{mid}/agenda/free",
        {"title": "Information om SITHS", "text": "Muntligt."},
        headers,
    )
    assert free.status_code == 201 and free.json()["case_id"] is None
    assert free.json()["number"] == added.json()["number"] + 1  # before the closing items
    blank = send(client, "post", f"/meetings/{mid}/agenda/free", {"title": " "}, headers)
    assert blank.status_code == 400 and blank.json()["field"] == "title"

    moved = send(
        client, "post", f"/agenda-items/{free.json()['id']}/move", {"direction": "up"}, headers
    )
    assert moved.status_code == 200 and moved.json()["number"] == added.json()["number"]
    wrong = send(
        client,
        "post",
        f"/agenda-items/{free.json()['id']}/move",
        {"direction": "sideways"},
        headers,
    )
    assert wrong.status_code == 422

    ids = list(
        AgendaItem.objects.filter(meeting_id=mid).order_by("number").values_list("pk", flat=True)
    )
    with django_assert_max_num_queries(60):
        reordered = send(
            client, "put", f"/meetings/{mid}/agenda/order", {"item_ids": ids[::-1]}, headers
        )
    assert reordered.status_code == 200
    assert [i["id"] for i in reordered.json()] == ids[::-1]
    assert [i["number"] for i in reordered.json()] == sorted(i["number"] for i in reordered.json())
    missing = send(client, "put", f"/meetings/{mid}/agenda/order", {"item_ids": ids[1:]}, headers)
    assert missing.status_code == 400 and missing.json()["field"] == "order"

    present = send(client, "post", f"/meetings/{mid}/attendance/all-present", {}, headers)
    assert present.status_code == 200
    assert any(a["present"] for a in present.json())
    assert all(not a["present"] for a in present.json() if a["role"] == "substitute")
    detail = client.get(f"{API}/meetings/{mid}", headers=headers).json()
    assert detail["items"][0]["kind"] in ("opening", "closing", "case", "free")
    assert AuditEntry.objects.filter(action="meetings.agenda.reordered").exists()
