"""Writes of the operations app: a user's choice of notifications, and an administrator
starting a job by hand. Both are audited."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_q.tasks import async_task

from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.operations.jobs import JOBS, RUN
from gits.operations.models import Category, JobState, NotificationPreference

PREFERENCE_FIELDS = [c.value for c in Category]
# Booleans only: the form's shape is the whole rule.
PREFERENCES = Recorded(NotificationPreference, PREFERENCE_FIELDS, name="operations.preference")
JOB = Recorded(JobState, [], right="operations.jobs:run", action="operations.job")


def notification_preferences_set(*, actor: Any, **values: bool) -> NotificationPreference:
    """Save which categories of notification the user gets by e-mail. Each user chooses for
    themselves only, so no right is needed beyond being signed in."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Logga in för att välja aviseringar."))
    preference = NotificationPreference.objects.filter(user=actor).first()
    return PREFERENCES.save(
        preference or NotificationPreference(user=actor),
        actor=actor,
        check_right=False,
        values=values,
        verb="changed",
    )


def job_request(*, actor: Any, name: str) -> JobState:
    """Put a job in the queue now, beside its schedule (the worker runs it within seconds)."""
    if name not in JOBS:
        raise DomainError(_("Okänt jobb: %(name)s") % {"name": name})
    state, _created = JobState.objects.get_or_create(name=name)
    with JOB.updating(state, actor=actor, version=None, verb="requested", always=True):
        async_task(RUN, name, group=name, task_name=f"{name}-manuellt")
    return state
