"""A working day per role, walked from the start page (Mitt arbete) on desk and phone: the
coordinator hands in a status report, a member of each side signs the minutes, the secretary
invoices a quarter. Each walk counts its steps (clicks and form submits after the start page)
and must stay within a small bound; every page on the way is axe-clean and does not scroll
sideways on a phone."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from gits.bodies.models import Body, Membership
from gits.finance.models import Budget, Invoice
from gits.finance.views.invoices import quarter_to_invoice
from gits.meetings import services as meetings
from gits.meetings.models import Case, Decision, Meeting
from gits.portfolio.models import ManagedObject, ObjectRole
from tests.browser.conftest import assert_accessible
from tests.browser.test_everyday import DESK, PHONE, no_sideways_scroll
from tests.conftest import require_or_skip
from tests.sealing import make_seal_ca

SIZES = pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])
TODAY = dt.date.today()


class Walk:
    """Counts the steps a person takes from the start page; checks every page reached."""

    def __init__(self, page):
        self.page = page
        self.steps = 0
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state()
        assert_accessible(self.page)
        no_sideways_scroll(self.page)

    def take(self, locator) -> None:
        """One click on a link or one press of a form's button."""
        locator.click()
        self.steps += 1
        self.check()


def user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def seal(tmp_path, settings):
    """The organisation's seal, from a CA of the test's own: locked minutes are sealed."""
    return make_seal_ca(tmp_path, settings)


@pytest.fixture
def next_meeting(demo_site):
    """A SITIV meeting three weeks ahead: status reports are due ten days before it."""
    return Meeting.objects.create(
        body=Body.objects.get(short_name="SITIV"),
        date=TODAY + dt.timedelta(days=21),
        place="Vänersborg",
    )


@pytest.fixture
def minutes_to_sign(seal, demo_site):
    """A SITIV meeting held two weeks ago with one decision and its minutes drawn up by the
    secretary, waiting for the chair and a member of the other side."""
    lead = user("funktionsledare")
    sitiv = Body.objects.get(short_name="SITIV")
    preparers = {
        m.side: m.person for m in Body.objects.get(short_name="Beredningsgruppen").memberships.all()
    }
    case = meetings.case_register(
        actor=lead, body=sitiv, title="Förvaltningsplan Bibblix", proposal="SITIV godkänner."
    )
    case = meetings.case_update(
        actor=lead,
        case=case,
        version=case.version,
        preparer_region=preparers["region"],
        preparer_municipalities=preparers["municipalities"],
    )
    meetings.case_move(actor=lead, case=case, to_state=Case.State.IN_PREPARATION)
    case = meetings.case_move(actor=lead, case=case, to_state=Case.State.PREPARED)
    meeting = meetings.meeting_plan(
        actor=lead, body=sitiv, date=TODAY - dt.timedelta(days=14), place="Vänersborg"
    )
    item = meetings.agenda_add(actor=lead, meeting=meeting, case=case)
    meetings.attendance_all_present(actor=lead, meeting=meeting)
    meetings.decision_record(
        actor=lead, item=item, outcome=Decision.Outcome.DECIDED, text="SITIV godkänner planen."
    )
    return meetings.minutes_generate(actor=lead, meeting=meeting)


