"""The administrator's view of the jobs, each user's choice of notifications, the health
check, the metrics and JSON logs."""

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.utils import timezone
from django_q.models import OrmQ

from gits.core import requestid
from gits.core.models import AuditEntry
from gits.operations.jobs import JOBS, heartbeat, run
from gits.operations.logs import JsonFormatter
from gits.operations.models import NotificationPreference, WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_the_administrator_sees_every_job_with_its_runs(
    client, admin_user, django_assert_max_num_queries
):
    run("heartbeat")
    client.force_login(admin_user)
    with django_assert_max_num_queries(25):
        response = client.get("/drift/")
    html = response.content.decode()
    assert response.status_code == 200
    for job in JOBS.values():
        assert str(job.label) in html
    assert "dagligen 02.30" in html  # the backup's schedule
    assert "var 1:e minut" in html
    row = re.search(r'<tr id="jobb-heartbeat">(.*?)</tr>', html, re.S).group(1)
    assert "lyckades" in row and "Livstecken från" in row
    assert "Kör nu" in html
    assert 'href="/drift/"' in html  # in the main menu


def test_others_may_not_see_the_jobs(client, contact_user, lead_user):
    assert client.get("/drift/").status_code == 302  # to the login
    for user in (contact_user, lead_user):
        client.force_login(user)
        assert client.get("/drift/").status_code == 403
        assert client.post("/drift/backup/kor/").status_code == 302
    assert not OrmQ.objects.exists()


def test_run_now_queues_the_job_and_is_audited(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/drift/backup/kor/", follow=True)
    assert "Säkerhetskopia är lagt i kön" in response.content.decode()
    assert OrmQ.objects.count() == 1
    entry = AuditEntry.objects.get(action="operations.job.requested")
    assert (entry.object_repr, entry.actor) == ("Säkerhetskopia", admin_user)


def test_each_user_turns_categories_off_and_it_is_audited(client, lead_user):
    lead_user.email = "ledare@example.se"
    lead_user.save()
    client.force_login(lead_user)
    html = client.get("/aviseringar/").content.decode()
    assert "Aviseringarna skickas till ledare@example.se" in html
    assert html.count('type="checkbox"') == 5
    assert html.count("checked") == 5  # everything on until turned off

    response = client.post(
        "/aviseringar/", {"signature": "on", "reports": "on", "changes": "on"}, follow=True
    )
    assert "Dina val av aviseringar är sparade" in response.content.decode()
    pref = NotificationPreference.objects.get(user=lead_user)
    assert (pref.signature, pref.agreements, pref.invoicing) == (True, False, False)
    entry = AuditEntry.objects.get(action="operations.preference.changed")
    assert entry.actor == lead_user
    labels = {c.label for c in entry.shown_changes}
    assert {"Avtal att säga upp", "Kvartalsfakturering"} <= labels

    client.post("/aviseringar/", {"signature": "on", "reports": "on", "changes": "on"})
    assert AuditEntry.objects.filter(action="operations.preference.changed").count() == 1
    client.post("/aviseringar/", {"reports": "on"})
    last = AuditEntry.objects.filter(action="operations.preference.changed").first()
    assert set(last.changes) == {"signature", "changes"}


def test_preferences_need_a_login(client):
    response = client.get("/aviseringar/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_health_needs_the_database_and_a_recent_heartbeat(client, settings):
    response = client.get("/halsa/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"]["ok"] is True
    assert body["worker"] == {
        "ok": False,
        "last_heartbeat": None,
        "age_seconds": None,
        "host": None,
        "max_age_seconds": settings.GITS_WORKER_HEARTBEAT_MAX,
    }

    heartbeat()
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["worker"]["ok"] is True

    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(minutes=10))
    assert client.get("/halsa/").status_code == 503


def test_load_balancer_and_prometheus_may_ask_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/halsa/").status_code == 503  # answered, not redirected
    assert client.get("/metrics").status_code == 200


def test_metrics_count_requests_and_job_runs(client):
    def sample(text: str, name: str, **labels: str) -> float:
        for line in text.splitlines():
            if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    before = sample(
        client.get("/metrics").content.decode(),
        "gits_http_requests_total",
        view="operations:health",
    )
    client.get("/halsa/")
    client.get("/halsa/")
    run("heartbeat")
    response = client.get("/metrics")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert sample(text, "gits_http_requests_total", view="operations:health", status="503") >= 2
    assert sample(text, "gits_http_requests_total", view="operations:health") == before + 2
    assert sample(text, "gits_http_request_duration_seconds_count", view="operations:health") >= 2
    assert sample(text, "gits_job_runs_total", job="heartbeat") == 1
    assert sample(text, "gits_job_failures_total", job="heartbeat") == 0
    assert "gits_worker_heartbeat_age_seconds " in text
    assert "gits_job_queue_length 0.0" in text


def test_metrics_behind_a_token(client, settings):
    settings.GITS_METRICS_TOKEN = "hemligt-mätvärde"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer fel").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer hemligt-mätvärde").status_code == 200


def test_json_log_lines_carry_the_request_id():
    record = logging.LogRecord(
        "gits.test", logging.WARNING, __file__, 1, "hej %s", ("värld",), None
    )
    record.job = "backup"
    token = requestid.start("abc123")
    try:
        line = JsonFormatter().format(record)
    finally:
        requestid.reset(token)
    data = json.loads(line)
    assert data["message"] == "hej värld"
    assert (data["level"], data["logger"], data["request_id"], data["job"]) == (
        "WARNING",
        "gits.test",
        "abc123",
        "backup",
    )
    try:
        raise ValueError("trasigt")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert "ValueError: trasigt" in json.loads(JsonFormatter().format(record))["exception"]


def test_gits_log_format_json_makes_every_line_json(tmp_path):
    env = {
        **os.environ,
        "GITS_DEBUG": "1",
        "GITS_VAR_DIR": str(tmp_path),
        "GITS_LOG_FORMAT": "json",
    }
    code = "import django, logging; django.setup(); logging.getLogger('gits.x').warning('åtta')"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "gits.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [(d["logger"], d["message"]) for d in lines] == [("gits.x", "åtta")]
