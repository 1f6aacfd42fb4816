"""Issue 15: a management plan is started on its own page, reached from the plans page: the
year first, then a search among the objects without a plan for it."""

import datetime as dt

from playwright.sync_api import expect

from gits.plans.models import ManagementPlan
from gits.portfolio.models import ManagedObject
from tests.browser.conftest import assert_accessible


def test_a_plan_is_started_for_an_object_without_one_that_year(login, page, demo_site):
    this_year = dt.date.today().year
    samsa = ManagedObject.objects.get(short_name="SAMSA")
    assert ManagementPlan.objects.filter(managed_object=samsa, year=this_year).exists()
    login("funktionsledare")
    page.goto(demo_site.url + "/planer/")
    expect(page.get_by_label("Förvaltningsobjekt")).to_have_count(0)  # no form on the list
    page.get_by_role("link", name="Ny förvaltningsplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny förvaltningsplan")
    assert_accessible(page)

    # This year SAMSA has its plan: a search for it finds no object to offer.
    page.get_by_label("År", exact=True).fill(str(this_year))
    page.get_by_label("Sök förvaltningsobjekt", exact=True).fill("SAMSA")
    page.get_by_role("button", name="Visa objekt").click()
    expect(page.locator("#plan-offered")).to_contain_text("0 förvaltningsobjekt utan plan")
    expect(page.get_by_label("Förvaltningsobjekt (obligatoriskt)")).to_have_count(0)
    assert_accessible(page)

    # Next year it has none: it is offered, and the plan is started.
    page.get_by_label("År", exact=True).fill(str(this_year + 1))
    page.get_by_role("button", name="Visa objekt").click()
    expect(
        page.get_by_role("heading", level=2, name=f"Förvaltningsplan för {this_year + 1}")
    ).to_be_visible()
    choice = page.get_by_label("Förvaltningsobjekt (obligatoriskt)")
    choice.select_option(label=f"{samsa.name} (SAMSA)")
    assert_accessible(page)
    page.get_by_role("button", name="Upprätta förvaltningsplanen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Förvaltningsplan SAMSA {this_year + 1} är upprättad."
    )
    assert ManagementPlan.objects.filter(managed_object=samsa, year=this_year + 1).exists()
    assert_accessible(page)
