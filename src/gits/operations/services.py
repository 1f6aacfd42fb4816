"""Writes of the operations app: a user's choice of notifications, and an administrator
starting a job by hand. Both are audited."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_q.tasks import async_task

from gits.core.changes import record_create, record_update
from gits.core.errors import DomainError
from gits.operations.jobs import JOBS, RUN
from gits.operations.models import Category, JobState, NotificationPreference

PREFERENCE_FIELDS = [c.value for c in Category]


def notification_preferences_set(*, actor: Any, **values: bool) -> NotificationPreference:
    """Save which categories of notification the user gets by e-mail. Each user chooses for
    themselves only, so no right is needed beyond being signed in."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Logga in för att välja aviseringar."))
    common: dict[str, Any] = {
        "actor": actor,
        "right": None,
        "fields": PREFERENCE_FIELDS,
        "action": "operations.preference.changed",
        "values": values,
    }
    existing = NotificationPreference.objects.filter(user=actor).first()
    if existing is None:
        with record_create(NotificationPreference(user=actor), **common) as change:
            pass  # booleans only: the form's shape is the whole rule
    else:
        with record_update(existing, version=None, **common) as change:
            pass
    return change.obj


def job_request(*, actor: Any, name: str) -> JobState:
    """Put a job in the queue now, beside its schedule (the worker runs it within seconds)."""
    if name not in JOBS:
        raise DomainError(_("Okänt jobb: %(name)s") % {"name": name})
    state, _created = JobState.objects.get_or_create(name=name)
    with record_update(
        state,
        actor=actor,
        right="operations.jobs:run",
        version=None,
        fields=[],
        action="operations.job.requested",
        always=True,
    ):
        async_task(RUN, name, group=name, task_name=f"{name}-manuellt")
    return state
