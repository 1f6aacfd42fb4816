"""Issue 15 in the browser: a record's history panel links to its whole history, and the
long lists are paged; each page passes axe."""

from playwright.sync_api import expect

from gits.bodies.models import Body
from gits.core.audit import audit_record
from gits.portfolio.models import ManagedObject
from tests.browser.conftest import assert_accessible


def test_history_link_and_paged_lists(login, page, demo_site):
    sitiv = Body.objects.get(short_name="SITIV")
    for i in range(30):
        audit_record(
            action="bodies.body.updated",
            obj=sitiv,
            actor=None,
            changes={"name": [f"Namn {i}", f"Namn {i + 1}"]},
        )
    ManagedObject.objects.bulk_create(
        ManagedObject(name=f"Testobjekt {i:03}", short_name=f"T{i:03}") for i in range(60)
    )
    login("funktionsledare")
    page.goto(f"{demo_site.url}/organ/{sitiv.pk}/")
    link = page.get_by_role("link", name="Visa hela historiken")
    expect(link).to_be_visible()
    assert_accessible(page)
    link.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historik för")
    assert_accessible(page)
    page.get_by_role("link", name="Nästa").click()
    page.wait_for_load_state()
    assert "typ=bodies.body" in page.url and "sida=2" in page.url
    assert_accessible(page)

    page.goto(demo_site.url + "/objekt/")
    expect(page.get_by_role("navigation", name="Sidor")).to_be_visible()
    page.get_by_role("link", name="Nästa").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Sida 2 av 2")).to_be_visible()
    assert_accessible(page)
