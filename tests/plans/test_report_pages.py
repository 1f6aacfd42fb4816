"""The pages of a plan's buttons (submit to a meeting, approve), the status report files, the
quarterly report (draft, edit, publish, PDF) and the activity plan, through the test client.
The services behind them are tested in test_plans.py, test_status_reports.py and
test_reports.py; here: what the pages answer, save, say and refuse."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gits.bodies.models import Body
from gits.core.models import AuditEntry
from gits.meetings import services as meetings
from gits.plans import services
from gits.plans.models import ActivityPlan, Goal, ManagementPlan, QuarterlyReport
from tests.pages import assert_sent_to_login, error_beside, said
from tests.plans.conftest import YEAR

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


# --- plans:plan_action --------------------------------------------------------------------


@pytest.fixture
def plan(samsa, lead):
    return services.plan_create(actor=lead, managed_object=samsa, year=YEAR)


@pytest.fixture
def steering_meeting(sitiv, lead):
    return meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 10, 2))


def action_url(plan, action):
    return reverse("plans:plan_action", args=[plan.pk, action])


def test_the_plan_page_offers_submit_and_approve(client, lead, plan, steering_meeting):
    client.force_login(lead)
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert f'action="{action_url(plan, "submit")}"' in page
    assert f'action="{action_url(plan, "approve")}"' in page
    assert "Skicka till sammanträdet för godkännande" in page and "Registrera godkännande" in page
    assert '<label for="id_meeting">Sammanträde' in page
    assert '<label for="id_decision">SITIV-beslut' in page
    assert "<dt>Beslutad budget</dt><dd>–</dd>" in page


def test_the_plan_page_shows_its_budget_as_money_is_written(client, lead, plan):
    services.plan_update(actor=lead, plan=plan, version=plan.version, budget="643750")
    client.force_login(lead)
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "<dt>Beslutad budget</dt><dd>643\xa0750,00\xa0kr</dd>" in page


def test_submitting_a_plan_to_a_meeting(client, lead, plan, steering_meeting):
    client.force_login(lead)
    response = client.post(action_url(plan, "submit"), {"meeting": steering_meeting.pk})
    assert response.status_code == 302 and response.url == reverse("plans:plan", args=[plan.pk])
    assert said(response) == ["Planen ingår i utskicket till sammanträdet."]
    plan.refresh_from_db()
    assert plan.meeting == steering_meeting and plan.state == ManagementPlan.State.SUBMITTED
    assert AuditEntry.objects.filter(action="plans.plan.submitted").count() == 1
    page = client.get(response.url).content.decode()
    assert "Till SITIV för godkännande" in page and f"<dd>{steering_meeting}</dd>" in page


def test_submitting_without_a_meeting_says_so(client, lead, plan, steering_meeting):
    client.force_login(lead)
    response = client.post(action_url(plan, "submit"), {"meeting": ""}, follow=True)
    assert response.redirect_chain == [(reverse("plans:plan", args=[plan.pk]), 302)]
    assert "Välj sammanträde." in response.content.decode()
    plan.refresh_from_db()
    assert plan.meeting is None and plan.state == ManagementPlan.State.DRAFT
    # A meeting of another body (not a steering group) is not offered and not accepted.
    preparing = Body.objects.get(short_name="Beredningsgruppen")
    prep = meetings.meeting_plan(actor=lead, body=preparing, date=dt.date(YEAR, 9, 1))
    response = client.post(action_url(plan, "submit"), {"meeting": prep.pk})
    assert said(response) == ["Välj sammanträde."]
    plan.refresh_from_db()
    assert plan.meeting is None


def test_approving_a_plan_by_a_sitiv_decision(client, lead, plan, decided):
    _meeting, decision, referral = decided
    client.force_login(lead)
    response = client.post(action_url(plan, "approve"), {"decision": decision.pk}, follow=True)
    assert response.redirect_chain == [(reverse("plans:plan", args=[plan.pk]), 302)]
    page = response.content.decode()
    assert "Planen är godkänd." in page
    assert reverse("meetings:decision", args=[decision.pk]) in page  # "Godkänd genom"
    plan.refresh_from_db()
    assert plan.state == ManagementPlan.State.APPROVED and plan.approved_by == decision


def test_approval_refusals_are_said_and_change_nothing(client, lead, plan, decided, bibblix):
    _meeting, decision, referral = decided
    client.force_login(lead)
    # A referral is no decision: not among the choices.
    response = client.post(action_url(plan, "approve"), {"decision": referral.pk}, follow=True)
    assert response.redirect_chain == [(reverse("plans:plan", args=[plan.pk]), 302)]
    assert "Välj SITIV-beslutet." in response.content.decode()
    # A decision about another object: the service's refusal.
    other = services.plan_create(actor=lead, managed_object=bibblix, year=YEAR)
    response = client.post(action_url(other, "approve"), {"decision": decision.pk})
    assert response.url == reverse("plans:plan", args=[other.pk])
    assert said(response) == ["Beslutet gäller ett annat förvaltningsobjekt (SAMSA)."]
    assert not ManagementPlan.objects.filter(state=ManagementPlan.State.APPROVED).exists()


def test_the_approval_offers_sitiv_decisions_that_may_concern_the_plans_object(
    client, lead, plan, decided, bibblix
):
    """Only SITIV's decisions taken, on a case about the plan's object or naming none: the
    decision about SAMSA is offered for SAMSA's plan, not for Bibblix's."""
    _meeting, decision, referral = decided
    other = services.plan_create(actor=lead, managed_object=bibblix, year=YEAR)
    client.force_login(lead)

    def offered(p):
        page = client.get(reverse("plans:plan", args=[p.pk])).content.decode()
        select = re.search(r'<select name="decision".*?</select>', page, re.S).group(0)
        return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}

    assert offered(plan) == {decision.pk}
    assert offered(other) == set()
    page = client.get(reverse("plans:plan", args=[other.pk])).content.decode()
    assert f"Det finns inget fattat SITIV-beslut om {bibblix.name} ännu." in page


def test_plan_actions_are_refused_without_the_right(
    client, contact_user, plan, steering_meeting, decided
):
    client.force_login(contact_user)
    response = client.post(
        action_url(plan, "submit"), {"meeting": steering_meeting.pk}, follow=True
    )
    assert response.redirect_chain == [(reverse("plans:plan", args=[plan.pk]), 302)]
    assert "Du saknar behörighet att skriva förvaltningsplaner." in response.content.decode()
    response = client.post(action_url(plan, "approve"), {"decision": decided[1].pk})
    assert said(response) == [
        "Du saknar behörighet att registrera SITIV:s godkännande av förvaltningsplaner."
    ]
    plan.refresh_from_db()
    assert plan.state == ManagementPlan.State.DRAFT and plan.meeting is None
    assert plan.approved_by is None


def test_plan_action_needs_a_post_a_known_action_and_a_signed_in_user(client, lead, plan):
    url = action_url(plan, "submit")
    assert_sent_to_login(client.post(url, {}), url)
    client.force_login(lead)
    assert client.get(url).status_code == 405
    response = client.post(action_url(plan, "publicera"), {})
    assert response.status_code == 404 and "Sidan finns inte" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == ManagementPlan.State.DRAFT
    assert (
        client.post(reverse("plans:plan_action", args=[plan.pk + 99, "submit"])).status_code == 404
    )


# --- plans:status_file --------------------------------------------------------------------


@pytest.fixture
def status_report(steering_meeting, samsa, lead):
    return services.status_report_save(
        actor=lead,
        managed_object=samsa,
        meeting=steering_meeting,
        submit=False,
        date=dt.date(YEAR, 9, 1),
        assignment="Samordnad informationsöverföring.",
        events="Ny version i maj",
    )


def status_file_url(report, fmt):
    return reverse("plans:status_file", args=[report.pk, fmt])


def test_status_report_as_pdf(client, contact_user, status_report):
    client.force_login(contact_user)  # any signed-in user may read it
    response = client.get(status_file_url(status_report, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        f'inline; filename="statusrapport-SAMSA-{YEAR}-10-02.pdf"'
    )
    text = pdf_text(response.content)
    assert "Statusrapport SAMSA – samordnad vård" in text and "Ny version i maj" in text


def test_status_report_as_docx(client, lead, status_report):
    from docx import Document as Docx

    client.force_login(lead)
    response = client.get(status_file_url(status_report, "docx"))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response.content.startswith(b"PK")
    assert response["Content-Disposition"] == (
        f'attachment; filename="statusrapport-SAMSA-{YEAR}-10-02.docx"'
    )
    text = "\n".join(p.text for p in Docx(io.BytesIO(response.content)).paragraphs)
    assert "Samordnad informationsöverföring." in text


def test_status_report_file_of_an_unknown_format_or_report_is_not_found(
    client, lead, status_report, samsa, plan
):
    client.force_login(lead)
    for fmt in ("xlsx", "PDF", "exe"):
        response = client.get(status_file_url(status_report, fmt))
        assert response.status_code == 404, fmt
        assert not response.content.startswith((b"PK", b"%PDF")), fmt
    assert (
        client.get(reverse("plans:status_file", args=[status_report.pk + 9, "pdf"])).status_code
        == 404
    )
    # The plan's file takes the same formats.
    assert client.get(reverse("plans:plan_file", args=[plan.pk, "odt"])).status_code == 404


def test_status_report_file_needs_a_signed_in_user(client, status_report):
    url = status_file_url(status_report, "pdf")
    assert_sent_to_login(client.get(url), url)


# --- plans:quarterly_draft ----------------------------------------------------------------

DRAFT_URL = reverse("plans:quarterly_draft")


def test_drafting_a_quarterly_report_opens_it(client, lead, samsa):
    services.deviation_record(
        actor=lead,
        managed_object=samsa,
        description="Driftstörning två dagar",
        severity="high",
        date=dt.date(YEAR, 5, 3),
    )
    client.force_login(lead)
    response = client.post(DRAFT_URL, {"year": YEAR, "quarter": 2}, follow=True)
    report = QuarterlyReport.objects.get()
    assert (report.year, report.quarter) == (YEAR, 2)
    assert response.redirect_chain == [(reverse("plans:quarterly", args=[report.pk]), 302)]
    page = response.content.decode()
    assert (
        "Kvartalsrapporten är sammanställd ur systemets uppgifter. Redigera texten och publicera."
        in page
    )
    assert f"<h1>Kvartalsrapport {YEAR} Q2</h1>" in page and "Driftstörning två dagar" in page
    assert AuditEntry.objects.filter(action="plans.quarterly.drafted").count() == 1


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"year": YEAR, "quarter": 5}, "quarter", "Välj ett giltigt alternativ."),
        ({"year": YEAR}, "quarter", "Detta fält måste fyllas i."),
        ({"year": "i år", "quarter": 1}, "year", "Fyll i ett heltal."),
        ({"year": "²", "quarter": 1}, "year", "Fyll i ett heltal."),
        # Past what a date holds: this answered 500 before the year was checked (rule 10).
        ({"year": str(2**70), "quarter": 1}, "year", "mindre än eller lika med 2100"),
        ({"year": 5000, "quarter": 1}, "year", "mindre än eller lika med 2100"),
        ({"year": 1999, "quarter": 1}, "year", "större än eller lika med 2000"),
    ],
)
def test_a_bad_quarter_is_said_beside_its_field_on_the_plans_page(
    client, lead, data, field, message
):
    client.force_login(lead)
    response = client.post(DRAFT_URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Planer och rapporter</h1>" in page
    assert message in error_beside(page, field)
    # What was typed stays in the field.
    assert f'value="{data["year"]}"' in page
    assert not QuarterlyReport.objects.exists()


def test_a_published_quarter_is_not_redrawn(client, lead):
    report = services.quarterly_draft(actor=lead, year=YEAR, quarter=1)
    services.quarterly_publish(actor=lead, report=report)
    client.force_login(lead)
    response = client.post(DRAFT_URL, {"year": YEAR, "quarter": 1})
    assert response.status_code == 400
    assert "Kvartalsrapporten är publicerad och kan inte dras om." in response.content.decode()
    assert AuditEntry.objects.filter(action="plans.quarterly.drafted").count() == 1


def test_drafting_is_refused_without_the_right(client, contact_user):
    client.force_login(contact_user)
    response = client.post(DRAFT_URL, {"year": YEAR, "quarter": 1}, follow=True)
    assert response.redirect_chain == [(reverse("plans:index"), 302)]
    assert "Du saknar behörighet att skriva kvartalsrapporter." in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_drafting_needs_a_post_and_a_signed_in_user(client, lead):
    assert_sent_to_login(client.post(DRAFT_URL, {"year": YEAR, "quarter": 1}), DRAFT_URL)
    client.force_login(lead)
    assert client.get(DRAFT_URL).status_code == 405
    assert not QuarterlyReport.objects.exists()


# --- plans:quarterly ----------------------------------------------------------------------


@pytest.fixture
def quarterly(lead):
    return services.quarterly_draft(actor=lead, year=YEAR, quarter=3)


def quarterly_url(report):
    return reverse("plans:quarterly", args=[report.pk])


def quarterly_post(report, **texts):
    data = {
        "economy_staffing": report.economy_staffing,
        "objects_status": report.objects_status,
        "development": report.development,
        "deviations": report.deviations,
        "goals": report.goals,
        "other": "",
        "version": report.version,
    }
    return {**data, **texts}


def test_the_quarterly_page_shows_the_form_to_the_lead(client, lead, quarterly):
    client.force_login(lead)
    page = client.get(quarterly_url(quarterly)).content.decode()
    assert f"<h1>Kvartalsrapport {YEAR} Q3</h1>" in page
    for label in (
        "Ekonomi och bemanning",
        "Status per förvaltningsobjekt mot plan",
        "Utvecklingsaktiviteter och projekt",
        "Övrigt som styrgruppen efterfrågat",
    ):
        assert f">{label}</label>" in page, label
    assert 'name="publish"' in page and ">Publicera</button>" in page
    assert f'href="{reverse("plans:quarterly_pdf", args=[quarterly.pk])}"' in page


def test_readers_see_the_text_without_a_form(client, lead, contact_user, quarterly):
    services.quarterly_update(
        actor=lead, report=quarterly, version=quarterly.version, other="Styrgruppen bad om SITHS."
    )
    client.force_login(contact_user)
    page = client.get(quarterly_url(quarterly)).content.decode()
    assert f"<h1>Kvartalsrapport {YEAR} Q3</h1>" in page
    assert "<h2>Övrigt som styrgruppen efterfrågat</h2><p>Styrgruppen bad om SITHS.</p>" in page
    assert 'name="other"' not in page and 'name="publish"' not in page


def test_saving_the_quarterly_text(client, lead, quarterly):
    client.force_login(lead)
    response = client.post(
        quarterly_url(quarterly), quarterly_post(quarterly, other="Styrgruppen bad om SITHS.")
    )
    assert response.status_code == 302 and response.url == quarterly_url(quarterly)
    assert said(response) == ["Texten är sparad."]
    quarterly.refresh_from_db()
    assert quarterly.other == "Styrgruppen bad om SITHS." and quarterly.published_at is None
    assert AuditEntry.objects.filter(action="plans.quarterly.changed").count() == 1


def test_a_stale_quarterly_edit_is_refused(client, lead, quarterly):
    stale = quarterly_post(quarterly, other="Mitt utkast")
    services.quarterly_update(
        actor=lead, report=quarterly, version=quarterly.version, other="Någon annans"
    )
    client.force_login(lead)
    response = client.post(quarterly_url(quarterly), stale)
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page and "Mitt utkast" in page
    quarterly.refresh_from_db()
    assert quarterly.other == "Någon annans"


def test_publishing_locks_the_quarterly_report(client, lead, quarterly):
    client.force_login(lead)
    response = client.post(quarterly_url(quarterly), {"publish": "1"}, follow=True)
    assert response.redirect_chain == [(quarterly_url(quarterly), 302)]
    page = response.content.decode()
    assert "Kvartalsrapporten är publicerad." in page and "<strong>Publicerad " in page
    assert 'name="other"' not in page  # no form any more
    quarterly.refresh_from_db()
    assert quarterly.published_at is not None
    # Published twice, or changed after: refused, and said.
    response = client.post(quarterly_url(quarterly), {"publish": "1"}, follow=True)
    assert "Kvartalsrapporten är redan publicerad." in response.content.decode()
    # The page has no form any more to show why beside: it says so (it said nothing, issue
    # found by these tests).
    response = client.post(
        quarterly_url(quarterly), quarterly_post(quarterly, other="Sent"), follow=True
    )
    assert response.redirect_chain == [(quarterly_url(quarterly), 302)]
    assert "Kvartalsrapporten är publicerad och kan inte ändras." in response.content.decode()
    quarterly.refresh_from_db()
    assert quarterly.other == ""
    assert AuditEntry.objects.filter(action="plans.quarterly.changed").count() == 0


def test_changing_or_publishing_is_refused_without_the_right(client, contact_user, quarterly):
    client.force_login(contact_user)
    response = client.post(quarterly_url(quarterly), {"publish": "1"}, follow=True)
    assert response.redirect_chain == [(quarterly_url(quarterly), 302)]
    assert "Du saknar behörighet att publicera kvartalsrapporter." in response.content.decode()
    # Without the right the page has no form: the refusal is said, not swallowed.
    response = client.post(
        quarterly_url(quarterly), quarterly_post(quarterly, other="Nej"), follow=True
    )
    assert response.redirect_chain == [(quarterly_url(quarterly), 302)]
    assert "Du saknar behörighet att skriva kvartalsrapporter." in response.content.decode()
    quarterly.refresh_from_db()
    assert quarterly.published_at is None and quarterly.other == ""


def test_the_quarterly_page_needs_a_signed_in_user_and_a_report(client, lead, quarterly):
    url = quarterly_url(quarterly)
    assert_sent_to_login(client.get(url), url)
    client.force_login(lead)
    assert client.get(reverse("plans:quarterly", args=[quarterly.pk + 9])).status_code == 404


# --- plans:quarterly_pdf ------------------------------------------------------------------


def test_quarterly_report_as_pdf(client, contact_user, quarterly):
    client.force_login(contact_user)
    response = client.get(reverse("plans:quarterly_pdf", args=[quarterly.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'inline; filename="kvartalsrapport-{YEAR}-Q3.pdf"'
    text = pdf_text(response.content)
    assert f"Kvartalsrapport {YEAR} kvartal 3" in text and "Utkast" in text
    assert f"Period {YEAR}-07-01–{YEAR}-09-30" in text


def test_quarterly_pdf_needs_a_signed_in_user_and_a_report(client, lead, quarterly):
    url = reverse("plans:quarterly_pdf", args=[quarterly.pk])
    assert_sent_to_login(client.get(url), url)
    client.force_login(lead)
    assert client.get(reverse("plans:quarterly_pdf", args=[quarterly.pk + 9])).status_code == 404


# --- plans:activity -----------------------------------------------------------------------


def activity_url(year=YEAR):
    return reverse("plans:activity", args=[year])


def test_an_activity_plan_is_started_from_its_page(client, lead):
    client.force_login(lead)
    page = client.get(activity_url()).content.decode()
    assert f"<h1>Verksamhetsplan {YEAR}</h1>" in page
    assert "Ingen verksamhetsplan för året." in page and "Skapa verksamhetsplan" in page
    response = client.post(activity_url(), {}, follow=True)
    assert response.redirect_chain == [(activity_url(), 302)]
    page = response.content.decode()
    assert "Verksamhetsplanen är sparad." in page and "Inga mål än." in page
    assert "<h2>Lägg till mål</h2>" in page and '<label for="id_text">Mål' in page
    assert ActivityPlan.objects.get().year == YEAR


def test_adding_and_following_up_a_goal(client, lead):
    plan = services.activity_plan_create(actor=lead, year=YEAR)
    client.force_login(lead)
    response = client.post(
        activity_url(),
        {"goal": "1", "horizon": "short", "area": "SITHS", "text": "Minska SITHS-överskotten"},
        follow=True,
    )
    assert response.redirect_chain == [(activity_url(), 302)]
    assert "Verksamhetsplanen är sparad." in response.content.decode()
    goal = plan.goals.get()
    assert (goal.text, goal.area, goal.horizon) == ("Minska SITHS-överskotten", "SITHS", "short")
    page = response.content.decode()
    assert "<strong>SITHS:</strong> Minska SITHS-överskotten" in page
    assert f'name="g{goal.pk}-state"' in page
    response = client.post(
        activity_url(),
        {"follow_up": goal.pk, f"g{goal.pk}-state": "ongoing", f"g{goal.pk}-comment": "Utreds."},
        follow=True,
    )
    assert "Verksamhetsplanen är sparad." in response.content.decode()
    goal.refresh_from_db()
    assert goal.state == Goal.State.ONGOING and goal.comment == "Utreds."
    assert "Läge: Pågår – Utreds." in response.content.decode()


def test_goal_refusals_are_shown_beside_the_field_and_save_nothing(client, lead):
    plan = services.activity_plan_create(actor=lead, year=YEAR)
    client.force_login(lead)
    response = client.post(activity_url(), {"goal": "1", "horizon": "short", "area": "SITHS"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv målet." in error_beside(page, "text")
    assert 'name="area" value="SITHS"' in page  # what was typed is kept
    assert not plan.goals.exists()
    goal = services.goal_add(actor=lead, plan=plan, text="Mål")
    response = client.post(
        activity_url(),
        {
            "follow_up": goal.pk,
            f"g{goal.pk}-state": "kanske",
            f"g{goal.pk}-comment": "Inväntar beslut.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ." in error_beside(page, f"g{goal.pk}-state")
    assert "\nInväntar beslut.</textarea>" in page
    goal.refresh_from_db()
    assert goal.state == Goal.State.NOT_STARTED
    assert not AuditEntry.objects.filter(action="plans.goal.followed_up").exists()
    # A goal of another year's plan is not found through this year's page.
    other = services.goal_add(
        actor=lead, plan=services.activity_plan_create(actor=lead, year=YEAR + 1), text="Annat"
    )
    response = client.post(
        activity_url(), {"follow_up": other.pk, f"g{other.pk}-state": "achieved"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.state == Goal.State.NOT_STARTED


def test_a_follow_up_from_an_older_page_is_refused(client, lead, auth_header):
    """Rule 4: the follow-up form carries the goal's version; a second follow-up made from
    a page read before the first is refused, on the page and through the API (409)."""
    plan = services.activity_plan_create(actor=lead, year=YEAR)
    goal = services.goal_add(actor=lead, plan=plan, text="Minska SITHS-överskotten")
    client.force_login(lead)
    page = client.get(activity_url()).content.decode()
    assert f'name="g{goal.pk}-version" value="{goal.version}"' in page
    follow_up = {"follow_up": goal.pk, f"g{goal.pk}-version": goal.version}
    client.post(activity_url(), {**follow_up, f"g{goal.pk}-state": "ongoing"})
    response = client.post(
        activity_url(), {**follow_up, f"g{goal.pk}-state": "achieved"}, follow=True
    )
    assert "Posten har ändrats av någon annan sedan du öppnade den" in response.content.decode()
    goal.refresh_from_db()
    assert goal.state == Goal.State.ONGOING
    stale = client.post(
        f"/api/v1/goals/{goal.pk}/follow-up",
        {"state": "achieved", "version": 1},
        content_type="application/json",
        headers=auth_header(lead),
    )
    assert stale.status_code == 409
    goal.refresh_from_db()
    assert goal.state == Goal.State.ONGOING


def test_readers_see_the_plan_and_cannot_change_it(client, lead, contact_user):
    plan = services.activity_plan_create(actor=lead, year=YEAR)
    services.goal_add(actor=lead, plan=plan, text="Minska SITHS-överskotten")
    client.force_login(contact_user)
    page = client.get(activity_url()).content.decode()
    assert "Minska SITHS-överskotten" in page
    assert "Lägg till mål" not in page and "Följ upp" not in page
    # Refused and said (it used to show the page again as if nothing was asked).
    response = client.post(
        activity_url(), {"goal": "1", "horizon": "short", "text": "Nytt"}, follow=True
    )
    assert response.redirect_chain == [(activity_url(), 302)]
    refusal = "Du saknar behörighet att skriva och följa upp verksamhetsplanen."
    assert refusal in response.content.decode()
    assert plan.goals.count() == 1
    response = client.post(activity_url(YEAR + 1), {}, follow=True)
    assert refusal in response.content.decode()
    assert not ActivityPlan.objects.filter(year=YEAR + 1).exists()


def test_the_activity_page_needs_a_signed_in_user(client):
    url = activity_url()
    assert_sent_to_login(client.get(url), url)


def test_the_report_pages_run_a_bounded_number_of_queries(
    client, lead, quarterly, django_assert_max_num_queries
):
    plan = services.activity_plan_create(actor=lead, year=YEAR)
    for i in range(3):
        services.goal_add(actor=lead, plan=plan, text=f"Mål {i}")
    client.force_login(lead)
    client.get(activity_url())
    with django_assert_max_num_queries(12):
        few = client.get(activity_url()).content.decode()
    for i in range(3, 30):
        services.goal_add(actor=lead, plan=plan, text=f"Mål {i}")
    with django_assert_max_num_queries(12):
        many = client.get(activity_url()).content.decode()
    assert few.count(">Följ upp</button>") == 3 and many.count(">Följ upp</button>") == 30
    with django_assert_max_num_queries(12):
        assert client.get(quarterly_url(quarterly)).status_code == 200


def test_the_send_form_chooses_the_next_meeting_once_the_plans_meeting_has_passed(
    client, lead, plan, sitiv
):
    today = dt.date.today()
    past = meetings.meeting_plan(actor=lead, body=sitiv, date=today - dt.timedelta(days=30))
    coming = meetings.meeting_plan(actor=lead, body=sitiv, date=today + dt.timedelta(days=20))
    meetings.meeting_plan(actor=lead, body=sitiv, date=today + dt.timedelta(days=90))
    services.plan_submit(actor=lead, plan=plan, meeting=past)
    client.force_login(lead)
    url = reverse("plans:plan", args=[plan.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{coming.pk}" selected>' in page
    # While the plan's meeting lies ahead, that is the one chosen.
    later = meetings.meeting_plan(actor=lead, body=sitiv, date=today + dt.timedelta(days=60))
    services.plan_submit(actor=lead, plan=plan, meeting=later)
    page = client.get(url).content.decode()
    assert f'<option value="{later.pk}" selected>' in page
    assert f'<option value="{coming.pk}">' in page
