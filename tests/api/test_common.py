"""The shared pieces of the API schemas (gits.api.common)."""

import pytest
from pydantic import ValidationError

from gits.api.bodies import BodyIn, BodyPatch
from gits.api.common import In, Out, patch_of
from gits.api.finance.schemas import BudgetIn, BudgetPatch
from gits.api.plans import PlanIn, PlanOut, PlanPatch, StatusIn
from gits.bodies.models import Body
from gits.core.errors import NotFound
from gits.plans.models import SECTION_FIELDS, ManagementPlan, StatusReport
from tests.factories import BodyFactory


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


@pytest.mark.django_db
def test_a_patch_gives_the_changes_sent_with_their_ids_resolved():
    parent = BodyFactory()
    patch = BodyPatch(version=2, name="Styrgruppen", parent_id=parent.pk)
    assert patch.changes(parent=Body) == {"version": 2, "name": "Styrgruppen", "parent": parent}
    assert BodyPatch(version=2, parent_id=None).changes(parent=Body) == {
        "version": 2,
        "parent": None,
    }
    with pytest.raises(NotFound):
        BodyPatch(version=2, parent_id=parent.pk + 1000).changes(parent=Body)


def test_texts_are_fields_of_the_model_s_list_with_its_limits():
    assert set(SECTION_FIELDS) <= set(PlanIn.model_fields)
    assert PlanIn(managed_object_id=1, year=2027).relations == ""
    schema = StatusIn.model_json_schema()["properties"]
    limit = StatusReport._meta.get_field("coordinators").max_length
    assert schema["coordinators"]["maxLength"] == limit
    with pytest.raises(ValidationError):
        StatusIn(date="2027-01-01", coordinators="Anna\nBerit")  # one line, as the model
    # A patch takes them too, optional; an output schema shows them, required.
    assert PlanPatch(version=1).changes() == {"version": 1}
    assert set(SECTION_FIELDS) <= set(PlanOut.model_json_schema()["required"])
    assert ManagementPlan._meta.get_field("relations")  # the names are the model's


def test_texts_never_reach_the_base_schema():
    class Texts(Out, texts=["a"]):
        pass

    class Other(Out):
        b: str

    assert set(Texts.model_fields) == {"a"}
    assert set(Other.model_fields) == {"b"}
    assert not Out.model_fields
    assert "relations" not in In.model_fields
