"""A small form on a record's page keeps what was typed when it is refused: the function lead
reports an assignment back from the decision's page, forgets the report, is shown the form
again on a page of its own with the reason beside the field, and finishes there."""

import datetime as dt

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.models import Decision
from tests.browser.conftest import assert_accessible


def test_a_refused_report_is_shown_again_and_finished_there(login, page, demo_site):
    lead = get_user_model().objects.get(username="funktionsledare")
    decision = Decision.objects.filter(outcome=Decision.Outcome.DECIDED).first()
    assignment = services.assignment_give(
        actor=lead,
        decision=decision,
        assignee_body=Body.objects.get(short_name="SITIV AU"),
        description="Utred en gemensam e-tjänst.",
        due_date=dt.date.today() + dt.timedelta(days=60),
    )
    login("funktionsledare")
    page.goto(f"{demo_site.url}/beslut/{decision.pk}/")
    assert_accessible(page)
    card = page.locator(".card", has_text="Utred en gemensam e-tjänst.")
    card.get_by_role("button", name="Återrapportera").click()

    # Refused: the report was empty. The form comes back on its own page, the date kept.
    expect(page.get_by_role("heading", level=1)).to_have_text("Återrapportera uppdraget")
    expect(page.locator("main")).to_contain_text("SITIV AU: Utred en gemensam e-tjänst.")
    expect(page.locator("#id_report-error")).to_contain_text("Skriv återrapporten.")
    expect(page.get_by_label("Återrapporterat")).to_have_value(dt.date.today().isoformat())
    assert_accessible(page)
    page.locator("#id_report").fill("Utredningen är klar och redovisad.")
    page.get_by_role("button", name="Återrapportera").click()

    expect(page.get_by_role("status")).to_contain_text("Uppdraget är återrapporterat.")
    expect(page.locator(".card", has_text="Utred en gemensam e-tjänst.")).to_contain_text(
        "Utredningen är klar och redovisad."
    )
    assert_accessible(page)
    assignment.refresh_from_db()
    assert assignment.report == "Utredningen är klar och redovisad."
