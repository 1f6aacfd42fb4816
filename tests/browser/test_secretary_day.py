"""The secretary's day, from the start page: plan a meeting with the standard agenda, put a
prepared case and a free item on it, reorder, record everybody present, compile the pack
after a confirmation. The steps (clicks and form submits) are counted and kept few; every
page is checked with axe on desk and phone."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.models import AgendaItem, Case, Meeting
from gits.plans.models import MeetingPack
from tests.browser.conftest import assert_accessible
from tests.sealing import make_seal_ca

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
TODAY = dt.date.today()
MAX_STEPS = 10


@pytest.fixture(autouse=True)
def seal_ca(tmp_path, settings):
    return make_seal_ca(tmp_path, settings)


def check(page) -> None:
    """axe on the page as it stands, on a phone and on a desk; no sideways scrolling."""
    for size in (PHONE, DESK):
        page.set_viewport_size(size)
        assert_accessible(page)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= size["width"], f"{page.url}: {scroll} px wide at {size['width']} px"


@pytest.fixture
def prepared(demo_site):
    """A case the preparation group has prepared for SITIV (their work, not the secretary's)."""
    lead = get_user_model().objects.get(username="funktionsledare")
    sitiv = Body.objects.get(short_name="SITIV")
    prep = {
        m.side: m.person for m in Body.objects.get(short_name="Beredningsgruppen").memberships.all()
    }
    case = services.case_register(
        actor=lead, body=sitiv, title="Vidareutveckling av Bibblix", proposal="SITIV godkänner."
    )
    case = services.case_update(
        actor=lead,
        case=case,
        version=case.version,
        preparer_region=prep["region"],
        preparer_municipalities=prep["municipalities"],
    )
    services.case_move(actor=lead, case=case, to_state=Case.State.IN_PREPARATION)
    return services.case_move(actor=lead, case=case, to_state=Case.State.PREPARED)


def test_the_secretarys_day_in_few_steps(login, page, demo_site, prepared):
    page.set_viewport_size(DESK)
    login("funktionsledare")
    page.goto(demo_site.url + "/")
    check(page)
    steps = 0

    def step(action) -> None:
        nonlocal steps
        steps += 1
        action()
        page.wait_for_load_state()
        expect(page.locator("h1")).to_be_visible()
        check(page)

    # Plan the meeting with the standard agenda.
    step(lambda: page.get_by_role("navigation").get_by_role("link", name="Sammanträden").click())
    step(lambda: page.get_by_role("link", name="Planera sammanträde").click())
    page.get_by_label("Organ").select_option(label="SITIV")
    page.get_by_label("Datum").fill(TODAY.isoformat())
    page.get_by_label("Starttid").fill("09:30")
    page.get_by_label("Plats").fill("Vänersborg")
    expect(page.get_by_label("Använd standarddagordningen")).to_be_checked()
    step(lambda: page.get_by_role("button", name="Spara").click())
    expect(page.get_by_role("status").first).to_contain_text("Sammanträdet är planerat")
    meeting = Meeting.objects.filter(body__short_name="SITIV", date=TODAY).latest("pk")
    assert meeting.items.filter(kind=AgendaItem.Kind.OPENING).exists()
    expect(page.locator("#next-step")).to_contain_text("Nästa steg:")
    expect(page.locator("#next-step")).to_contain_text("Dagordning")
    # Who presides is clear before anything is recorded.
    expect(page.locator("dl.facts")).to_contain_text("leder sammanträdet")

    # A prepared case and a free item go before the closing items.
    page.get_by_label("Berett ärende").select_option(
        label=f"{prepared.diary_number} {prepared.title}"
    )
    step(lambda: page.get_by_role("button", name="Lägg till på dagordningen").click())
    page.get_by_label("Rubrik på punkten").fill("Information om SITHS")
    page.get_by_label("Text (valfri)").fill("Muntlig dragning av funktionsledaren.")
    step(lambda: page.get_by_role("button", name="Lägg till punkten").click())
    order = list(meeting.items.order_by("number").values_list("title", flat=True))
    assert order.index("Information om SITHS") == order.index(prepared.title) + 1
    assert order.index("Information om SITHS") < order.index("Övriga frågor")

    # Reorder: the information before the case; the § numbers follow.
    free = meeting.items.get(title="Information om SITHS")
    step(
        lambda: page.get_by_role(
            "button", name=f"Flytta upp § {free.number} Information om SITHS"
        ).first.click()
    )
    order = list(meeting.items.order_by("number").values_list("title", flat=True))
    assert order.index("Information om SITHS") == order.index(prepared.title) - 1
    expect(
        page.get_by_role("heading", name=f"§ {free.number - 1} Information om SITHS")
    ).to_be_visible()

    # Attendance from the expected members.
    step(lambda: page.get_by_role("button", name="Alla närvarande").click())
    assert meeting.attendance.filter(present=True).count() >= 10
    expect(
        page.locator("#present-" + str(meeting.attendance.filter(present=True).first().person_id))
    ).to_be_checked()

    # The pack: the page asks first and says what follows, then compiles it.
    step(lambda: page.get_by_role("link", name="Sammanställ utskick").click())
    expect(page.get_by_role("heading", name="Det här händer")).to_be_visible()
    assert not MeetingPack.objects.filter(meeting=meeting).exists()
    step(lambda: page.get_by_role("button", name="Ja, sammanställ utskicket").click())
    expect(page.get_by_role("status").first).to_contain_text("Utskicket är sammanställt")
    assert MeetingPack.objects.filter(meeting=meeting).count() == 1
    expect(page.locator("#next-step")).to_contain_text("Beslut")

    assert steps <= MAX_STEPS, f"{steps} steps for the secretary's day"
