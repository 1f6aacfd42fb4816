import io
from decimal import Decimal

import docx
import pytest
from pypdf import PdfReader

from gits.core.documents import render_docx, render_pdf
from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.plans import services
from gits.plans.documents import plan_document
from gits.plans.models import ManagementPlan
from gits.plans.selectors import changes_since_approval
from tests.plans.conftest import YEAR

pytestmark = pytest.mark.django_db
ROWS = [
    {
        "role": "Funktionskoordinator, Teknik",
        "activities": "Teknik, statistik",
        "employment_form": "permanent",
        "fte": "1.00",
    },
    {
        "role": "Funktionskoordinator, tillfälliga uppdrag",
        "activities": "SIP",
        "employment_form": "vacancy",
        "fte": "0.50",
    },
]


@pytest.fixture
def plan(samsa, lead):
    plan = services.plan_create(
        actor=lead,
        managed_object=samsa,
        year=YEAR,
        relations="SAMSA-gruppen är referensgrupp.",
        support_process="Första linjen lokalt, andra linjen GITS.",
        budget=Decimal("16000000.00"),
    )
    services.plan_resources_set(actor=lead, plan=plan, rows=ROWS)
    plan.refresh_from_db()
    return plan


def test_one_plan_per_object_and_year(plan, samsa, lead):
    with pytest.raises(DomainError, match="redan en förvaltningsplan"):
        services.plan_create(actor=lead, managed_object=samsa, year=YEAR)


def test_resources_are_validated(plan, lead):
    with pytest.raises(DomainError, match="mellan 0 och 1"):
        services.plan_resources_set(actor=lead, plan=plan, rows=[{**ROWS[0], "fte": "1.5"}])
    with pytest.raises(DomainError, match="anställningsform"):
        services.plan_resources_set(
            actor=lead, plan=plan, rows=[{**ROWS[0], "employment_form": "consultant"}]
        )
    assert plan.resources.count() == 2


def test_approval_is_a_sitiv_decision(plan, decided, lead):
    _, decision, referral = decided
    with pytest.raises(DomainError, match="inte en återremiss"):
        services.plan_approve(actor=lead, plan=plan, decision=referral)
    approved = services.plan_approve(actor=lead, plan=plan, decision=decision)
    assert approved.state == ManagementPlan.State.APPROVED and approved.approved_by == decision
    assert approved.approved_content["budget"] == "16000000.00"


def test_decision_about_another_object_is_refused(plan, decided, lead, bibblix):
    _, decision, _ = decided
    other = services.plan_create(actor=lead, managed_object=bibblix, year=YEAR)
    with pytest.raises(DomainError, match="annat förvaltningsobjekt"):
        services.plan_approve(actor=lead, plan=other, decision=decision)


def test_change_after_approval_is_flagged_with_a_readable_diff(plan, decided, lead):
    services.plan_approve(actor=lead, plan=plan, decision=decided[1])
    plan.refresh_from_db()
    assert changes_since_approval(plan) == []
    services.plan_update(
        actor=lead,
        plan=plan,
        version=plan.version,
        support_process="Första linjen lokalt, andra linjen GITS, tredje linjen leverantören.",
    )
    services.plan_resources_set(actor=lead, plan=plan, rows=ROWS[:1])
    plan.refresh_from_db()
    plan = services.plan_update(
        actor=lead, plan=plan, version=plan.version, budget=Decimal("15500000.50")
    )
    changes = {c.label: c for c in changes_since_approval(plan)}
    assert set(changes) == {"Supportprocess", "Resurser", "Budget"}
    # Money and full-time equivalents as the plan page shows them, not as stored.
    assert (changes["Budget"].before, changes["Budget"].after) == (
        "16\xa0000\xa0000,00\xa0kr",
        "15\xa0500\xa0000,50\xa0kr",
    )
    assert changes["Resurser"].after == "Funktionskoordinator, Teknik (Tillsvidareanställd, 1,00)"
    assert (
        "<del>GITS.</del> <ins>GITS, tredje linjen leverantören.</ins>"
        in changes["Supportprocess"].html
    )
    assert "Ändrat sedan godkännandet" in plan_document(plan).text()


def test_start_next_years_plan_from_this_years(plan, lead):
    new = services.plan_copy_to_next_year(actor=lead, plan=plan)
    assert (new.year, new.state, new.relations) == (YEAR + 1, "draft", plan.relations)
    assert [r.role for r in new.resources.all()] == [r["role"] for r in ROWS]
    assert new.budget is None


def test_plan_pdf_and_docx_say_the_same(plan):
    doc = plan_document(plan)
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(doc))).pages)
    word = docx.Document(io.BytesIO(render_docx(doc)))
    word_text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    for text in (
        "Förvaltningsplan SAMSA – samordnad vård",
        "Relationer till parternas verksamhetsgrupper",
        "SAMSA-gruppen är referensgrupp.",
        "Funktionskoordinator, Teknik",
        "Vakans",
    ):
        assert text in pdf.replace("\n", " ") or text in pdf
        assert text in word_text
    assert "16 000 000,00 kr" in pdf.replace("\xa0", " ")


def test_rights_and_audit(plan, contact_user):
    with pytest.raises(RightMissing):
        services.plan_update(actor=contact_user, plan=plan, version=plan.version, relations="x")
    assert AuditEntry.objects.filter(action="plans.plan.created", object_id=str(plan.pk)).exists()
