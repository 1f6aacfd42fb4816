"""R-27 and seed 002, Bilaga 2: an agreement is edited as a draft, signed by every party
(who, for which party, when), then frozen; a change of terms is a new agreement that replaces
the old one when it is signed. Named contact persons per party."""

import datetime as dt

import pytest

from gits.bodies.models import Person
from gits.core.audit import history_for
from gits.core.errors import DomainError, RightMissing, StaleRecord
from gits.core.models import AuditEntry
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.agreements import status
from gits.portfolio.models import Agreement, AgreementContact, AgreementSignature
from gits.portfolio.selectors import agreement_status, notice_due, notice_events

pytestmark = pytest.mark.django_db
d = dt.date
S = Agreement.State


@pytest.fixture
def region(people):
    return Organisation.objects.get(kind=Organisation.Kind.REGION)


@pytest.fixture
def vastkom(people):
    return Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def signer(people):
    """One person per side who signs."""
    return {
        "region": Person.objects.get(last_name="Demosdotter"),
        "vastkom": Person.objects.get(last_name="Attrapp"),
    }


@pytest.fixture
def draft(lead, region, vastkom):
    return services.agreement_create(
        actor=lead,
        kind="joint_function",
        title="Avtal 2011",
        parties=[region, vastkom],
        start_date=d(2011, 1, 1),
        first_end=d(2014, 12, 31),
        renewal_years=3,
        notice_months=6,
    )


SIGNED_ON = d(2010, 12, 20)


def sign(lead, agreement, party, person, day=SIGNED_ON):
    return services.agreement_sign(
        actor=lead,
        agreement=agreement,
        version=agreement.version,
        party=party,
        person=person,
        signed_on=day,
    )


@pytest.fixture
def signed(lead, draft, region, vastkom, signer):
    a = sign(lead, draft, region, signer["region"], d(2010, 12, 14))
    return sign(lead, a, vastkom, signer["vastkom"], d(2010, 12, 20))


def test_a_draft_is_edited_and_in_force_on_no_day(lead, draft):
    assert draft.state == S.DRAFT
    a = services.agreement_update(
        actor=lead, agreement=draft, version=draft.version, title="Avtal om GITS 2011"
    )
    assert a.title == "Avtal om GITS 2011"
    assert agreement_status(a, d(2012, 1, 1)) is None
    assert notice_due(12, d(2014, 3, 1)) == []
    assert notice_events(d(2014, 1, 1), d(2018, 12, 31)) == []


def test_every_party_signs_then_the_terms_are_frozen_r27(lead, draft, region, vastkom, signer):
    a = sign(lead, draft, region, signer["region"], d(2010, 12, 14))
    assert a.state == S.DRAFT and a.signed_on is None
    a = sign(lead, a, vastkom, signer["vastkom"], d(2010, 12, 20))
    assert a.state == S.SIGNED and a.signed_on == d(2010, 12, 20)
    assert [(s.party, s.person, s.signed_on) for s in a.signatures.all()] == [
        (region, signer["region"], d(2010, 12, 14)),
        (vastkom, signer["vastkom"], d(2010, 12, 20)),
    ]
    for term, value in [
        ("renewal_years", 1),
        ("first_end", d(2013, 12, 31)),
        ("title", "Annat"),
        ("counterparty", "Leverantör AB"),
    ]:
        with pytest.raises(DomainError, match=r"nytt avtal.*\(R-27\)") as err:
            services.agreement_update(actor=lead, agreement=a, version=a.version, **{term: value})
        assert err.value.field == term
    with pytest.raises(DomainError, match="R-27") as err:
        services.agreement_update(actor=lead, agreement=a, version=a.version, parties=[region])
    assert err.value.field == "parties"
    a.refresh_from_db()
    assert (a.renewal_years, a.title, a.first_end) == (3, "Avtal 2011", d(2014, 12, 31))
    assert sorted(p.pk for p in a.parties.all()) == sorted([region.pk, vastkom.pk])
    # Notice and notes are still recorded, and audited.
    a = services.agreement_update(
        actor=lead,
        agreement=a,
        version=a.version,
        terminated_on=d(2017, 12, 31),
        notes="Uppsagt av VästKom 2017-05-02.",
    )
    assert a.terminated_on == d(2017, 12, 31)
    entry = AuditEntry.objects.filter(action="portfolio.agreement.changed").first()
    assert set(entry.changes) == {"terminated_on", "notes"}
    assert notice_due(12, d(2017, 3, 1)) == []


