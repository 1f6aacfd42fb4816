import pytest

from gits.core.audit import audit_record, history_for
from gits.core.models import AuditEntry
from gits.core.requestid import reset, start
from tests.factories import MunicipalityFactory


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed_or_deleted(admin_user):
    org = MunicipalityFactory()
    entry = audit_record(action="x.y", obj=org, actor=admin_user, changes={"a": [1, 2]})
    entry.action = "changed"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.y"


@pytest.mark.django_db
def test_entry_records_actor_request_and_shows_on_parent(admin_user):
    org = MunicipalityFactory()
    other = MunicipalityFactory()
    token = start("req-123")
    try:
        audit_record(action="x.y", obj=other, actor=admin_user, parent=org)
    finally:
        reset(token)
    [entry] = history_for(org)
    assert entry.actor == admin_user
    assert entry.actor_name == admin_user.username
    assert entry.request_id == "req-123"
    assert list(history_for(other)) == [entry]
