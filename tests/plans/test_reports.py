import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gits.core.documents import render_docx, render_pdf
from gits.core.errors import DomainError
from gits.plans import services
from gits.plans.documents import annual_document
from gits.plans.models import Goal
from tests.plans.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_quarterly_draft_takes_the_quarters_deviations_r20(samsa, lead):
    services.deviation_record(
        actor=lead,
        managed_object=samsa,
        description="Driftstörning två dagar",
        severity="high",
        action="Incidentrapport till leverantören",
        date=dt.date(YEAR, 5, 3),
    )
    services.deviation_record(
        actor=lead,
        managed_object=samsa,
        description="Gammal avvikelse",
        severity="low",
        date=dt.date(YEAR, 1, 3),
    )
    report = services.quarterly_draft(actor=lead, year=YEAR, quarter=2)
    assert "Driftstörning två dagar" in report.deviations and "Incidentrapport" in report.deviations
    assert "Gammal avvikelse" not in report.deviations


def test_quarterly_edit_then_publish_locks(samsa, lead):
    report = services.quarterly_draft(actor=lead, year=YEAR, quarter=1)
    report = services.quarterly_update(
        actor=lead,
        report=report,
        version=report.version,
        other="Styrgruppen bad om SITHS-överskotten.",
    )
    services.quarterly_publish(actor=lead, report=report)
    with pytest.raises(DomainError, match="publicerad"):
        services.quarterly_update(actor=lead, report=report, version=report.version + 1, other="x")
    with pytest.raises(DomainError, match="publicerad"):
        services.quarterly_draft(actor=lead, year=YEAR, quarter=1)


@pytest.mark.parametrize("year", [1999, 2101, 2**70])
def test_a_quarterly_report_is_for_a_year_a_date_can_hold(lead, year):
    """A year past what dates hold failed with a server error; any other odd year stored a
    report nobody asked for."""
    with pytest.raises(DomainError, match="Ange ett år mellan 2000 och 2100") as refused:
        services.quarterly_draft(actor=lead, year=year, quarter=1)
    assert refused.value.field == "year"


def test_goal_follow_up_shows_in_reports_r21(decided, lead):
    plan = services.activity_plan_create(actor=lead, year=YEAR)
    goal = services.goal_add(actor=lead, plan=plan, text="Minska SITHS-överskotten", area="SITHS")
    services.goal_follow_up(
        actor=lead, goal=goal, state=Goal.State.ONGOING, comment="Återbetalning utreds."
    )
    report = services.quarterly_draft(actor=lead, year=YEAR, quarter=3)
    assert "Minska SITHS-överskotten – pågår: Återbetalning utreds." in report.goals
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(annual_document(YEAR)))).pages
    )
    for expected in (
        f"Verksamhetsrapport {YEAR}",
        "Beslut under året",
        f"SITIV {YEAR}/1",
        "Återremiss",
        "Minska SITHS-överskotten",
        "Ekonomisk redogörelse",
    ):
        assert expected in text, expected


def _budget_with_outcomes():
    """Three lines: over budget, under budget, and one without a recorded actual cost."""
    from gits.finance import services as finance
    from gits.finance.models import Budget, default_deadline

    budget = Budget.objects.create(year=YEAR, deadline=default_deadline(YEAR))
    for name, amount, actual in (
        ("GITS", "2920000.00", "3010500.50"),
        ("SITHS", "500000.00", "412000.00"),
        ("Bibblix", "200000.00", None),
    ):
        finance.line_create(
            actor=None,
            budget=budget,
            check_right=False,
            name=name,
            amount=Decimal(amount),
            actual_amount=None if actual is None else Decimal(actual),
        )
    return budget


def _statement_table(doc) -> list[list[str]]:
    section = next(s for s in doc.sections if s.heading == "Ekonomisk redogörelse")
    table = next(b for b in section.blocks if b["kind"] == "table")
    assert table["header"] == ["Post", "Budget", "Utfall", "Avvikelse (budget − utfall)"]
    return [[c.replace("\xa0", " ") for c in row] for row in table["rows"]]


EXPECTED_STATEMENT = [
    ["GITS", "2 920 000,00 kr", "3 010 500,50 kr", "-90 500,50 kr"],
    ["SITHS", "500 000,00 kr", "412 000,00 kr", "88 000,00 kr"],
    # no recorded actual cost: "–", not 0 (and no difference made up from it)
    ["Bibblix", "200 000,00 kr", "–", "–"],
    ["Summa", "3 620 000,00 kr", "3 422 500,50 kr", "-2 500,50 kr"],
]


def test_annual_statement_shows_the_recorded_actual_cost_per_line_r21(lead):
    """The outcome column is BudgetLine.actual_amount, with the budget and the difference
    beside it; a line without a recorded outcome says so instead of showing 0,00."""
    from docx import Document as Docx

    _budget_with_outcomes()
    doc = annual_document(YEAR)
    assert _statement_table(doc) == EXPECTED_STATEMENT
    assert "Utfall är inte registrerat för: Bibblix." in doc.text()

    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(doc))).pages).replace(
        "\xa0", " "
    )
    for cell in ("3 010 500,50", "412 000,00", "-90 500,50", "88 000,00", "3 422 500,50"):
        assert cell in pdf, cell

    docx = Docx(io.BytesIO(render_docx(doc)))
    rows = [[c.text.replace("\xa0", " ") for c in r.cells] for t in docx.tables for r in t.rows]
    for expected in EXPECTED_STATEMENT:
        assert expected in rows, expected


def test_annual_pdf_page_shows_the_statement(client, lead):
    _budget_with_outcomes()
    client.force_login(lead)
    response = client.get(reverse("plans:annual_pdf", args=[YEAR]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "3 010 500,50" in text.replace("\xa0", " ")


def test_reports_take_the_economy_from_the_money_capability(lead):
    from gits.finance.models import Budget, BudgetLine, default_deadline

    budget = Budget.objects.create(year=YEAR, deadline=default_deadline(YEAR))
    BudgetLine.objects.create(budget=budget, name="GITS", amount=Decimal("2920000.00"))
    report = services.quarterly_draft(actor=lead, year=YEAR, quarter=1)
    assert f"Budget {YEAR}: 2\xa0920\xa0000,00\xa0kr" in report.economy_staffing
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(annual_document(YEAR)))).pages
    ).replace("\xa0", " ")
    assert "Ekonomisk redogörelse" in text and "2 920 000,00" in text
    assert "Fakturerat under året: 0,00 kr" in text
