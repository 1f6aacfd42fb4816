"""A record is shown by the one field that names it (core.models.Named): `name` unless the
model says otherwise in NAME_FIELD."""

import pytest
from django.apps import apps

from gits.bodies.models import Body
from gits.core.models import Named
from gits.finance.models import Invoice, Scenario
from gits.portfolio.models import Agreement, AgreementContact, AgreementSignature
from gits.reviews.models import Deliverable, Milestone


def test_a_record_is_shown_by_its_name_unless_it_names_another_field():
    assert str(Scenario(name="Fortsätta")) == "Fortsätta"
    assert str(Deliverable(name="Beslutsunderlag")) == "Beslutsunderlag"
    assert str(Body(name="Styrgruppen för IT-samverkan", short_name="SITIV")) == "SITIV"
    assert str(Agreement(title="Driftavtal journalsystem")) == "Driftavtal journalsystem"
    assert str(Invoice(number="GITS-2026-0001")) == "GITS-2026-0001"


def test_a_record_that_writes_its_own_str_keeps_it():
    assert str(Milestone(period="Q2", activity="Beslut i SITIV")) == "Q2: Beslut i SITIV"


@pytest.mark.parametrize(
    "model",
    [m for m in apps.get_models() if issubclass(m, Named) and m.__str__ is Named.__str__],
    ids=lambda m: m._meta.label,
)
def test_every_named_model_is_named_by_a_field_that_is_always_there(model):
    field = model._meta.get_field(model.NAME_FIELD)
    assert not field.null, f"{model._meta.label}.{model.NAME_FIELD} may be empty (NULL)"


@pytest.mark.parametrize("model", [AgreementSignature, AgreementContact])
def test_no_party_on_a_signature_or_contact_stands_for_the_counterparty(model):
    record = model(agreement=Agreement(counterparty="Leverantören AB"), party=None)
    assert record.party_label == "Leverantören AB"
