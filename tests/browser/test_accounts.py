"""Accounts in the browser (issues 11 and 12): the API keys page, linking a person to an
account and the lockout page, each checked with axe."""

import re

from playwright.sync_api import expect

from gits.bodies.models import Person
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD


def _sign_in(page, url, username, password=PASSWORD):
    page.goto(url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def test_tokens_person_account_and_lockout(page, live_server, transactional_db, make_user):
    make_user("admin", username="webbadmin")
    make_user(username="anna.konto")
    person = Person.objects.create(first_name="Anna", last_name="Andersson")
    _sign_in(page, live_server.url, "webbadmin")

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="API-nycklar").click()
    assert_accessible(page)
    page.get_by_label("Namn").fill("Rapportskript")
    page.get_by_role("button", name="Skapa nyckel").click()
    expect(page.get_by_label("Nyckel", exact=True)).to_have_value(re.compile(r"^gits_"))
    assert_accessible(page)
    page.get_by_role("button", name="Återkalla").click()
    expect(page.get_by_role("status").first).to_contain_text("är återkallad")

    page.goto(f"{live_server.url}/personer/{person.pk}/")
    page.get_by_role("link", name="Användarkonto").click()
    assert_accessible(page)
    page.get_by_label("Användarkonto").select_option(label="anna.konto")
    page.get_by_role("button", name="Spara kopplingen").click()
    expect(page.get_by_role("status").first).to_contain_text("kopplad till kontot anna.konto")
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    for _ in range(5):
        _sign_in(page, live_server.url, "anna.konto", "fel-lösenord")
    expect(page.get_by_role("alert")).to_contain_text("Inloggningen är spärrad")
    assert_accessible(page)
