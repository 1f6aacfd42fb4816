from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

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


class OperationsConfig(AppConfig):
    name = "gits.operations"
    label = "operations"
    verbose_name = _("Drift")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_owner, register_rights

        register_rights(RIGHTS, grants={})  # the administrator's only
        register_owner("operations.NotificationPreference", lambda p: p.user)
        navigation.register(
            navigation.NavItem(_("Drift"), "operations:jobs", 95, right="operations.jobs:view")
        )
        navigation.register(
            navigation.NavItem(
                _("Mina aviseringar"), "operations:preferences", 97, login_required=True
            )
        )
        register_actions(
            "operations.notificationpreference",
            {"operations.preference.changed": _("Val av aviseringar ändrat")},
        )
        register_actions(
            "operations.jobstate",
            {"operations.job.requested": _("Bakgrundsjobb startat för hand")},
        )
        post_migrate.connect(_schedule_after_migrate, sender=self)
