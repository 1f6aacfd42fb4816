import datetime as dt

import pytest

from gits.bodies.models import Body
from gits.data.demo import load_demo
from gits.meetings.models import Minutes

pytestmark = pytest.mark.django_db
API = "/api/v1"
YEAR = dt.date.today().year


def post(client, url, data, headers):
    return client.post(f"{API}{url}", data, content_type="application/json", headers=headers)


def test_whole_meeting_through_the_api(client, defaults, auth_header):
    load_demo()
    from django.contrib.auth import get_user_model

    User = get_user_model()
    lead = auth_header(User.objects.get(username="funktionsledare"))
    sitiv = Body.objects.get(short_name="SITIV")
    prep = {
        m.side: m.person_id
        for m in Body.objects.get(short_name="Beredningsgruppen").memberships.all()
    }

    case = post(
        client,
        "/cases",
        {"body_id": sitiv.pk, "title": "Budget", "proposal": "SITIV fastställer budgeten."},
        lead,
    )
    assert case.status_code == 201 and case.json()["diary_number"] == f"SITIV {YEAR}/1"
    cid = case.json()["id"]
    refused = post(client, f"/cases/{cid}/move", {"state": "prepared"}, lead)
    assert refused.status_code == 400 and refused.json()["field"] == "state"
    patched = client.patch(
        f"{API}/cases/{cid}",
        {
            "version": 1,
            "preparer_region_id": prep["region"],
            "preparer_municipalities_id": prep["municipalities"],
        },
        content_type="application/json",
        headers=lead,
    )
    assert patched.status_code == 200
    assert post(client, f"/cases/{cid}/move", {"state": "in_preparation"}, lead).status_code == 200
    assert (
        post(client, f"/cases/{cid}/move", {"state": "prepared"}, lead).json()["state"]
        == "prepared"
    )

    meeting = post(
        client,
        "/meetings",
        {"body_id": sitiv.pk, "date": f"{YEAR}-03-10", "place": "Vänersborg"},
        lead,
    ).json()
    assert meeting["material_deadline"] == f"{YEAR}-02-28"
    plan = client.get(f"{API}/meetings", {"body_id": sitiv.pk, "year": YEAR}).json()
    assert "minst 4" in plan["warning"]
    item = post(client, f"/meetings/{meeting['id']}/agenda", {"case_id": cid}, lead).json()
    assert item["number"] == 1
    seated = [
        m["person_id"]
        for s in client.get(
            f"{API}/bodies/{sitiv.pk}/composition", {"date": f"{YEAR}-03-10"}
        ).json()["sides"]
        for m in s["seated"]
    ]
    assert (
        post(client, f"/meetings/{meeting['id']}/attendance", {"present": seated}, lead).status_code
        == 200
    )
    objected = post(
        client,
        f"/agenda-items/{item['id']}/decision",
        {"outcome": "decided", "objections": "Nej."},
        lead,
    )
    assert objected.status_code == 400 and "enighet" in objected.json()["detail"]
    decided = post(client, f"/agenda-items/{item['id']}/decision", {"outcome": "decided"}, lead)
    assert decided.status_code == 201 and decided.json()["text"] == "SITIV fastställer budgeten."

    minutes = post(client, f"/meetings/{meeting['id']}/minutes", {}, lead).json()
    assert client.get(f"{API}/decisions").json() == []  # not public before signing
    for username in ("ledamot", "ledamot-region"):
        signed = post(
            client,
            f"/minutes/{minutes['id']}/sign",
            {},
            auth_header(User.objects.get(username=username)),
        )
        assert signed.status_code == 201
    third = post(
        client,
        f"/minutes/{minutes['id']}/sign",
        {},
        auth_header(User.objects.get(username="ledamot")),
    )
    assert third.status_code == 400
    assert Minutes.objects.get(pk=minutes["id"]).is_signed
    public = client.get(f"{API}/decisions", {"q": "budget"}).json()
    assert [d["diary_number"] for d in public] == [f"SITIV {YEAR}/1"]
    pdf = client.get(f"{API}/minutes/{minutes['id']}/pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_cases_are_not_public(client, defaults):
    assert client.get(f"{API}/cases").status_code == 403
