"""The Django admin writes the same audit trail as the app: a user created or changed there
(fields, roles, admin permissions, password) leaves an audit entry like any other change.
Users are deactivated, never deleted (their audit entries name them). Roles are defined in
code (gits.core.permissions), so the groups that carry them are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpResponseRedirect

from gits.core.audit import audit_record, diff, snapshot
from gits.core.permissions import ROLES

User = get_user_model()
USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
]


def _roles(user: Any) -> list[str]:
    if user.pk is None:
        return []
    names = sorted(user.groups.values_list("name", flat=True))
    return [str(ROLES[n][0]) if n in ROLES else n for n in names]


def _permissions(user: Any) -> list[str]:
    if user.pk is None:
        return []
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in user.user_permissions.all())


class AuditedUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        stored = User.objects.filter(pk=obj.pk).first() if change else None
        request._gits_user_before = (  # type: ignore[attr-defined]
            snapshot(stored, USER_FIELDS) if stored else {},
            _roles(stored) if stored else [],
            _permissions(stored) if stored else [],
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        before, roles, permissions = getattr(request, "_gits_user_before", ({}, [], []))
        changes: dict[str, Any] = diff(before, snapshot(user, USER_FIELDS))
        if _roles(user) != roles:
            changes["roles"] = [roles or None, _roles(user) or None]
        if _permissions(user) != permissions:
            changes["permissions"] = [permissions or None, _permissions(user) or None]
        if change and not changes:
            return
        audit_record(
            action="accounts.user.changed" if change else "accounts.user.created",
            obj=user,
            actor=request.user,
            changes=changes,
        )

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and isinstance(response, HttpResponseRedirect):
            user = self.get_object(request, id)
            if user is not None and response.url != request.get_full_path():
                audit_record(
                    action="accounts.user.password_changed",
                    obj=user,
                    actor=request.user,
                    changes={"usable_password": user.has_usable_password()},
                )
        return response

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the audit trail keeps naming the user


class ReadOnlyGroupAdmin(GroupAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in ((User, AuditedUserAdmin), (Group, ReadOnlyGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
