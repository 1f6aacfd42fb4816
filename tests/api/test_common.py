"""The shared pieces of the API schemas (gits.api.common)."""

import pytest
from pydantic import ValidationError

from gits.api.bodies import BodyIn, BodyPatch
from gits.api.common import In, patch_of
from gits.api.finance.schemas import BudgetIn, BudgetPatch
from gits.bodies.models import Body


def test_a_patch_is_named_after_its_input_and_keeps_its_limits():
    assert BodyPatch.__name__ == "BodyPatch"
    schema = BodyPatch.model_json_schema()
    assert schema["required"] == ["version"]
    assert set(schema["properties"]) == {"version", *BodyIn.model_fields}
    name = schema["properties"]["name"]["anyOf"]
    assert {"type": "string", "maxLength": Body._meta.get_field("name").max_length} in name
    assert {"type": "null"} in name


def test_a_patch_takes_only_what_is_sent_and_refuses_unknown_fields():
    patch = BodyPatch(version=3, name="Styrgruppen")
    assert patch.dict(exclude_unset=True) == {"version": 3, "name": "Styrgruppen"}
    with pytest.raises(ValidationError):
        BodyPatch(name="Styrgruppen")  # the version read is required
    with pytest.raises(ValidationError):
        BodyPatch(version=3, nmae="Styrgruppen")
    with pytest.raises(ValidationError):
        BodyPatch(version=3, name="x" * 1000)


def test_an_excluded_field_is_not_in_the_patch():
    assert "year" in BudgetIn.model_fields
    assert "year" not in BudgetPatch.model_fields
    with pytest.raises(ValidationError):
        BudgetPatch(version=1, year=2027)


def test_a_patch_can_be_extended():
    class Extended(patch_of(BodyIn, exclude={"name"})):
        note: str | None = None

    assert issubclass(Extended, In)
    assert "name" not in Extended.model_fields
    assert Extended(version=1, note="ok").note == "ok"
