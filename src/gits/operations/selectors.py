"""Reads for the administrator's view, the health check and the metrics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_q.models import Failure, OrmQ, Schedule

from gits.operations.jobs import JOBS, Job
from gits.operations.models import JobState, WorkerHeartbeat


@dataclass
class JobRow:
    job: Job
    state: JobState
    schedule: Schedule | None
    recent_failures: list[Any]

    @property
    def next_run(self) -> dt.datetime | None:
        return self.schedule.next_run if self.schedule else None


def job_rows(failures: int = 3) -> list[JobRow]:
    """Each declared job with its state, its schedule and its latest failed attempts."""
    states = {s.name: s for s in JobState.objects.all()}
    schedules = {s.name: s for s in Schedule.objects.filter(name__in=list(JOBS))}
    rows = []
    for name, job in JOBS.items():
        rows.append(
            JobRow(
                job=job,
                state=states.get(name) or JobState(name=name),
                schedule=schedules.get(name),
                recent_failures=list(
                    Failure.objects.filter(group=name).order_by("-stopped")[:failures]
                ),
            )
        )
    return rows


def queue_length() -> int:
    return OrmQ.objects.count()


@dataclass
class Health:
    database: bool
    database_error: str
    heartbeat: WorkerHeartbeat | None
    heartbeat_age: float | None

    @property
    def worker(self) -> bool:
        return (
            self.heartbeat_age is not None
            and self.heartbeat_age <= settings.GITS_WORKER_HEARTBEAT_MAX
        )

    @property
    def ok(self) -> bool:
        return self.database and self.worker


def health() -> Health:
    """The database answers, and a worker has shown a sign of life recently."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        latest = WorkerHeartbeat.objects.order_by("-seen_at").first()
    except Exception as err:  # the database is down or not migrated
        return Health(False, err.__class__.__name__, None, None)
    age = (timezone.now() - latest.seen_at).total_seconds() if latest else None
    return Health(True, "", latest, age)


def workers() -> list[WorkerHeartbeat]:
    return list(WorkerHeartbeat.objects.order_by("-seen_at")[:20])