def test_signing_rules_name_the_field_and_leave_nothing(lead, draft, region, vastkom, signer):
    gbg = Organisation.objects.get(scb_code="1480")
    before = AuditEntry.objects.count()
    cases = [
        ({"party": gbg, "person": signer["region"]}, "party", "inte part"),
        ({"party": None, "person": signer["region"]}, "party", "vilken part"),
        ({"party": region}, "person", "vem som undertecknade"),
        (
            {
                "party": region,
                "person": signer["region"],
                "signed_on": dt.date.today() + dt.timedelta(days=1),
            },
            "signed_on",
            "i förväg",
        ),
        ({"counterparty": True, "person": signer["region"]}, "party", "ingen motpart"),
    ]
    for kwargs, field, text in cases:
        with pytest.raises(DomainError, match=text) as err:
            services.agreement_sign(actor=lead, agreement=draft, version=draft.version, **kwargs)
        assert err.value.field == field
    assert AuditEntry.objects.count() == before
    assert not AgreementSignature.objects.exists()
    a = sign(lead, draft, region, signer["region"])
    with pytest.raises(DomainError, match="redan undertecknat") as err:
        sign(lead, a, region, signer["region"])
    assert err.value.field == "party"
    with pytest.raises(StaleRecord):
        sign(lead, draft, vastkom, signer["vastkom"])  # the version read before the signature
    a = sign(lead, a, vastkom, signer["vastkom"])
    with pytest.raises(DomainError, match="redan undertecknat av alla"):
        sign(lead, a, vastkom, signer["vastkom"])


def test_one_party_is_no_agreement(lead, region, signer):
    lone = services.agreement_create(
        actor=lead,
        kind="joint_function",
        title="Ensidigt",
        parties=[region],
        start_date=d(2020, 1, 1),
        first_end=d(2020, 12, 31),
    )
    with pytest.raises(DomainError, match="minst två parter") as err:
        sign(lead, lone, region, signer["region"])
    assert err.value.field == "parties"


def test_the_user_signs_as_themselves_with_their_person(lead, draft, region):
    a = services.agreement_sign(
        actor=lead, agreement=draft, version=draft.version, party=region, by_actor=True
    )
    signature = a.signatures.get()
    assert signature.user == lead and signature.person == lead.person
    assert signature.signed_on == dt.date.today()


def test_the_supplier_signs_as_counterparty(lead, region, signer):
    from gits.portfolio.models import ManagedObject

    obj = services.object_propose(actor=lead, name="SAMSA", short_name="SAMSA")
    a = services.agreement_create(
        actor=lead,
        kind="supplier",
        title="Leverantörsavtal",
        managed_object=obj,
        parties=[region],
        counterparty="Leverantören AB",
        start_date=d(2022, 1, 1),
        first_end=d(2025, 12, 31),
    )
    a = sign(lead, a, region, signer["region"], d(2021, 12, 1))
    with pytest.raises(DomainError, match="vem som undertecknade"):
        services.agreement_sign(actor=lead, agreement=a, version=a.version, counterparty=True)
    a = services.agreement_sign(
        actor=lead,
        agreement=a,
        version=a.version,
        counterparty=True,
        signer_name="Säljchefen",
        signed_on=d(2021, 12, 3),
    )
    assert a.state == S.SIGNED
    assert [(s.party_label, s.signer) for s in a.signatures.all()] == [
        (str(region), str(signer["region"])),
        ("Leverantören AB", "Säljchefen"),
    ]
    assert ManagedObject.objects.get(pk=obj.pk).agreements.get() == a


