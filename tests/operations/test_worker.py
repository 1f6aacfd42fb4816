"""The worker: the schedule the app holds, a job's way through the queue (retried after a
failure), `gits worker` as its own process, and the nightly backup."""

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from multiprocessing import Event, Value

import pytest
from django.db import connection
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import OrmQ, Schedule, Task
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.scheduler import scheduler
from django_q.worker import worker

from gits.operations import jobs
from gits.operations.jobs import JOBS, RUN
from gits.operations.models import JobState, WorkerHeartbeat
from gits.operations.schedule import ensure_schedules


@pytest.mark.django_db
def test_migrate_leaves_every_job_scheduled_and_ensuring_again_changes_nothing():
    schedules = {s.name: s for s in Schedule.objects.filter(func=RUN)}
    assert set(schedules) == set(JOBS)  # written after migrate
    assert schedules["backup"].cron == "30 2 * * *"
    assert schedules["heartbeat"].minutes == 1
    before = {s.name: (s.pk, s.next_run) for s in schedules.values()}

    ensure_schedules()
    assert {s.name: (s.pk, s.next_run) for s in Schedule.objects.filter(func=RUN)} == before
    assert JobState.objects.filter(name__in=JOBS).count() == len(JOBS)


@pytest.mark.django_db
def test_a_changed_or_unknown_schedule_is_put_right():
    Schedule.objects.filter(name="backup").update(cron="0 12 * * *")
    Schedule.objects.create(name="retired", func=RUN, args="'retired'", schedule_type="D")
    Schedule.objects.create(name="someone else's", func="math.floor", args="1.5")
    ensure_schedules()
    backup = Schedule.objects.get(name="backup")
    assert backup.cron == "30 2 * * *"
    assert timezone.localtime(backup.next_run).strftime("%H:%M") == "02:30"
    assert not Schedule.objects.filter(name="retired").exists()
    assert Schedule.objects.filter(name="someone else's").exists()


# The tests that need committed data (another process, or PostgreSQL's isolation level) empty
# only the tables of these apps afterwards (they write nothing else): much faster than the
# whole database, and the data other apps' migrations wrote stays.
WORKER_APPS = [
    "django_q",
    "gits.core",
    "gits.operations",
]
committed = pytest.mark.django_db(transaction=True, available_apps=WORKER_APPS)


def _work_off_the_queue(broker) -> None:
    """One round of the cluster in this process: pull what is due, run it, save the result."""
    tasks, results, stop = multiprocessing.Queue(), multiprocessing.Queue(), Event()
    stop.set()  # one pull only
    pusher(tasks, stop, broker=broker)
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    results.put("STOP")
    monitor(results, broker=broker)


@committed
def test_a_due_job_runs_through_the_queue_and_a_failure_is_tried_again(monkeypatch):
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("databasen svarade inte")
        return "klart"

    monkeypatch.setitem(JOBS, "heartbeat", dataclasses.replace(JOBS["heartbeat"], func=flaky))
    ensure_schedules()
    Schedule.objects.exclude(name="heartbeat").update(next_run=timezone.now() + dt.timedelta(1))
    Schedule.objects.filter(name="heartbeat").update(next_run=timezone.now() - dt.timedelta(1))
    broker = get_broker()

    scheduler(broker=broker)  # the schedule puts the job in the queue ...
    assert OrmQ.objects.count() == 1
    _work_off_the_queue(broker)  # ... a worker runs it, and it fails
    task = Task.objects.get(group="heartbeat")
    assert (task.success, task.attempt_count) == (False, 1)
    assert "databasen svarade inte" in task.result
    state = JobState.objects.get(name="heartbeat")
    assert (state.runs, state.failures, state.last_ok) == (1, 1, False)
    assert "databasen svarade inte" in state.last_error
    # Not acknowledged: the task stays in the queue, locked until the retry time.
    queued = OrmQ.objects.get()
    assert queued.lock > timezone.now() + dt.timedelta(minutes=5)

    OrmQ.objects.update(lock=timezone.now() - dt.timedelta(seconds=1))  # the retry time comes
    _work_off_the_queue(broker)
    task.refresh_from_db()
    assert (task.success, task.attempt_count, task.result) == (True, 2, "klart")
    assert not OrmQ.objects.exists()
    state.refresh_from_db()
    assert (state.runs, state.failures, state.consecutive_failures, state.last_ok) == (
        2,
        1,
        0,
        True,
    )
    assert state.last_result == "klart"


def _database_for_a_process(tmp_path) -> dict[str, str]:
    """Environment that points a `gits` process at this test's database: a file copy of the
    in-memory SQLite database, or the PostgreSQL test database itself."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(GITS_DEBUG="1", GITS_VAR_DIR=str(tmp_path), GITS_TESTING="0")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "gits.sqlite3")
        connection.connection.backup(target)
        target.close()
    else:
        s = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
        )
    return env


def _count(tmp_path, sql: str) -> int:
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "gits.sqlite3") as db:
            return db.execute(sql).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@committed
def test_gits_worker_runs_as_its_own_process_and_stops_on_sigterm(tmp_path):
    env = _database_for_a_process(tmp_path)
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gits", "worker"],
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=True,  # its own process group: the cluster's children with it
        )
    try:
        deadline = time.monotonic() + 30
        while not _count(tmp_path, "SELECT runs FROM operations_jobstate WHERE name='heartbeat'"):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "no heartbeat from the worker"
            time.sleep(0.2)
        assert _count(tmp_path, "SELECT COUNT(*) FROM operations_workerheartbeat") == 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, log.read_text()
        assert "Jobbet heartbeat: Livstecken" in log.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the group
        proc.wait()


@committed
def test_nightly_backup_keeps_the_newest(tmp_path, settings):
    settings.GITS_BACKUP_DIR = tmp_path / "backups"
    settings.GITS_BACKUP_KEEP = 2
    settings.GITS_BACKUP_DIR.mkdir()
    for day in ("2020-01-01", "2020-01-02", "2020-01-03"):
        (settings.GITS_BACKUP_DIR / f"gits-{day}.tar.gz").write_bytes(b"old")
    result = jobs.run("backup")
    today = settings.GITS_BACKUP_DIR / f"gits-{timezone.localdate().isoformat()}.tar.gz"
    assert str(today) in result
    assert sorted(p.name for p in settings.GITS_BACKUP_DIR.iterdir()) == [
        "gits-2020-01-03.tar.gz",
        today.name,
    ]
    jobs.run("backup")  # the same day again: replaces that day's file
    assert len(list(settings.GITS_BACKUP_DIR.iterdir())) == 2


@pytest.mark.django_db
def test_heartbeat_and_the_jobs_that_call_existing_commands():
    assert jobs.run("heartbeat").startswith("Livstecken från")
    assert WorkerHeartbeat.objects.count() == 1
    assert jobs.run("meeting_packs") == "Inga utskick att sammanställa."
    assert jobs.run("invoice_proposal") == "0 skickade (kvartalsfakturering)."
    assert jobs.run("agreement_notices") == "0 skickade (avtal nära uppsägningsdagen)."
