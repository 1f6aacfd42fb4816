"""The portfolio's history reads as text: every key its services store has a label and every
value is shown formatted, in Swedish and English (issue 10)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from gits.bodies.models import Person
from gits.core.history import ACTION_TYPES, resolve_label
from gits.core.models import AuditEntry
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import Criterion, ObjectRole

pytestmark = pytest.mark.django_db
RAW_VALUE = re.compile(r"\[|\]|\{|\}|&#x27;|\bNone\b|\bTrue\b|\bFalse\b|\d\.\d\d\b|T\d\d:")


def _every_write(lead):
    gbg = Organisation.objects.get(scb_code="1480")
    obj = services.object_propose(actor=lead, name="Bibblix", short_name="BX", area="school")
    obj = services.object_update(actor=lead, managed_object=obj, version=obj.version, name="B")
    services.evaluation_record(
        actor=lead,
        managed_object=obj,
        users_region=10,
        users_municipalities=30,
        recommend=True,
        judgements=[
            {"criterion_id": c.pk, "verdict": "met"} for c in Criterion.objects.filter(active=True)
        ],
    )
    obj = services.object_move(actor=lead, managed_object=obj, to_state="evaluated")
    services.object_move(
        actor=lead,
        managed_object=obj,
        to_state="co_management_decided",
        decision_reference="SITIV 2026-05-12 § 7",
    )
    role = services.role_assign(
        actor=lead,
        managed_object=obj,
        role=ObjectRole.Role.INFORMATION_OWNER,
        organisation=gbg,
        start_date=dt.date(2026, 1, 1),
    )
    services.role_end(actor=lead, role=role, end_date=dt.date(2026, 6, 30))
    for name in ("Anna", "Anna Andersson"):
        services.contact_set(actor=lead, managed_object=obj, party=gbg, kind="business", name=name)
    request = services.support_request_create(
        actor=lead, managed_object=obj, title="Inloggning", description="Fungerar inte", party=gbg
    )
    services.support_request_move(actor=lead, request=request, to_state="in_progress")
    region = Organisation.objects.get(kind="region")
    signer = Person.objects.filter(organisation=region).first()
    agreement = services.agreement_create(
        actor=lead,
        kind="supplier",
        title="Leverantörsavtal",
        managed_object=obj,
        parties=[region],
        counterparty="Leverantören AB",
        start_date=dt.date(2026, 1, 1),
        first_end=dt.date(2027, 12, 31),
    )
    agreement = services.agreement_sign(
        actor=lead, agreement=agreement, party=region, person=signer, signed_on=dt.date(2025, 12, 1)
    )
    # A change of the terms of a draft voids the signature given.
    agreement = services.agreement_update(
        actor=lead, agreement=agreement, version=agreement.version, renewal_years=2, notes="Ny"
    )
    for party in ({"party": region, "person": signer}, {"counterparty": True, "signer_name": "VD"}):
        agreement = services.agreement_sign(
            actor=lead, agreement=agreement, signed_on=dt.date(2025, 12, 1), **party
        )
    contact = services.agreement_contact_add(
        actor=lead, agreement=agreement, person=signer, party=region, role="Avtalsansvarig"
    )
    services.agreement_contact_add(
        actor=lead, agreement=agreement, person=signer, counterparty=True, role="Beställare"
    )
    services.agreement_contact_remove(actor=lead, contact=contact)
    services.agreement_update(
        actor=lead,
        agreement=agreement,
        version=agreement.version,
        terminated_on=dt.date(2027, 12, 31),
    )
    new = services.agreement_replace(actor=lead, agreement=agreement)
    for party in ({"party": region, "person": signer}, {"counterparty": True, "signer_name": "VD"}):
        new = services.agreement_sign(
            actor=lead, agreement=new, signed_on=dt.date(2026, 11, 1), **party
        )
    abandoned = services.agreement_replace(actor=lead, agreement=new)
    services.agreement_draft_delete(actor=lead, agreement=abandoned)
    initiative = services.initiative_save(
        actor=lead, managed_object=obj, title="Pilot", budget=Decimal("643750.00")
    )
    services.initiative_save(
        actor=lead,
        managed_object=obj,
        initiative=initiative,
        version=initiative.version,
        start_date=dt.date(2026, 2, 1),
        budget=Decimal("700000"),
    )
    plan = services.communication_plan_create(
        actor=lead,
        managed_object=obj,
        title="Införande",
        stakeholders=[{"name": "Kommunerna", "information_needs": "Tidplan"}],
    )
    services.stakeholder_add(actor=lead, plan=plan, name="Regionen", channel="Intranätet")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_portfolio_write_reads_as_text(lead, language):
    _every_write(lead)
    entries = list(AuditEntry.objects.filter(action__startswith="portfolio."))
    assert {e.action for e in entries} == {c for c in ACTION_TYPES if c.startswith("portfolio.")}
    for entry in entries:
        action = ACTION_TYPES[entry.action]
        for key in entry.changes:
            assert resolve_label(action, action.model, key), f"{entry.action}: {key}"
    with translation.override(language):
        html = render_to_string("gits/history.html", {"history": entries})
    cells = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, re.S)
    assert len(cells) == sum(len(e.changes) for e in entries)
    for label, value in cells:
        assert "_" not in label, label
        assert not RAW_VALUE.search(value), f"{label}: {value}"
    if language == "sv":
        assert "<dt>Undertecknat för</dt><dd><ins>Leverantören AB</ins>" in html
        assert "<dt>Undertecknat den</dt><dd><ins>2025-12-01</ins>" in html
        assert "<dt>Läge</dt><dd><del>Undertecknat</del> → <ins>Ersatt</ins>" in html
        assert "<dt>Ersätter</dt><dd><ins>Leverantörsavtal</ins>" in html
        assert "<dt>Budget (kr)</dt><dd><del>643\u00a0750,00\u00a0kr</del>" in html
        assert "<dt>Beslut</dt><dd><ins>SITIV 2026-05-12 § 7</ins>" in html
