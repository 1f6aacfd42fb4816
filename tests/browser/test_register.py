import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.sealing import make_seal_ca


@pytest.fixture(autouse=True)
def seal_ca(tmp_path, settings):
    """The demo's locked minutes are sealed with a CA of the test's own."""
    return make_seal_ca(tmp_path, settings)


def test_wrong_password_is_told_and_right_one_logs_in(login, page):
    login("admin", "fel-lösenord")
    expect(page.get_by_role("alert")).to_contain_text("Användarnamnet eller lösenordet är fel")
    assert_accessible(page)
    login("admin")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    assert_accessible(page)


def test_find_goteborg_with_population_and_federation(visit, page):
    visit("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Organisationer"
    ).click()
    assert_accessible(page)
    page.get_by_label("Sök namn, kommunkod eller org.nr").fill("Göteborg")
    page.get_by_role("button", name="Filtrera").click()
    assert_accessible(page)
    row = page.locator("#municipalities tbody tr", has_text="Göteborg")
    expect(row).to_contain_text("1480")
    expect(row).to_contain_text("GR")
    expect(row).to_contain_text(re.compile(r"608\s993"))
    row.get_by_role("link", name="Göteborg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Göteborg")
    expect(page.get_by_text("Göteborgsregionen")).to_be_visible()
    expect(page.get_by_text("2024-12-31")).to_be_visible()
    assert_accessible(page)


def test_public_pages_are_accessible(visit):
    for path in ("/", "/organisationer/", "/organisationer/folkmangd/", "/organ/", "/personer/"):
        visit(path)


def test_english_switch(visit, page):
    visit("/")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_public_register_shows_locked_text_during_a_correction(visit, page):
    """R-17 on the demo data: a meeting whose locked minutes are under correction shows the
    public the locked text, that a correction is under way, and the locked file's hash; the
    correction's unsigned wording is found by nobody signed out."""
    from gits.meetings.models import Decision

    decision = Decision.objects.get(
        published_in__isnull=False,
        text__startswith="SITIV fastställer verksamhetsplanen med de ändringar",
    )
    locked = decision.published_in
    visit("/beslut/?q=de+ändringar+som+gjordes")
    expect(page.locator("table tbody")).to_contain_text("Inga beslut matchar sökningen")
    visit("/beslut/?q=verksamhetsplanen")
    row = page.locator("table tbody tr", has_text=decision.published_text)
    expect(row).to_contain_text("rättelse pågår")
    row.get_by_role("link").click()
    expect(page.locator("dl.facts")).to_contain_text(locked.archive_sha256)
    expect(page.get_by_role("status")).to_contain_text("Protokollet rättas")
    assert_accessible(page)
    visit(f"/sammantraden/{decision.item.meeting_id}/")
    expect(page.get_by_text("Protokollet rättas")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(locked.archive_sha256)
    expect(page.get_by_text("de ändringar som gjordes")).to_have_count(0)
