from typing import Any

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem

RIGHTS = {
    "operations.jobs:view": _("se bakgrundsjobb och driftläge"),
    "operations.jobs:run": _("starta bakgrundsjobb"),
}


def _schedule_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """`gits migrate` leaves the declared jobs scheduled, so they show in the administrator's
    view before the worker first starts."""
    from gits.operations.schedule import ensure_schedules

    if using == "default":
        ensure_schedules()


class OperationsConfig(DomainConfig):
    name = "gits.operations"
    verbose_name = _("Drift")

    rights = RIGHTS  # the administrator's only
    owners = {"operations.NotificationPreference": lambda p: p.user}
    nav_items = [
        NavItem(_("Drift"), "operations:jobs", 95, right="operations.jobs:view"),
        NavItem(_("Mina aviseringar"), "operations:preferences", 97, login_required=True),
    ]
    actions = {
        "operations.notificationpreference": {
            "operations.preference.changed": _("Val av aviseringar ändrat")
        },
        "operations.jobstate": {"operations.job.requested": _("Bakgrundsjobb startat för hand")},
    }

    def ready(self) -> None:
        super().ready()
        post_migrate.connect(_schedule_after_migrate, sender=self)
