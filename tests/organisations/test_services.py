import datetime as dt

import pytest

from gits.core.errors import DomainError, RightMissing, StaleRecord
from gits.core.models import AuditEntry
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.services import organisation_create, organisation_update, population_record
from tests.factories import FederationFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_create_municipality_records_audit(lead_user):
    fed = FederationFactory()
    org = organisation_create(
        actor=lead_user,
        name="Testby",
        kind="municipality",
        scb_code="1999",
        org_number="2120001355",
        federation=fed,
    )
    assert org.org_number == "212000-1355"
    entry = AuditEntry.objects.get(action="organisations.organisation.created")
    assert entry.object_id == str(org.pk)
    assert entry.actor == lead_user
    assert entry.changes["name"] == [None, "Testby"]


def test_invalid_org_number_is_refused_and_leaves_nothing_r1(lead_user):
    with pytest.raises(DomainError) as err:
        organisation_create(actor=lead_user, name="Fel AB", kind="other", org_number="212000-1356")
    assert err.value.field == "org_number"
    assert not Organisation.objects.filter(name="Fel AB").exists()
    assert not AuditEntry.objects.exists()


def test_municipality_needs_scb_code_and_federation(lead_user):
    with pytest.raises(DomainError) as err:
        organisation_create(actor=lead_user, name="Utan kod", kind="municipality", scb_code="12")
    assert err.value.field == "scb_code"
    with pytest.raises(DomainError) as err:
        organisation_create(
            actor=lead_user, name="Utan förbund", kind="municipality", scb_code="1234"
        )
    assert err.value.field == "federation"


def test_only_one_region(lead_user):
    organisation_create(actor=lead_user, name="Region A", kind="region")
    with pytest.raises(DomainError, match="redan en region"):
        organisation_create(actor=lead_user, name="Region B", kind="region")


def test_without_right_is_refused(contact_user):
    with pytest.raises(RightMissing):
        organisation_create(actor=contact_user, name="X", kind="other")


def test_update_records_before_and_after(lead_user):
    org = MunicipalityFactory(name="Gammalt namn")
    organisation_update(actor=lead_user, organisation=org, version=1, name="Nytt namn")
    org.refresh_from_db()
    assert org.name == "Nytt namn" and org.version == 2
    entry = AuditEntry.objects.get(action="organisations.organisation.changed")
    assert entry.changes == {"name": ["Gammalt namn", "Nytt namn"]}


def test_two_editors_cannot_silently_overwrite_each_other(lead_user, admin_user):
    org = MunicipalityFactory(name="Start")
    organisation_update(actor=lead_user, organisation=org, version=1, name="Först")
    with pytest.raises(StaleRecord) as err:
        organisation_update(actor=admin_user, organisation=org, version=1, name="Sedan")
    assert "ändrats av någon annan" in str(err.value)
    org.refresh_from_db()
    assert org.name == "Först"


def test_population_record_then_change_is_audited_r2(lead_user):
    m = MunicipalityFactory()
    date = dt.date(2024, 12, 31)
    population_record(
        actor=lead_user, municipality=m, reference_date=date, population=100, source="SCB"
    )
    population_record(
        actor=lead_user, municipality=m, reference_date=date, population=101, source="SCB"
    )
    assert PopulationFigure.objects.get(municipality=m).population == 101
    changes = [e.changes for e in AuditEntry.objects.order_by("id")]
    assert changes[-1] == {"population": [100, 101]}


def test_population_needs_a_source_r2(lead_user):
    with pytest.raises(DomainError) as err:
        population_record(
            actor=lead_user,
            municipality=MunicipalityFactory(),
            reference_date=dt.date(2024, 12, 31),
            population=5,
            source=" ",
        )
    assert err.value.field == "source"