def test_changed_terms_of_a_draft_void_its_signatures(lead, draft, region, signer):
    a = sign(lead, draft, region, signer["region"])
    a = services.agreement_update(actor=lead, agreement=a, version=a.version, notes="Bilaga 2")
    assert a.signatures.count() == 1  # notes are no terms
    a = services.agreement_update(
        actor=lead, agreement=a, version=a.version, first_end=d(2013, 12, 31)
    )
    assert a.signatures.count() == 0
    entry = AuditEntry.objects.filter(action="portfolio.agreement.changed").first()
    assert entry.changes["signatures"][1] == [] and "first_end" in entry.changes


def test_notice_is_refused_on_a_draft(lead, draft, region, vastkom):
    with pytest.raises(DomainError, match="undertecknat avtal") as err:
        services.agreement_update(
            actor=lead, agreement=draft, version=draft.version, terminated_on=d(2014, 12, 31)
        )
    assert err.value.field == "terminated_on"
    with pytest.raises(DomainError):
        services.agreement_create(
            actor=lead,
            kind="joint_function",
            title="X",
            parties=[region, vastkom],
            start_date=d(2011, 1, 1),
            first_end=d(2011, 12, 31),
            terminated_on=d(2011, 12, 31),
        )


def test_a_change_is_a_new_agreement_that_replaces_the_old_r27(
    lead, signed, region, vastkom, signer
):
    old = signed
    services.agreement_contact_add(
        actor=lead, agreement=old, person=signer["region"], party=region, role="Regiondirektör"
    )
    new = services.agreement_replace(
        actor=lead, agreement=old, version=old.version, today=d(2016, 3, 1)
    )
    old.refresh_from_db()
    assert new.state == S.DRAFT and new.replaces == old and old.replacement == new
    assert old.state == S.SIGNED  # in force until the new one is signed
    assert (new.start_date, new.first_end) == (d(2018, 1, 1), d(2021, 12, 31))
    assert (new.renewal_years, new.notice_months) == (3, 6)
    assert sorted(p.pk for p in new.parties.all()) == sorted([region.pk, vastkom.pk])
    assert [(c.person, c.role) for c in new.contacts.all()] == [
        (signer["region"], "Regiondirektör")
    ]
    with pytest.raises(DomainError, match="redan ett utkast"):
        services.agreement_replace(actor=lead, agreement=old)
    with pytest.raises(DomainError, match="utkast ändras direkt"):
        services.agreement_replace(actor=lead, agreement=new)
    with pytest.raises(DomainError, match="måste börja efter") as err:
        services.agreement_update(
            actor=lead, agreement=new, version=new.version, start_date=d(2011, 1, 1)
        )
    assert err.value.field == "start_date"
    new = services.agreement_update(
        actor=lead,
        agreement=new,
        version=new.version,
        start_date=d(2016, 7, 1),
        first_end=d(2019, 6, 30),
        renewal_years=1,
    )
    a = sign(lead, new, region, signer["region"], d(2016, 5, 2))
    old.refresh_from_db()
    assert old.state == S.SIGNED  # one party is not both
    a = sign(lead, a, vastkom, signer["vastkom"], d(2016, 5, 3))
    old.refresh_from_db()
    assert a.state == S.SIGNED
    assert (old.state, old.replaced_on) == (S.REPLACED, d(2016, 7, 1))
    # The old one ends the day before the new one starts: no renewal, no notice due.
    last = status(old, d(2016, 6, 30))
    assert last.period.end == d(2016, 6, 30) and last.notice_deadline is None
    assert last.earliest_end == d(2016, 6, 30) and last.earliest_end_notice is None
    assert status(old, d(2016, 7, 1)).ended and status(old, d(2016, 7, 1)).period is None
    assert [s.agreement for s in notice_due(36, d(2016, 7, 1))] == [a]
    assert {e[2].split("-")[1] for e in notice_events(d(2016, 1, 1), d(2020, 12, 31))} == {
        str(a.pk)
    }
    # Linked both ways, in the history of both.
    replaced = AuditEntry.objects.get(action="portfolio.agreement.replaced")
    assert replaced.object_id == str(old.pk) and replaced.changes["replaced_by"][1] == a.title
    assert replaced in history_for(a) and replaced in history_for(old)
    created = AuditEntry.objects.filter(
        action="portfolio.agreement.created", object_id=str(a.pk)
    ).get()
    assert created.changes["replaces"] == [None, old.title]
    with pytest.raises(DomainError, match="ersatt"):
        services.agreement_replace(actor=lead, agreement=old)
    with pytest.raises(DomainError, match="ersatt"):
        services.agreement_update(
            actor=lead, agreement=old, version=old.version, terminated_on=d(2016, 6, 30)
        )
    old = services.agreement_update(
        actor=lead, agreement=old, version=old.version, notes="Ersatt 2016."
    )
    assert old.notes == "Ersatt 2016."


