"""The Django admin writes the same audit trail as the app (issue 12)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django_q.models import Schedule

from gits.accounts.admin import AuditedUserAdmin
from gits.core.admin import AuditedAdmin
from gits.core.models import AuditEntry
from gits.sso.models import ExternalIdentity


@pytest.mark.django_db
def test_every_admin_that_can_write_is_audited(make_user):
    superuser = make_user(username="root", is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    unaudited = []
    for model, model_admin in admin.site._registry.items():
        writes = (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
        if writes and not isinstance(model_admin, AuditedAdmin | AuditedUserAdmin):
            unaudited.append(model._meta.label)
    assert unaudited == []


@pytest.mark.django_db
def test_a_deletion_in_the_admin_is_audited(client, make_user):
    superuser = make_user(username="root", is_superuser=True, is_staff=True)
    someone = make_user(username="someone")
    link = ExternalIdentity.objects.create(
        user=someone, protocol="oidc", issuer="https://idp.example.se", subject="abc"
    )
    client.force_login(superuser)
    url = reverse("admin:sso_externalidentity_delete", args=[link.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not ExternalIdentity.objects.filter(pk=link.pk).exists()
    entry = AuditEntry.objects.get(action="sso.externalidentity.admin_deleted")
    assert entry.actor == superuser
    assert entry.object_id == str(link.pk)
    assert entry.changes["subject"] == ["abc", None]


@pytest.mark.django_db
def test_a_change_in_the_admin_is_audited(client, make_user):
    superuser = make_user(username="root", is_superuser=True, is_staff=True)
    schedule = Schedule.objects.create(
        name="nattlig", func="gits.operations.jobs.nothing", schedule_type=Schedule.DAILY
    )
    client.force_login(superuser)
    url = reverse("admin:django_q_schedule_change", args=[schedule.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "name": "nattlig körning",
            "func": schedule.func,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run_0": "2026-12-01",
            "next_run_1": "03:00:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action="django_q.schedule.admin_changed")
    assert entry.changes["name"] == ["nattlig", "nattlig körning"]
    assert entry.actor == superuser
