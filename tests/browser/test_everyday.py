"""Everyone's work in front of them, on desk and phone: the start page per role, the folding
menu, pages without sideways scrolling at 390 px, the error pages; axe at both sizes."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from gits.bodies.models import Body
from gits.core.mywork import my_work
from gits.meetings.models import Decision, Meeting
from gits.plans.models import ManagementPlan
from gits.portfolio.models import ManagedObject
from gits.reviews.models import Review
from tests.browser.conftest import assert_accessible
from tests.plans.test_word_import import TEXTS, table_form

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])

# The pages people use every day; each must read at 390 px without sideways page scrolling.
KEY_PAGES = [
    "/",
    "/organisationer/",
    "/organ/",
    "/personer/",
    "/objekt/",
    "/avtal/",
    "/avtal/nytt/",
    "/arenden/",
    "/sammantraden/",
    "/beslut/",
    "/planer/",
    "/planer/ny/",
    "/avvikelser/",
    "/ekonomi/",
    "/ekonomi/fakturor/",
    "/historik/",
    "/oversyner/",
    "/konto/api-nycklar/",
]


def no_sideways_scroll(page) -> None:
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: {scroll} px wide on a {width} px screen"


def open_menu_if_folded(page) -> None:
    toggle = page.locator("[data-menu-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


@pytest.fixture
def next_meeting(demo_site):
    """A SITIV meeting three weeks ahead, so that reports are due whatever today's date."""
    sitiv = Body.objects.get(short_name="SITIV")
    return Meeting.objects.create(
        body=sitiv, date=dt.date.today() + dt.timedelta(days=21), place="Vänersborg"
    )


