import datetime as dt

import pytest
from django.core import mail

from gits.bodies.models import Body
from gits.core.archive import sha256
from gits.data.demo import load_demo
from gits.meetings.models import Minutes
from tests.sealing import make_seal_ca, verify_seal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seal_ca(tmp_path, settings):
    """The organisation's seal, issued by a CA of the test's own."""
    return make_seal_ca(tmp_path, settings)


API = "/api/v1"
TODAY = dt.date.today()
YEAR = TODAY.year
# Attendance, decisions and minutes are recorded only from the meeting's date on.
HELD = TODAY - dt.timedelta(days=20)


def post(client, url, data, headers):
    return client.post(f"{API}{url}", data, content_type="application/json", headers=headers)


def test_whole_meeting_through_the_api(client, defaults, auth_header, seal_ca):
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
        {"body_id": sitiv.pk, "date": HELD.isoformat(), "place": "Vänersborg"},
        lead,
    ).json()
    assert meeting["material_deadline"] == (HELD - dt.timedelta(days=10)).isoformat()
    plan = client.get(f"{API}/meetings", {"body_id": sitiv.pk, "year": YEAR}).json()
    assert "minst 4" in plan["warning"]
    item = post(client, f"/meetings/{meeting['id']}/agenda", {"case_id": cid}, lead).json()
    assert item["number"] == 1
    seated = [
        m["person_id"]
        for s in client.get(
            f"{API}/bodies/{sitiv.pk}/composition", {"date": HELD.isoformat()}
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
    assert minutes["state"] == "draft" and minutes["version"] == 1 and minutes["drafted_at"]
    assert client.get(f"{API}/decisions").json() == []  # not public before signing
    public = client.get(f"{API}/meetings/{meeting['id']}").json()
    assert public["items"][0]["decision"] is None and public["minutes"] == []
    for username in ("ledamot", "ledamot-region"):
        signed = post(
            client,
            f"/minutes/{minutes['id']}/sign",
            {"digest": minutes["digest"]},
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
    locked = client.get(f"{API}/minutes/{minutes['id']}").json()
    assert locked["state"] == "locked" and locked["sha256"] == sha256(pdf.content)
    _, status = verify_seal(pdf.content, seal_ca)
    assert status.bottom_line
    public = client.get(f"{API}/meetings/{meeting['id']}").json()
    assert public["items"][0]["decision"]["text"] == "SITIV fastställer budgeten."
    assert [m["sha256"] for m in public["minutes"]] == [locked["sha256"]]


def _signers(client, auth_header, meeting_id):
    """The presiding member's and the other side's demo accounts, as API headers."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    presiding = client.get(f"{API}/meetings/{meeting_id}").json()["presiding_id"]
    chair = User.objects.get(person__pk=presiding)
    other = User.objects.filter(username__in=["ledamot", "ledamot-region"]).exclude(pk=chair.pk)
    return auth_header(chair), auth_header(other.get())


def test_minutes_lifecycle_through_the_api_r14(
    client, defaults, auth_header, django_capture_on_commit_callbacks
):
    load_demo()
    from django.contrib.auth import get_user_model

    from gits.bodies.selectors import body_composition

    lead = auth_header(get_user_model().objects.get(username="funktionsledare"))
    sitiv = Body.objects.get(short_name="SITIV")
    future = post(
        client,
        "/meetings",
        {"body_id": sitiv.pk, "date": (TODAY + dt.timedelta(days=3)).isoformat()},
        lead,
    ).json()
    early = post(client, f"/meetings/{future['id']}/attendance", {"present": []}, lead)
    assert early.status_code == 400
    assert early.json()["detail"] == (
        f"Sammanträdet äger rum den {future['date']}; närvaro kan registreras först då."
    )
    assert post(client, f"/meetings/{future['id']}/minutes", {}, lead).status_code == 400

    meeting = post(
        client, "/meetings", {"body_id": sitiv.pk, "date": HELD.isoformat()}, lead
    ).json()
    seated = {m.person_id for s in body_composition(sitiv, HELD).sides for m in s.seated}
    post(client, f"/meetings/{meeting['id']}/attendance", {"present": sorted(seated)}, lead)
    v1 = post(client, f"/meetings/{meeting['id']}/minutes", {}, lead).json()
    chair, other = _signers(client, auth_header, meeting["id"])
    assert post(client, f"/minutes/{v1['id']}/sign", {"digest": "fel"}, chair).status_code == 400
    assert (
        post(client, f"/minutes/{v1['id']}/sign", {"digest": v1["digest"]}, chair).status_code
        == 201
    )
    frozen = post(client, f"/meetings/{meeting['id']}/attendance", {"present": []}, lead)
    assert frozen.status_code == 400 and frozen.json()["detail"].startswith("R-14: Justeringen")
    blank = post(client, f"/minutes/{v1['id']}/withdraw", {"reason": " "}, lead)
    assert blank.status_code == 400 and blank.json()["field"] == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = post(client, f"/minutes/{v1['id']}/withdraw", {"reason": "Fel närvaro."}, lead)
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert len(mail.outbox) == 1 and "Fel närvaro." in mail.outbox[0].body
    late = post(client, f"/minutes/{v1['id']}/sign", {"digest": v1["digest"]}, other)
    assert late.status_code == 400 and "drogs tillbaka" in late.json()["detail"]
    assert (
        post(
            client, f"/meetings/{meeting['id']}/attendance", {"present": sorted(seated)}, lead
        ).status_code
        == 200
    )
    v2 = post(client, f"/meetings/{meeting['id']}/minutes", {}, lead).json()
    assert v2["version"] == 2 and v2["correction_reason"] == "Fel närvaro."
    for header in (chair, other):
        assert (
            post(client, f"/minutes/{v2['id']}/sign", {"digest": v2["digest"]}, header).status_code
            == 201
        )
    locked = client.get(f"{API}/minutes/{v2['id']}").json()
    assert locked["state"] == "locked" and len(locked["sha256"]) == 64
    assert client.get(f"{API}/minutes/{v1['id']}").status_code == 403  # withdrawn: not public


def test_cases_are_not_public(client, defaults):
    assert client.get(f"{API}/cases").status_code == 403
