"""The audit trail: every change to domain data is recorded here by the service that made it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from gits.core import requestid
from gits.core.models import AuditEntry


def object_key(obj: models.Model) -> tuple[str, str]:
    """The type and id an entry names; an unsaved record (a login with an unknown user
    name) has no id."""
    return obj._meta.label_lower, "" if obj.pk is None else str(obj.pk)


def _json_value(value: Any) -> Any:
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of obj as JSON values (a foreign key as its text)."""
    data: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            data[name] = _json_value(getattr(obj, name))
        elif getattr(field, "choices", None):
            data[name] = str(getattr(obj, f"get_{name}_display")())
        else:
            data[name] = _json_value(getattr(obj, name))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field name to [before, after] for every field that changed."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_entry(
    *,
    action: str,
    obj: models.Model,
    actor: Any,
    changes: dict[str, Any] | None = None,
    parent: models.Model | None = None,
) -> AuditEntry:
    """One audit entry, not yet written: `audit_record` writes one, `audit_records` many."""
    object_type, object_id = object_key(obj)
    parent_type, parent_id = object_key(parent) if parent is not None else ("", "")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=str(obj)[:300],
        parent_type=parent_type,
        parent_id=parent_id,
        actor=user,
        actor_name=(user.get_username() if user else "system"),
        request_id=requestid.current(),
        changes=_json_value(changes or {}),
    )


def audit_record(**entry: Any) -> AuditEntry:
    """Write one audit entry. Called inside the service's transaction, so a refused or failed
    change leaves no entry."""
    record = audit_entry(**entry)
    record.save()
    return record


def audit_records(entries: list[AuditEntry]) -> None:
    """Write the entries of a batch (an invoice run) in one insert, in the same transaction."""
    AuditEntry.objects.bulk_create(entries)


class RecordHistory(QuerySet):
    """The entries of one record (`history_for`); knows the record's key (`record`) through
    slicing, so that its panel can link to the record's whole history (issue 15)."""

    record: tuple[str, str] | None = None

    def _clone(self):
        clone = super()._clone()
        clone.record = self.record
        return clone


def record_entries(object_type: str, object_id: str) -> RecordHistory:
    """Entries about the record itself or recorded with it as their parent, newest first."""
    entries: RecordHistory = RecordHistory(model=AuditEntry).filter(
        Q(object_type=object_type, object_id=object_id)
        | Q(parent_type=object_type, parent_id=object_id)
    )
    entries.record = (object_type, object_id)
    return entries.select_related("actor")


def history_for(obj: models.Model, limit: int = 200) -> QuerySet[AuditEntry]:
    """Entries about obj itself or recorded with obj as their parent, newest first."""
    return record_entries(*object_key(obj))[:limit]


def recorded_kinds() -> list[tuple[str, str]]:
    """The kinds of record the history names (`object_type`, as the actions are registered),
    with their plural names, for the history's filter."""
    from django.apps import apps

    from gits.core.history import ACTION_TYPES, KIND_NAMES

    kinds = {}
    for label in {action.model for action in ACTION_TYPES.values()}:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        kinds[label] = str(KIND_NAMES.get(label, model._meta.verbose_name_plural)).capitalize()
    return sorted(kinds.items(), key=lambda kind: kind[1])


def audit_filter(
    *,
    kind: str = "",
    username: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Q:
    """The whole history narrowed to a kind of record, whoever did it (by user name, in any
    case, on the key the history keeps: a name that is no user's finds nothing) and a span of
    days, each day whole in the site's time zone."""
    condition = Q()
    if kind:
        condition &= Q(object_type=kind)
    if username:
        users = get_user_model().objects.filter(username__iexact=username)
        condition &= Q(actor__in=users.values("pk"))
    if since:
        condition &= Q(created_at__gte=_day_start(since))
    if until:
        condition &= Q(created_at__lt=_day_start(until + dt.timedelta(days=1)))
    return condition


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