def shows_the_users_work(page, username: str) -> list:
    """The start page lists exactly what the user's work is, each item a link with a date."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
    work = my_work(get_user_model().objects.get(username=username))
    items = page.locator(".worklist > li")
    expect(items).to_have_count(len(work.rows))
    for row, item in zip(work.rows, items.all(), strict=True):
        expect(item.get_by_role("link", name=row.item.title, exact=True)).to_be_visible()
        expect(item.locator("time")).to_have_attribute("datetime", row.item.date.isoformat())
    for _label, text in work.empty:
        expect(page.locator(".work-empty__list")).to_contain_text(text)
    return work.rows


@SIZES
def test_the_secretary_starts_from_what_the_next_meeting_lacks(
    login, page, demo_site, next_meeting, size
):
    page.set_viewport_size(size)
    login("funktionsledare")
    rows = shows_the_users_work(page, "funktionsledare")
    assert any(r.item.source == "missing" for r in rows)
    meeting = next(r.item for r in rows if r.item.source == "meetings")
    assert_accessible(page)
    no_sideways_scroll(page)
    # One step from the start page to the next meeting.
    page.get_by_role("link", name=meeting.title, exact=True).click()
    expect(page).to_have_url(demo_site.url + meeting.url)
    assert_accessible(page)
    no_sideways_scroll(page)


@SIZES
def test_the_coordinator_goes_from_the_start_page_to_the_report(
    login, page, demo_site, next_meeting, size
):
    page.set_viewport_size(size)
    login("koordinator")
    rows = shows_the_users_work(page, "koordinator")
    reports = [
        r
        for r in rows
        if r.item.source == "status_reports"
        and f"/sammantraden/{next_meeting.pk}/statusrapporter/" in r.item.url
    ]
    assert reports, "the demo coordinator's objects report to the meeting three weeks ahead"
    item = page.locator(".worklist > li").filter(has_text=reports[0].item.title)
    expect(item).to_contain_text("11 dagar kvar")  # material due ten days before the meeting
    assert_accessible(page)
    no_sideways_scroll(page)
    item.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statusrapport")
    assert_accessible(page)
    no_sideways_scroll(page)

    # From Word to GITS: the filled-in form is read and shown for confirmation.
    page.get_by_role("link", name="Har du fyllt i Word-blanketten?").click()
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_label("Statusrapport i Word (.docx)").set_input_files(
        files=[
            {"name": "rapport.docx", "mimeType": "application/octet-stream", "buffer": table_form()}
        ]
    )
    page.get_by_role("button", name="Läs in filen").click()
    expect(page.get_by_role("status")).to_contain_text("Inget är sparat än")
    expect(page.get_by_label("Viktiga händelser under perioden")).to_have_value(TEXTS["events"])
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet är sparat")


@SIZES
def test_a_member_sees_minutes_to_sign_and_the_next_meeting(
    login, page, demo_site, next_meeting, size
):
    page.set_viewport_size(size)
    login("ledamot")
    rows = shows_the_users_work(page, "ledamot")
    assert any(r.item.source == "meetings" for r in rows)
    assert_accessible(page)
    no_sideways_scroll(page)


@SIZES
def test_the_administrator_without_a_person_is_told_so(login, page, demo_site, size):
    page.set_viewport_size(size)
    login("admin")
    shows_the_users_work(page, "admin")
    expect(page.get_by_text("Ditt konto är inte kopplat till en person")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)


@SIZES
def test_a_visitor_keeps_the_public_start_page(visit, page, size):
    page.set_viewport_size(size)
    visit("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "GITS – gemensam förvaltning av IT-system"
    )
    no_sideways_scroll(page)


def test_the_menu_folds_on_a_phone_and_stays_open_on_a_desk(visit, page):
    page.set_viewport_size(PHONE)
    visit("/")
    toggle = page.get_by_role("button", name="Meny")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Organisationer")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Organisationer")).to_be_visible()
    assert_accessible(page)
    nav.get_by_role("link", name="Organisationer").focus()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Organisationer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisationer")
    # Wider than a phone: the menu is simply there, without the button.
    page.set_viewport_size(DESK)
    expect(toggle).to_be_hidden()
    expect(nav.get_by_role("link", name="Organ", exact=True)).to_be_visible()
    assert_accessible(page)


def test_without_javascript_the_menu_is_shown(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(demo_site.url + "/")
    expect(page.locator("[data-menu-toggle]")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link").first
    ).to_be_visible()
    context.close()


@SIZES
def test_key_pages_read_without_sideways_scrolling(login, page, demo_site, next_meeting, size):
    page.set_viewport_size(size)
    login("funktionsledare")
    plan = ManagementPlan.objects.first()
    pages = [
        *KEY_PAGES,
        f"/sammantraden/{next_meeting.pk}/",
        f"/sammantraden/{next_meeting.pk}/statusrapporter/",
        f"/organ/{Body.objects.get(short_name='SITIV').pk}/",
    ]
    if plan is not None:
        pages.append(f"/planer/{plan.pk}/")
    # An object, a review and a decision, with their tables.
    for model, prefix in (
        (ManagedObject, "/objekt/"),
        (Review, "/oversyner/"),
        (Decision, "/beslut/"),
    ):
        first = model.objects.order_by("pk").first()
        if first is not None:
            pages.append(f"{prefix}{first.pk}/")
    for path in pages:
        response = page.goto(demo_site.url + path)
        assert response.status == 200, path
        assert_accessible(page)
        no_sideways_scroll(page)
        # A table wider than the screen scrolls in its own focusable, named region.
        for table in page.locator("main table").all():
            region = table.locator("xpath=ancestor::div[contains(@class,'table-scroll')][1]")
            expect(region).to_have_attribute("role", "region")
            expect(region).to_have_attribute("tabindex", "0")


@SIZES
def test_error_pages_in_the_layout_with_a_way_back(login, page, demo_site, size):
    page.set_viewport_size(size)
    base = demo_site.url
    page.goto(base + "/organ/")
    page.evaluate("location.href = '/finns-inte/'")
    page.wait_for_url("**/finns-inte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Tillbaka till sidan du kom från").click()
    expect(page).to_have_url(base + "/organ/")

    login("kommunkontakt")
    response = page.goto(base + "/historik/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har inte behörighet till sidan")
    open_menu_if_folded(page)
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Till startsidan, Mitt arbete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")


def test_a_protected_document_asks_a_visitor_to_log_in_and_then_opens(page, demo_site):
    plan = ManagementPlan.objects.first()
    assert plan is not None, "the demo has management plans"
    path = f"/planer/{plan.pk}.pdf"
    page.goto(demo_site.url + "/organ/")
    page.evaluate(f"location.href = '{path}'")
    page.wait_for_url("**/konto/logga-in/**")
    assert f"next={path}" in page.url.replace("%2F", "/")
    assert_accessible(page)
    page.get_by_label("Användarnamn").fill("ledamot")
    page.get_by_label("Lösenord").fill("gits-demo-2026")
    with page.expect_response(lambda r: r.url == demo_site.url + path) as answer:
        page.get_by_role("button", name="Logga in").click()
    assert answer.value.status == 200
    assert answer.value.headers["content-type"] == "application/pdf"


@SIZES
def test_in_english_each_language_is_named_in_itself(visit, page, demo_site, size):
    page.set_viewport_size(size)
    visit("/")
    switch = page.get_by_label("Språk")
    expect(switch.locator("option")).to_have_text(["Svenska", "English"])
    switch.select_option("en")
    page.get_by_role("button", name="Byt").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Language")).to_be_visible()
    expect(page.get_by_label("Language").locator("option")).to_have_text(["Svenska", "English"])
    assert_accessible(page)
    no_sideways_scroll(page)
    page.goto(demo_site.url + "/finns-inte/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
