"""History people can read: one registry of what each audited action is called and how the
values it stored are shown.

Each app registers its action types once (in AppConfig.ready()), naming the model whose
fields the changes name and labels for the keys that are not fields of it. Stored entries are
never changed; only their display is made here, with the labels and formats of the forms:
dates and times, money with spaces and a decimal comma, yes and no, lists as lists, choices by
their label in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gits.core.money import NBSP, kr

ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?")


@dataclass(frozen=True)
class ActionType:
    code: str
    label: Any
    model: str
    fields: Mapping[str, Any] = field(default_factory=dict)


ACTION_TYPES: dict[str, ActionType] = {}

# What the history calls a kind of record whose model is named by another package (in
# English), "app_label.modelname" -> its name; other kinds are named by their model.
KIND_NAMES: dict[str, Any] = {}

# Keys that several apps store beside the fields of a record.
COMMON_FIELDS: dict[str, Any] = {
    "reason": gettext_lazy("skäl"),
    "state": gettext_lazy("status"),
    "version": gettext_lazy("version"),
}


def register_actions(
    model: str, actions: Mapping[str, Any], *, fields: Mapping[str, Any] | None = None
) -> None:
    """Register the action types recorded on `model` ("app_label.modelname") with their
    labels, and labels for the stored keys that are not fields of the model."""
    for code, label in actions.items():
        ACTION_TYPES[code] = ActionType(code=code, label=label, model=model, fields=fields or {})


def action_label(code: str) -> str:
    action = ACTION_TYPES.get(code)
    if action is None:  # TRANSITIONAL
        from gits.core.models import ACTION_LABELS

        return str(ACTION_LABELS.get(code, code))
    return str(action.label)


@dataclass(frozen=True)
class ShownChange:
    label: str
    before: str | None
    after: str


def _model_field(model_label: str, key: str) -> models.Field | None:
    try:
        model = apps.get_model(model_label)
        found = model._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    return found if isinstance(found, models.Field) else None


def _named(model_field: models.Field) -> bool:
    """Whether the model names the field: Django names an unnamed one after itself, as a plain
    string; a name given in the model is marked for translation, even where it reads the same
    ("organisation")."""
    if isinstance(model_field.verbose_name, Promise):
        return True
    with translation.override(None):  # the source text, not its translation
        return str(model_field.verbose_name) != model_field.name.replace("_", " ")


def resolve_label(action: ActionType | None, model_label: str, key: str) -> str | None:
    """The label of a stored key: declared for the action, the model field's own, or a common
    one; None when nobody has named it."""
    if action and key in action.fields:
        return str(action.fields[key])
    model_field = _model_field(model_label, key)
    if model_field is not None and _named(model_field):
        return str(model_field.verbose_name)
    if key in COMMON_FIELDS:
        return str(COMMON_FIELDS[key])
    return None


def field_label(action: ActionType | None, model_label: str, key: str) -> str:
    label = resolve_label(action, model_label, key)
    return key if label is None else label


def _parse(value: Any, kind: type) -> Any:
    if not isinstance(value, str):
        return value
    try:
        if kind is dt.datetime:
            return dt.datetime.fromisoformat(value)
        if kind is dt.date:
            return dt.date.fromisoformat(value[:10])
        if kind is dt.time:
            return dt.time.fromisoformat(value)
        if kind is Decimal:
            return Decimal(value)
    except (ValueError, InvalidOperation):
        return value
    return value


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + NBSP.join(groups or ["0"]) + ("," + frac if frac else "")


def show_value(value: Any, model_field: models.Field | None = None) -> str:
    """One stored value as the forms show it."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, list | tuple):
        return ", ".join(show_value(v, model_field) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show_value(v, model_field)}" for k, v in value.items())
    if isinstance(value, bool) or isinstance(model_field, models.BooleanField):
        truth = value if isinstance(value, bool) else str(value).lower() in {"true", "1", "ja"}
        return _("Ja") if truth else _("Nej")
    if isinstance(model_field, models.DateTimeField) or isinstance(value, dt.datetime):
        moment = _parse(value, dt.datetime)
        if isinstance(moment, dt.datetime):
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "Y-m-d H:i")
    elif isinstance(model_field, models.DateField) or isinstance(value, dt.date):
        day = _parse(value, dt.date)
        if isinstance(day, dt.date):
            return formats.date_format(day, "Y-m-d")
    elif isinstance(model_field, models.TimeField) or isinstance(value, dt.time):
        time = _parse(value, dt.time)
        if isinstance(time, dt.time):
            return time.strftime("%H:%M")
    elif isinstance(model_field, models.DecimalField) or isinstance(value, Decimal):
        number = _parse(value, Decimal)
        if isinstance(number, Decimal) and number.is_finite():
            places = getattr(model_field, "decimal_places", 2)
            return kr(number) if places == 2 else _number(number)
    elif model_field is not None and model_field.choices and not isinstance(value, bool):
        labels = {str(k): v for k, v in model_field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
        # Older entries stored the Swedish label itself: translate it.
        return _(str(value))
    if isinstance(value, float):
        return _number(Decimal(str(value)))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and model_field is None:
        # A key that is no field of the model: a stored date or time still reads as one.
        if ISO_MOMENT.fullmatch(value):
            return show_value(value, models.DateTimeField())
        if ISO_DAY.fullmatch(value):
            return show_value(value, models.DateField())
        return _(value)
    return str(value)


def shown_changes(entry: Any) -> list[ShownChange]:
    """The changes of an audit entry as label, before and after, ready to show."""
    action = ACTION_TYPES.get(entry.action)
    model_label = action.model if action else entry.object_type
    shown = []
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    for key, pair in changes.items():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            before, after = pair
        else:
            before, after = None, pair
        model_field = _model_field(model_label, key)
        shown.append(
            ShownChange(
                label=field_label(action, model_label, key),
                before=None if before is None else show_value(before, model_field),
                after=show_value(after, model_field),
            )
        )
    return shown
