"""The administrator's view of the jobs and the choice of notifications, in a browser, checked
with axe."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from gits.operations.jobs import run
from gits.operations.models import NotificationPreference
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def test_jobs_page_and_preferences_in_the_browser(page, live_server, transactional_db):
    admin = UserFactory(username="drift-admin", email="admin@example.se")
    admin.groups.add(Group.objects.get_or_create(name="admin")[0])
    run("heartbeat")

    page.goto(live_server.url + "/konto/logga-in/?next=/drift/")
    page.get_by_label("Användarnamn").fill("drift-admin")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Drift", exact=True)).to_be_visible()
    expect(page.locator("#jobb-heartbeat")).to_contain_text("lyckades")
    expect(page.locator("#jobb-backup")).to_contain_text("dagligen 02.30")
    assert_accessible(page)

    page.locator("#jobb-backup").get_by_role("button", name="Kör nu").click()
    expect(page.get_by_role("status")).to_contain_text("Säkerhetskopia är lagt i kön")
    assert_accessible(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Mina aviseringar"
    ).click()
    expect(page.get_by_text("Aviseringarna skickas till admin@example.se")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kvartalsfakturering").uncheck()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Dina val av aviseringar är sparade")
    expect(page.get_by_label("Kvartalsfakturering")).not_to_be_checked()
    assert_accessible(page)
    assert NotificationPreference.objects.get(user=admin).invoicing is False