@SIZES
def test_the_coordinator_hands_in_a_status_report(login, page, demo_site, next_meeting, size):
    page.set_viewport_size(size)
    coordinator = user("koordinator").person
    obj = (
        ManagedObject.objects.filter(
            roles__role=ObjectRole.Role.COORDINATOR, roles__person=coordinator
        )
        .order_by("name")
        .first()
    )
    assert obj is not None, "the demo coordinator coordinates objects"
    login("koordinator")
    walk = Walk(page)
    title = f"Statusrapport {obj.short_name or obj.name} till {next_meeting}"
    walk.take(page.get_by_role("link", name=title, exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statusrapport")
    for label, text in (
        ("Ansvarig funktionskoordinator", "Per Förlagsson"),
        ("Beskrivning av uppdraget", "Läsförståelseappen för skolbiblioteken."),
        ("Viktiga händelser under perioden", "- 30 nya skolor anslutna"),
        ("Aktuella problemställningar och utmaningar", "- Licensförhandling pågår"),
        ("Planerade aktiviteter", "- Utvärdering med kulturförvaltningen"),
        ("Ekonomisk status och personalresurser", "Inom budget."),
        ("Datum", TODAY.isoformat()),
    ):
        page.get_by_label(label).fill(text)
    walk.take(page.get_by_role("button", name="Lämna in"))
    expect(page.get_by_role("status")).to_contain_text("Statusrapporten är inlämnad")
    assert walk.steps <= 2, f"{walk.steps} steps to hand in a status report"
    # Done: it leaves the start page.
    page.goto(demo_site.url + "/")
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)


@SIZES
def test_a_municipal_contact_names_a_contact_and_reports_a_problem(login, page, demo_site, size):
    """The municipal contact's work (seed 002): the start page names the objects whose
    contacts the municipality lacks; naming one takes it off, and a problem reported to the
    second line stays there until it is solved."""
    page.set_viewport_size(size)
    party = user("kommunkontakt").person.organisation
    samsa = ManagedObject.objects.get(short_name="SAMSA")
    login("kommunkontakt")
    walk = Walk(page)
    title = f"{samsa.name}: {party.name} saknar teknisk kontakt (första linjen)"
    walk.take(page.get_by_role("link", name=title, exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text(samsa.name)
    # The form stands open on what the municipality lacks: its party and the kind chosen.
    form = page.locator("form", has=page.get_by_role("button", name="Spara kontakt"))
    expect(form.get_by_label("Part")).to_have_value(str(party.pk))
    expect(form.get_by_label("Typ")).to_have_value("technical")
    form.get_by_label("Namn").fill("Kommunens IT-support")
    walk.take(form.get_by_role("button", name="Spara kontakt"))
    expect(page.get_by_role("status")).to_be_visible()
    assert walk.steps <= 2, f"{walk.steps} steps to name a contact"
    page.get_by_text("Nytt supportärende").click()
    form = page.locator("form", has=page.get_by_role("button", name="Registrera"))
    form.get_by_label("Rubrik").fill("Remisser fastnar")
    form.get_by_label("Beskrivning").fill("Sedan i morse.")
    walk.take(form.get_by_role("button", name="Registrera"))
    page.goto(demo_site.url + "/")
    walk.check()
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Remisser fastnar", exact=True)).to_be_visible()
    # What the municipality still lacks, object by object.
    page.goto(f"{demo_site.url}/objekt/kontakter-saknas/?part={party.pk}")
    walk.check()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Förvaltningsobjekt där {party.name} saknar kontakter"
    )
    expect(page.get_by_role("link", name=samsa.name, exact=True)).to_have_count(0)


@SIZES
def test_a_member_of_each_side_signs_the_minutes(login, page, minutes_to_sign, size):
    page.set_viewport_size(size)
    meeting = minutes_to_sign.meeting
    chair = meeting.chair.user.username
    other = "ledamot-region" if chair == "ledamot" else "ledamot"
    sides = {user(u).person.organisation.side for u in (chair, other)}
    assert sides == {"region", "municipalities"}
    title = f"Protokoll från SITIV {meeting.date.isoformat()}"
    for username in (chair, other):
        login(username)
        walk = Walk(page)
        walk.take(page.get_by_role("link", name=title, exact=True))
        walk.take(page.locator("form.sign").get_by_role("button", name="Justera version 1"))
        confirm = page.get_by_role("button", name="Ja, justera version 1")
        # The page the press leads to: one that asks first, or the signed minutes.
        signed = page.get_by_role("status").filter(has_text="Du har justerat protokollet")
        expect(confirm.or_(signed).first).to_be_visible()
        if confirm.count():  # a page that says what signing does, then the signature
            walk.take(confirm)
        expect(signed).to_be_visible()
        assert walk.steps <= 3, f"{username}: {walk.steps} steps to sign the minutes"
        page.get_by_role("button", name="Logga ut").click()
    minutes_to_sign.refresh_from_db()
    assert minutes_to_sign.is_signed
    signers = {s.person.user.username: s.capacity for s in minutes_to_sign.signatures.all()}
    assert signers == {chair: "chair", other: "adjuster"}
    assert Membership.objects.filter(person=meeting.chair, body=meeting.body).exists()


@SIZES
def test_the_secretary_invoices_a_quarter(login, page, demo_site, size):
    page.set_viewport_size(size)
    budget_years = set(Budget.objects.values_list("year", flat=True))
    require_or_skip(
        bool(budget_years & {TODAY.year, TODAY.year - 1}),
        "the demo budgets are for other years than this and last",
    )
    year, quarter = quarter_to_invoice(TODAY, budget_years)
    login("funktionsledare")
    walk = Walk(page)
    item = page.locator(".worklist > li").filter(has_text=f"{year}").filter(has_text="fakturera")
    walk.take(item.get_by_role("link").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fakturor")
    # The quarter to invoice is already chosen.
    run = page.get_by_role("region", name="Fakturera ett kvartal")
    expect(run.get_by_label("År")).to_have_value(str(year))
    expect(run.get_by_label("Kvartal")).to_have_value(str(quarter))
    walk.take(page.get_by_role("button", name="Fakturera kvartalet"))
    # Issuing is irreversible: a confirmation that says what follows.
    walk.take(page.get_by_role("button", name="Ja, utfärda fakturan"))
    expect(page.get_by_role("status")).to_contain_text(f"är utfärdad för kvartal {quarter} {year}")
    assert walk.steps <= 3, f"{walk.steps} steps to invoice a quarter"
    assert Invoice.objects.filter(kind="quarterly", year=year, quarter=quarter).exists()
