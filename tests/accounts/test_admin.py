"""The Django admin writes the same audit trail as the app (issue 12)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gits.core.models import AuditEntry

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def superuser(make_user):
    return make_user(username="root", is_staff=True, is_superuser=True)


def test_adding_a_user_in_the_admin_is_audited(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "ny",
            "usable_password": "true",
            "password1": "ett-långt-lösenord-42",
            "password2": "ett-långt-lösenord-42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="ny")
    entry = AuditEntry.objects.get(action="accounts.user.created")
    assert entry.object_id == str(user.pk) and entry.actor == superuser
    assert entry.changes["username"] == [None, "ny"]


def test_changing_roles_and_fields_in_the_admin_is_audited(client, superuser, make_user):
    user = make_user(username="anna")
    role = Group.objects.get_or_create(name="function_lead")[0]
    client.force_login(superuser)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "anna",
            "first_name": "Anna",
            "last_name": "",
            "email": "anna@example.se",
            "is_active": "on",
            "groups": [role.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="accounts.user.changed")
    assert entry.changes["first_name"] == ["", "Anna"]
    assert entry.changes["roles"] == [None, ["Funktionsledare (GITS)"]]
    assert entry.actor == superuser


def test_setting_a_password_in_the_admin_is_audited(client, superuser, make_user):
    user = make_user(username="anna")
    client.force_login(superuser)
    response = client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {
            "usable_password": "true",
            "password1": "ett-annat-långt-lösenord-7",
            "password2": "ett-annat-långt-lösenord-7",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.user.password_changed")
    assert entry.object_id == str(user.pk) and entry.changes == {"usable_password": True}


def test_users_cannot_be_deleted_and_roles_are_read_only(client, superuser, make_user):
    user = make_user()
    client.force_login(superuser)
    assert client.get(f"/admin/auth/user/{user.pk}/delete/").status_code == 403
    role = Group.objects.get_or_create(name="admin")[0]
    assert client.post(f"/admin/auth/group/{role.pk}/change/", {"name": "x"}).status_code == 403
    assert client.get("/admin/auth/group/add/").status_code == 403
    assert Group.objects.filter(name="admin").exists()


def test_only_audited_models_are_editable_in_the_admin(rf, superuser):
    """Every model the admin may add or change writes the audit trail itself: a new
    registration must be read-only or audited (then listed here)."""
    from django.contrib import admin

    audited = {"auth.user"}
    # Not domain data; their apps answer for them: the job queue, and SSO links (read-only
    # fields, removable to force a new match at the next sign-in).
    elsewhere = {"django_q.schedule", "django_q.success", "django_q.failure", "django_q.ormq"}
    elsewhere |= {"sso.externalidentity", "sso.refusedlogin"}
    request = rf.get("/admin/")
    request.user = superuser
    editable = {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
    }
    assert editable - elsewhere <= audited
