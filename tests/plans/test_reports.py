import datetime as dt
import io

import pytest
from pypdf import PdfReader

from gits.core.documents import render_pdf
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


def test_reports_take_the_economy_from_the_money_capability(lead):
    from decimal import Decimal

    from gits.finance.models import Budget, BudgetLine, default_deadline

    budget = Budget.objects.create(year=YEAR, deadline=default_deadline(YEAR))
    BudgetLine.objects.create(budget=budget, name="GITS", amount=Decimal("2920000.00"))
    report = services.quarterly_draft(actor=lead, year=YEAR, quarter=1)
    assert f"Budget {YEAR}: 2\xa0920\xa0000,00\xa0kr" in report.economy_staffing
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(annual_document(YEAR)))).pages
    )
    assert "Summa budget / fakturerat under året" in text and "2 920 000,00" in text.replace(
        "\xa0", " "
    )
