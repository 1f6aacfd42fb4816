import datetime as dt

import pytest
from django.conf import settings

from gits.meetings import services as meetings
from gits.portfolio.models import ManagedObject

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_status_report_through_the_api(client, sitiv, lead, auth_header):
    headers = auth_header(lead)
    obj = ManagedObject.objects.create(name="Öppna data", short_name="OD", state="in_management")
    meeting = meetings.meeting_plan(
        actor=lead, body=sitiv, date=dt.date.today() + dt.timedelta(days=30)
    )
    url = f"{API}/meetings/{meeting.pk}/status-reports/{obj.pk}"
    body = {
        "date": dt.date.today().isoformat(),
        "coordinators": "Per",
        "assignment": "Plattform",
        "events": "- 12 dataset",
        "issues": "",
        "planned": "- Fakturering",
        "economy": "Inom budget",
        "submit": True,
    }
    wrong = client.put(url, body, content_type="application/json", headers=headers)
    assert wrong.status_code == 400 and wrong.json()["field"] == "issues"
    ok = client.put(
        url, {**body, "issues": "- Licenser"}, content_type="application/json", headers=headers
    )
    assert ok.status_code == 200 and ok.json()["submitted_at"]
    overview = client.get(f"{API}/meetings/{meeting.pk}/status-reports", headers=headers).json()
    assert overview == [
        {
            "managed_object_id": obj.pk,
            "managed_object": "Öppna data",
            "state": "submitted",
            "report_id": ok.json()["id"],
        }
    ]
    docx = client.get(f"{API}/status-reports/{ok.json()['id']}/document.docx", headers=headers)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    odt = client.get(f"{API}/status-reports/{ok.json()['id']}/document.odt", headers=headers)
    assert odt.status_code == 400
    assert odt.json() == {
        "detail": "Formatet ska vara pdf eller docx.",
        "field": "fmt",
        "code": "invalid",
    }
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"{API}/status-reports/{ok.json()['id']}/document.odt", headers=headers)
    assert english.json()["detail"] == "The format must be pdf or docx."
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    pack = client.post(f"{API}/meetings/{meeting.pk}/pack", headers=headers)
    assert pack.status_code == 201
    assert client.get(f"{API}/packs/{pack.json()['id']}/pdf", headers=headers).content.startswith(
        b"%PDF"
    )


def test_plans_need_a_token(client, db):
    assert client.get(f"{API}/plans").status_code == 401
