"""The API's documentation page, linked from every page's footer: Swagger UI reads the schema
(a key twice once made it refuse to), and the page passes axe as every other page does, with
operations open and tried out."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


@pytest.mark.django_db(transaction=True)
def test_the_api_documentation_shows_every_operation_and_is_accessible(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="API-dokumentation").click()
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".errors-wrapper")).to_have_count(0)
    expect(page.get_by_text("/api/v1/finance/invoices", exact=True).first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)
    # An operation opened and tried out: its parameters, body and copy buttons are named.
    for method in ("get", "post"):
        page.locator(f".opblock-{method} .opblock-summary-control").first.click()
    for button in page.locator("button.try-out__btn").all():
        button.click()
    expect(page.locator("button.execute").first).to_be_visible()
    assert_accessible(page)
