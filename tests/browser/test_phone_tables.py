"""Tables on a phone: the history reads as cards (each cell under its column's name), other
wide tables scroll inside their own named region; on a desk both are plain tables."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_everyday import DESK, PHONE, no_sideways_scroll


def test_the_history_reads_as_cards_on_a_phone_and_as_a_table_on_a_desk(login, page, demo_site):
    page.set_viewport_size(PHONE)
    login("funktionsledare")
    page.goto(demo_site.url + "/historik/")
    history = page.locator("main table.table--cards")
    region = history.locator("xpath=..")
    expect(region).to_have_attribute("role", "region")
    expect(history.locator("thead")).not_to_be_in_viewport()
    first = history.locator("tbody tr").first.locator("td").first
    label = first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Tidpunkt"'
    # Nothing left to scroll sideways, not even inside the region.
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.set_viewport_size(DESK)
    expect(history.locator("thead th").first).to_be_visible()
    assert first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert_accessible(page)