def test_contact_persons_per_party_on_a_signed_agreement(lead, signed, region, vastkom, signer):
    c = services.agreement_contact_add(
        actor=lead, agreement=signed, person=signer["vastkom"], party=vastkom, role="Direktör"
    )
    assert (c.party, c.person, c.role) == (vastkom, signer["vastkom"], "Direktör")
    with pytest.raises(DomainError, match="redan kontaktperson") as err:
        services.agreement_contact_add(
            actor=lead, agreement=signed, person=signer["vastkom"], party=vastkom
        )
    assert err.value.field == "person"
    gbg = Organisation.objects.get(scb_code="1480")
    with pytest.raises(DomainError, match="inte part") as err:
        services.agreement_contact_add(
            actor=lead, agreement=signed, person=signer["region"], party=gbg
        )
    assert err.value.field == "party"
    entry = AuditEntry.objects.get(action="portfolio.agreement.contact_added")
    assert entry.parent_id == str(signed.pk) and entry.changes["role"] == [None, "Direktör"]
    services.agreement_contact_remove(actor=lead, contact=c)
    assert not AgreementContact.objects.exists()
    removed = AuditEntry.objects.get(action="portfolio.agreement.contact_removed")
    assert removed in history_for(signed)
    assert removed.changes["person"] == [str(signer["vastkom"]), None]


def test_only_those_with_the_right_change_agreements(lead, signed, region, signer, make_user):
    other = make_user("municipal_contact")
    draft = services.agreement_replace(actor=lead, agreement=signed)
    for run in (
        lambda: services.agreement_sign(
            actor=other, agreement=draft, party=region, person=signer["region"]
        ),
        lambda: services.agreement_update(actor=other, agreement=draft, version=None, title="x"),
        lambda: services.agreement_replace(actor=other, agreement=signed),
        lambda: services.agreement_contact_add(
            actor=other, agreement=signed, person=signer["region"], party=region
        ),
        lambda: services.agreement_update(actor=other, agreement=signed, version=None, notes="x"),
    ):
        with pytest.raises(RightMissing):
            run()
    assert not AgreementSignature.objects.filter(agreement=draft).exists()
    assert not Agreement.objects.filter(replaces=draft).exists()


def test_an_abandoned_draft_is_removed_a_signed_agreement_never(lead, signed):
    draft = services.agreement_replace(actor=lead, agreement=signed)
    with pytest.raises(DomainError, match="tas inte bort"):
        services.agreement_draft_delete(actor=lead, agreement=signed)
    services.agreement_draft_delete(actor=lead, agreement=draft, version=draft.version)
    assert not Agreement.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(action="portfolio.agreement.draft_deleted")
    assert entry in history_for(signed) and entry.changes["title"] == ["Avtal 2011", None]
    # The old agreement can be replaced again.
    assert services.agreement_replace(actor=lead, agreement=signed).replaces == signed
