import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser
_axe = Axe()
_WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def assert_accessible(page) -> None:
    """axe-core on the page as it stands; any WCAG violation fails the test (rule 6).

    A click on a link returns before the browser has left the page, so axe can start on the
    old document and lose it halfway ("Cannot read properties of null", "Execution context
    was destroyed"). Then the new page is awaited and checked again from the start.
    """
    for attempt in range(3):
        page.wait_for_load_state()
        try:
            results = _axe.run(page, options=_WCAG_AA)
            break
        except PlaywrightError:
            if attempt == 2:
                raise
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("load_defaults", verbosity=0)
    call_command("load_demo", verbosity=0)
    return live_server


@pytest.fixture
def visit(page, demo_site):
    """Go to a path on the live server and check the page with axe."""

    def go(path: str):
        page.goto(demo_site.url + path)
        assert_accessible(page)
        return page

    return go


@pytest.fixture
def login(page, demo_site):
    def do(username: str, password: str = "gits-demo-2026"):
        page.goto(demo_site.url + "/konto/logga-in/")
        assert_accessible(page)
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        return page

    return do
