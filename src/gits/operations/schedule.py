"""The schedule is held by the app: `ensure_schedules` writes django-q2's schedule rows from
`jobs.JOBS`. It runs after every `gits migrate` and when `gits worker` starts, and is
idempotent: a job already scheduled as declared is left alone (its next run kept), a changed
one is rescheduled, a job no longer declared is removed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from gits.operations.jobs import JOBS, RUN, Job
from gits.operations.models import JobState


def _declared(job: Job) -> dict[str, object]:
    if job.minutes:
        return {
            "func": RUN,
            "args": repr(job.name),
            "schedule_type": Schedule.MINUTES,
            "minutes": job.minutes,
            "cron": None,
            "repeats": -1,
        }
    return {
        "func": RUN,
        "args": repr(job.name),
        "schedule_type": Schedule.CRON,
        "minutes": None,
        "cron": job.cron,
        "repeats": -1,
    }


def ensure_schedules() -> list[Schedule]:
    """Make the stored schedule match the declared jobs; return the schedules."""
    schedules = []
    with transaction.atomic():
        for job in JOBS.values():
            JobState.objects.get_or_create(name=job.name)
            wanted = _declared(job)
            schedule = Schedule.objects.filter(name=job.name).order_by("pk").first()
            if schedule is None:
                schedule = Schedule(name=job.name, **wanted)
                if job.minutes:
                    schedule.next_run = timezone.now()
                schedule.save()  # a cron schedule computes its next run on creation
            elif any(getattr(schedule, k) != v for k, v in wanted.items()):
                for key, value in wanted.items():
                    setattr(schedule, key, value)
                schedule.next_run = timezone.now() if job.minutes else schedule.calculate_next_run()
                schedule.save()
            Schedule.objects.filter(name=job.name).exclude(pk=schedule.pk).delete()
            schedules.append(schedule)
        Schedule.objects.filter(func=RUN).exclude(name__in=list(JOBS)).delete()
    return schedules
