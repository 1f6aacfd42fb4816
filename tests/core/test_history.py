"""History people can read: every audited action type renders with labels and formatted
values, never raw field names or Python values (issue 10)."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

from gits.core.history import ACTION_TYPES, field_label, resolve_label, show_value
from gits.core.models import AuditEntry

SRC = Path(__file__).resolve().parents[2] / "src" / "gits"

# What a raw value looks like: a Python list or dict, an ISO timestamp, a decimal point in
# money.
RAW_VALUE = re.compile(
    r"\[|\]|\{|\}|\bNone\b|\bTrue\b|\bFalse\b|\d{4}-\d\d-\d\dT\d\d|\d\d:\d\d:\d\d|\d\.\d\d\b"
)


def _sample(field: models.Field):
    """A value as the audit snapshot stores it for this kind of field."""
    if field.choices:
        return str(field.flatchoices[0][1])
    if field.is_relation:
        return "Exempelposten"
    if isinstance(field, models.BooleanField):
        return True
    if isinstance(field, models.DateTimeField):
        return "2026-05-12T13:05:00+00:00"
    if isinstance(field, models.DateField):
        return "2026-05-12"
    if isinstance(field, models.TimeField):
        return "13:00:00"
    if isinstance(field, models.DecimalField):
        return "643750." + "0" * field.decimal_places if field.decimal_places else "643750"
    if isinstance(field, models.IntegerField):
        return 3
    if isinstance(field, models.JSONField):
        return ["första", "andra"]
    return "text"


def _entry_for(action) -> AuditEntry:
    model = apps.get_model(action.model)
    changes = {
        f.name: [None, _sample(f)]
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != "version"
    }
    for key in action.fields:
        changes[key] = [["första"], ["första", "andra"]]
    return AuditEntry(
        action=action.code,
        object_type=action.model,
        object_id="1",
        object_repr="Exempel",
        actor_name="admin",
        changes=changes,
        created_at=dt.datetime(2026, 5, 12, 13, 5, tzinfo=dt.UTC),
    )


def _changes_cells(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, re.S)


def test_every_action_code_in_the_source_is_registered():
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"""action=["']([a-z_]+\.[a-z_]+\.[a-z_]+)["']""", path.read_text()))
    assert used, "no action codes found: the scan is broken"
    assert sorted(used - set(ACTION_TYPES)) == []


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("code", sorted(ACTION_TYPES))
def test_every_action_type_renders_labels_and_formatted_values(code, language):
    action = ACTION_TYPES[code]
    entry = _entry_for(action)
    for key in entry.changes:
        assert resolve_label(action, action.model, key) is not None, f"{code}: {key} has no label"
    with translation.override(language):
        html = render_to_string("gits/history.html", {"history": [entry]})
    cells = _changes_cells(html)
    assert len(cells) == len(entry.changes)
    for label, value in cells:
        assert "_" not in label, f"{code}: raw field name {label}"
        assert not RAW_VALUE.search(value), f"{code}: {label} shows a raw value: {value}"
    assert str(action.label) != code


def test_values_are_shown_as_the_forms_show_them():
    date_field = models.DateField()
    money = models.DecimalField(max_digits=14, decimal_places=2)
    share = models.DecimalField(max_digits=5, decimal_places=3)
    with translation.override("sv"):
        assert show_value("2026-05-12", date_field) == "2026-05-12"
        assert show_value("13:00:00", models.TimeField()) == "13:00"
        assert show_value("643750.00", money) == "643\u00a0750,00\u00a0kr"
        assert show_value("0.500", share) == "0,5"
        assert show_value(True, models.BooleanField()) == "Ja"
        assert show_value(["a", "b"]) == "a, b"
        assert show_value(None) == "–"
        assert show_value(Decimal("1234.5")) == "1\u00a0234,50\u00a0kr"
    with translation.override("en"):
        assert show_value(False, models.BooleanField()) == "No"


def test_unknown_key_has_no_label():
    action = next(iter(ACTION_TYPES.values()))
    assert resolve_label(action, action.model, "no_such_key") is None
    assert field_label(action, action.model, "no_such_key") == "no_such_key"


@pytest.mark.django_db
def test_demo_history_reads_as_text(client, admin_user):
    """The history the demo's own writes left, on the history page: no raw names or values."""
    call_command("load_defaults", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert AuditEntry.objects.count() > 50
    client.force_login(admin_user)
    seen = 0
    for page in range(1, 30):
        response = client.get("/historik/", {"sida": page})
        assert response.status_code == 200
        for label, value in _changes_cells(response.content.decode()):
            seen += 1
            assert "_" not in label, f"raw field name {label}"
            assert not RAW_VALUE.search(value), f"{label} shows a raw value: {value}"
        if f"sida={page + 1}" not in response.content.decode():
            break
    assert seen > 50


def test_every_kind_of_record_the_history_names_has_a_swedish_name():
    """The history's filter lists the kinds of record by name: none may fall back on Django's
    English name made from the class (\"support requests\")."""
    from gits.core.audit import recorded_kinds
    from gits.core.history import KIND_NAMES

    unnamed = []
    for label in {action.model for action in ACTION_TYPES.values()}:
        model = apps.get_model(label)
        if label not in KIND_NAMES and "verbose_name_plural" not in model._meta.original_attrs:
            unnamed.append(label)
    assert unnamed == []
    assert ("portfolio.supportrequest", "Supportärenden") in recorded_kinds()
