import datetime as dt
import hashlib
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from gits.bodies.models import Body
from gits.meetings.models import Minutes
from tests.browser.conftest import assert_accessible
from tests.sealing import make_seal_ca, verify_seal

TODAY = dt.date.today()
# Attendance, decisions and minutes are recorded only from the meeting's date on.
HELD = TODAY - dt.timedelta(days=14)


@pytest.fixture(autouse=True)
def seal_ca(tmp_path, settings):
    """The organisation's seal, issued by a CA of the test's own (before the demo loads)."""
    return make_seal_ca(tmp_path, settings)


def test_a_whole_meeting_from_case_to_public_register(login, page, demo_site, browser, seal_ca):
    base = demo_site.url
    login("funktionsledare")
    # Register two cases and prepare them.
    diary = []
    for title in ("Förvaltningsplan Bibblix", "Utökad SAMSA-support"):
        page.goto(base + "/arenden/nytt/")
        assert_accessible(page)
        page.get_by_label("Rubrik").fill(title)
        page.get_by_label("Förslag till beslut").fill(f"SITIV godkänner {title.lower()}.")
        page.get_by_role("button", name="Registrera").click()
        expect(page.get_by_role("status")).to_contain_text("är registrerat")
        diary.append(page.get_by_role("heading", level=1).inner_text().split(" ")[1])
        assert_accessible(page)
        page.get_by_label("Beredare för regionen").select_option(label="Karin Modellsson")
        page.get_by_label("Beredare för kommunerna").select_option(label="Lars Attrapp")
        page.get_by_role("button", name="Spara beredningen").click()
        page.get_by_role("button", name="Ändra läge till: Under beredning").click()
        page.get_by_role("button", name="Ändra läge till: Berett").click()
        expect(page.locator(".badge")).to_have_text("Berett")

    # Plan a meeting and build the agenda.
    page.goto(base + "/sammantraden/nytt/")
    assert_accessible(page)
    page.get_by_label("Organ").select_option(label="SITIV")
    page.get_by_label("Datum").fill(HELD.isoformat())
    page.get_by_label("Starttid").fill("09:30")
    page.get_by_label("Plats").fill("Vänersborg")
    page.get_by_label("Använd standarddagordningen").uncheck()  # only the two cases here
    page.get_by_role("button", name="Spara").click()
    deadline = (HELD - dt.timedelta(days=10)).isoformat()
    expect(page.get_by_text(deadline, exact=True)).to_be_visible()  # material due 10 days before
    items = page.locator("article.card")
    for number in diary:
        before = items.count()
        page.get_by_label("Berett ärende").select_option(
            label=f"SITIV {number} "
            + ("Förvaltningsplan Bibblix" if number == diary[0] else "Utökad SAMSA-support")
        )
        page.get_by_role("button", name="Lägg till på dagordningen").click()
        # The page the click leads to, with the item on it, before anything else is read.
        expect(items).to_have_count(before + 1)
    assert_accessible(page)

    # Attendance: everybody seated is present.
    for box in page.locator("fieldset input[type=checkbox]").all():
        label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        if "utan plats" not in label:
            box.check()
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_role("status")).to_contain_text("Närvaron är registrerad")

    # One decision, one referral back after an objection.
    first, second = page.locator("article.card").nth(0), page.locator("article.card").nth(1)
    first.get_by_label("Beslut", exact=True).check()
    first.get_by_role("button", name="För in").click()
    expect(page.get_by_role("status")).to_contain_text("beslut infört")
    second.get_by_label("Beslut", exact=True).check()
    second.get_by_label("Invändningar från närvarande ledamöter").fill(
        "Kommunsidan vill se kostnaden per kommun."
    )
    second.get_by_role("button", name="För in").click()
    expect(page.get_by_role("alert")).to_contain_text("enighet")
    assert_accessible(page)
    second = page.locator("article.card").nth(1)
    second.get_by_label("Återremiss").check()
    second.get_by_role("button", name="För in").click()
    expect(page.get_by_role("status")).to_contain_text("återremiss infört")

    page.get_by_role("button", name="Upprätta protokoll").click()
    expect(page.get_by_role("status")).to_contain_text("utkast")
    meeting_url = page.url.split("#")[0]
    minutes = Minutes.objects.latest("pk")
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(
            io.BytesIO(page.request.get(f"{base}/protokoll/{minutes.pk}.pdf").body())
        ).pages
    )
    assert (
        "UTKAST" in text
        and "SITIV godkänner förvaltningsplan bibblix." in text
        and "Återremiss" in text
    )

    # Sign as the person who presided and as a member of the other side, each with their own
    # account; each sees which version they sign and when it was drafted.
    drafted = timezone.localtime(minutes.drafted_at).strftime("%Y-%m-%d %H:%M")
    chair_user = "ledamot" if minutes.meeting.chair.user.username == "ledamot" else "ledamot-region"
    other_user = "ledamot-region" if chair_user == "ledamot" else "ledamot"
    for username in (chair_user, other_user):
        page.get_by_role("button", name="Logga ut").click()
        login(username)
        page.goto(meeting_url)
        sign = page.locator("form.sign")
        expect(sign).to_contain_text(f"Du justerar version 1, upprättad {drafted}")
        sign.get_by_role("button", name="Justera version 1").click()
        # Signing cannot be undone: a page says what follows and asks again.
        expect(page.get_by_role("heading", name="Det här händer när du justerar")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Ja, justera version 1").click()
        expect(page.get_by_role("status")).to_contain_text("Du har justerat protokollet")
        assert_accessible(page)
    expect(page.get_by_text("justerat", exact=True)).to_be_visible()
    minutes.refresh_from_db()
    assert minutes.is_signed and len(minutes.archive_sha256) == 64
    expect(page.locator("dl.facts")).to_contain_text(minutes.archive_sha256)
    locked = page.request.get(f"{base}/protokoll/{minutes.pk}.pdf").body()
    assert hashlib.sha256(locked).hexdigest() == minutes.archive_sha256
    _, status = verify_seal(locked, seal_ca)
    assert status.bottom_line

    # The public finds the decision, with the hash of the locked minutes.
    page.get_by_role("button", name="Logga ut").click()
    page.goto(base + "/beslut/")
    page.get_by_label("Sök i text").fill("bibblix")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator("table tbody")).to_contain_text(f"SITIV {diary[0]}")
    assert_accessible(page)
    page.locator("table tbody").get_by_role("link").first.click()
    expect(page.locator("dl.facts")).to_contain_text(minutes.archive_sha256)
    assert_accessible(page)
    assert (
        Body.objects.get(short_name="SITIV")
        .meetings.filter(date=HELD)
        .get()
        .minutes.get()
        .is_signed
    )
