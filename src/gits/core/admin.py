"""The Django admin writes the same audit trail as the app (issue 12).

Every model the admin may change is registered through `AuditedAdmin`: a record added,
changed or deleted there leaves an audit entry with the actor, the request id and what changed,
like a change made through a service. The user admin (accounts/admin.py) records users, roles
and passwords its own way; a model admin that can change nothing needs no audit. Admin models
of other packages (the task queue's) are re-registered here with the audit;
tests/core/test_admin_audit.py fails on any admin that can write without it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gits.core.audit import audit_record, diff, snapshot
from gits.core.history import KIND_NAMES, register_actions

VERBS = {
    "admin_created": _("Tillagd i administrationen"),
    "admin_changed": _("Ändrad i administrationen"),
    "admin_deleted": _("Borttagen i administrationen"),
}


def admin_action(model: type[models.Model], verb: str) -> str:
    """The action code of an admin write on a model: `<app>.<model>.admin_<verb>`."""
    return f"{model._meta.label_lower}.{verb}"


def audited_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


class AuditedAdmin(admin.ModelAdmin):
    """A model admin whose saves and deletions write audit entries in their transaction."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        fields = audited_fields(type(obj))
        with transaction.atomic():
            stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
            before = snapshot(stored, fields) if stored is not None else {}
            super().save_model(request, obj, form, change)
            changes = diff(before, snapshot(obj, fields))
            if changes or not change:
                verb = "admin_changed" if change else "admin_created"
                audit_record(
                    action=admin_action(type(obj), verb),
                    obj=obj,
                    actor=request.user,
                    changes=changes,
                )

    def _record_deletion(self, request: Any, obj: Any) -> None:
        before = snapshot(obj, audited_fields(type(obj)))
        audit_record(
            action=admin_action(type(obj), "admin_deleted"),
            obj=obj,
            actor=request.user,
            changes={k: [v, None] for k, v in before.items() if v not in (None, "")},
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)


def register_admin_actions(model: type[models.Model]) -> None:
    """Register the admin's action codes of a model for the readable history."""
    register_actions(
        model._meta.label_lower, {admin_action(model, verb): label for verb, label in VERBS.items()}
    )


def audited(model_admin: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """The model admin class with the audit trail mixed in."""
    if issubclass(model_admin, AuditedAdmin):
        return model_admin
    return type(f"Audited{model_admin.__name__}", (AuditedAdmin, model_admin), {})


def register_audited(model: type[models.Model], model_admin: type[admin.ModelAdmin]) -> None:
    """Register (or re-register) a model in the admin with the audit trail."""
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, audited(model_admin))
    register_admin_actions(model)


# The task queue's admin (schedules, tasks, queue) is kept, with the audit, and its models are
# named in Swedish in the history (the package names them in English).
KIND_NAMES.update(
    {
        "django_q.schedule": _("schemalagda jobb"),
        "django_q.success": _("lyckade bakgrundsjobb"),
        "django_q.failure": _("misslyckade bakgrundsjobb"),
        "django_q.ormq": _("bakgrundsjobb i kö"),
    }
)
for _model, _model_admin in list(admin.site._registry.items()):
    if _model._meta.app_label == "django_q":
        register_audited(_model, type(_model_admin))
