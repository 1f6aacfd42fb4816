from django.contrib import admin

from gits.core.admin import AuditedAdmin, register_admin_actions
from gits.sso.models import ExternalIdentity, RefusedLogin


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdmin):
    """Links can be removed (the next sign-in matches the user anew), not edited; a removal
    is in the audit trail."""

    list_display = ["user", "protocol", "issuer", "subject", "last_login_at"]
    list_filter = ["protocol"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "protocol", "issuer", "subject", "created_at", "last_login_at"]

    def has_add_permission(self, request) -> bool:
        return False


register_admin_actions(ExternalIdentity)


@admin.register(RefusedLogin)
class RefusedLoginAdmin(admin.ModelAdmin):
    list_display = ["created_at", "protocol", "claimed", "reason"]
    list_filter = ["protocol", "reason"]
    search_fields = ["claimed", "subject"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
