import datetime as dt
import io

from playwright.sync_api import expect
from pypdf import PdfReader

from gits.meetings.models import Meeting
from gits.portfolio.models import ManagedObject
from tests.browser.conftest import assert_accessible


def test_coordinator_reports_and_the_report_is_in_the_pack(login, page, demo_site):
    base = demo_site.url
    today = dt.date.today()
    ManagedObject.objects.create(
        name="Bibblix läsförståelse",
        short_name="Bibblix-test",
        state=ManagedObject.State.IN_MANAGEMENT,
    )
    meeting = Meeting.objects.create(
        body_id=Meeting.objects.values_list("body_id", flat=True).first(),
        date=today + dt.timedelta(days=20),
        place="Vänersborg",
    )

    login("koordinator")
    page.goto(f"{base}/sammantraden/{meeting.pk}/statusrapporter/")
    assert_accessible(page)
    row = page.locator("tr", has_text="Bibblix läsförståelse")
    expect(row).to_contain_text("saknas")
    row.get_by_role("link", name="Skriv").click()
    assert_accessible(page)
    page.get_by_label("Ansvarig funktionskoordinator").fill("Per Förlagsson")
    page.get_by_label("Beskrivning av uppdraget").fill(
        "Läsförståelseappen Bibblix för skolbiblioteken."
    )
    page.get_by_label("Viktiga händelser under perioden").fill("- 30 nya skolor anslutna")
    page.get_by_label("Aktuella problemställningar och utmaningar").fill(
        "- Licensförhandling pågår"
    )
    page.get_by_label("Ekonomisk status och personalresurser").fill("Inom budget.")
    page.get_by_label("Datum").fill(
        (meeting.date + dt.timedelta(days=1)).isoformat()
    )  # wrong: after the meeting
    page.get_by_role("button", name="Lämna in").click()
    expect(page.get_by_role("alert")).to_contain_text("Datum")
    expect(page.locator("#id_date-error")).to_contain_text("kan inte ligga efter sammanträdet")
    assert_accessible(page)
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_role("button", name="Lämna in").click()
    expect(page.locator("#id_planned-error")).to_contain_text(
        "Planerade aktiviteter"
    )  # the one field left empty
    page.get_by_label("Planerade aktiviteter").fill("- Utvärdering med kulturförvaltningen")
    page.get_by_role("button", name="Lämna in").click()
    expect(page.get_by_role("status")).to_contain_text("Statusrapporten är inlämnad")
    expect(page.locator("tr", has_text="Bibblix läsförståelse")).to_contain_text("inlämnad")
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    login("funktionsledare")
    page.goto(f"{base}/sammantraden/{meeting.pk}/statusrapporter/")
    # Compiling cannot be undone: the button leads to a page that says what follows.
    page.get_by_role("link", name="Sammanställ utskick").click()
    expect(page.get_by_role("heading", name="Det här händer")).to_be_visible()
    page.get_by_role("button", name="Ja, sammanställ utskicket").click()
    expect(page.get_by_role("status")).to_contain_text("Utskicket är sammanställt")
    assert_accessible(page)
    link = page.get_by_role("link", name="Utskick sammanställt")
    pdf = page.request.get(base + link.get_attribute("href")).body()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Statusrapport Bibblix läsförståelse" in text and "30 nya skolor anslutna" in text
    assert "Utvärdering med kulturförvaltningen" in text
