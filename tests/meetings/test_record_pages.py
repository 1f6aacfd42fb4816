"""The pages that change a meeting's record: attaching a file to a case, correcting signed
minutes (R-14), taking a paragraph off the agenda (R-12), amending a decision's wording,
giving an assignment from a decision and reporting it back. Each is posted from the page of
its record (the case, the meeting, the decision) and comes back there saying what happened. A
refusal is shown beside its field with what was typed: on the record's page, or for a reason
or a wording on a page of its own (core/formviews.record_form)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gits.bodies.models import Body
from gits.core.models import AuditEntry
from gits.meetings import services
from gits.meetings.models import AgendaItem, Assignment, Case, CaseAttachment, Minutes
from tests.meetings.conftest import YEAR
from tests.pages import assert_sent_to_login, error_beside

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def success(text: str) -> str:
    return f'<p class="message message--success">{text}</p>'


def refusal(text: str) -> str:
    return f'<p class="message message--error">{text}'


@pytest.fixture
def signed_in(client, lead):
    client.force_login(lead)
    return client


@pytest.fixture
def decided(held_meeting, lead):
    """A held meeting: § 1 decided, § 2 open."""
    meeting, items = held_meeting()
    decision = services.decision_record(
        actor=lead, item=items[0], outcome="decided", text="SITIV godkänner planen."
    )
    return meeting, items, decision


def sign(meeting, lead, members):
    """Draw the minutes and have the chair and a member of the other side sign them (R-14)."""
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair = next(u for u in members.values() if u.person.pk == meeting.chair_id)
    other = next(u for u in members.values() if u.person.pk != meeting.chair_id)
    for user in (chair, other):
        services.minutes_sign(actor=user, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.is_signed
    return minutes


# --- meetings:case_attach ---------------------------------------------------------------------


@pytest.fixture
def case(sitiv, lead, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return services.case_register(actor=lead, body=sitiv, title="Nytt journalsystem")


def attach_url(case):
    return reverse("meetings:case_attach", args=[case.pk])


def test_case_page_offers_the_upload(signed_in, case):
    page = html(signed_in.get(reverse("meetings:case", args=[case.pk])))
    assert f'enctype="multipart/form-data" action="{attach_url(case)}"' in page
    assert '<label for="id_file">Bilaga' in page and 'type="file" name="file"' in page
    assert "PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV eller bild; högst 20 MB." in page
    assert "Inga bilagor." in page and ">Bifoga</button>" in page
    assert signed_in.get(attach_url(case)).status_code == 405  # a POST only


def test_attaching_a_file_saves_it_and_lists_it(signed_in, case, lead):
    upload = SimpleUploadedFile("Underlag.pdf", b"%PDF-1.4 test", "application/pdf")
    response = signed_in.post(attach_url(case), {"file": upload})
    assert response.status_code == 302
    assert response.url == reverse("meetings:case", args=[case.pk])
    attachment = CaseAttachment.objects.get()
    assert (attachment.case, attachment.original_name, attachment.size) == (
        case,
        "Underlag.pdf",
        13,
    )
    assert attachment.uploaded_by == lead and attachment.content_type == "application/pdf"
    with attachment.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 test"
    assert AuditEntry.objects.filter(action="meetings.case.attached").count() == 1
    page = html(signed_in.get(response.url))
    assert success("Bilagan är sparad.") in page
    download = reverse("meetings:attachment", args=[attachment.pk])
    assert f'<a href="{download}">Underlag.pdf</a>' in page and "Inga bilagor." not in page


def test_attaching_nothing_or_a_refused_type_saves_nothing(signed_in, case, tmp_path):
    # Refused on the case's page, beside the field (status 400).
    response = signed_in.post(attach_url(case), {})
    assert response.status_code == 400
    assert "Välj en fil att bifoga." in error_beside(html(response), "file")
    response = signed_in.post(attach_url(case), {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert response.status_code == 400
    page = html(response)
    assert "Filtypen för virus.exe tas inte emot. Tillåtna: " in error_beside(page, "file")
    assert f"<h1>{case.diary_number} {case.title}</h1>" in page  # the case's own page
    assert not CaseAttachment.objects.exists()
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]  # nothing written


def test_attaching_without_the_right_is_refused(client, case, contact_user):
    client.force_login(contact_user)
    page = html(client.get(reverse("meetings:case", args=[case.pk])))
    assert attach_url(case) not in page and 'name="file"' not in page
    response = client.post(
        attach_url(case), {"file": SimpleUploadedFile("Underlag.pdf", b"%PDF-1.4")}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("meetings:case", args=[case.pk])
    assert refusal("Du saknar behörighet att registrera och bereda ärenden.") in html(response)
    assert not CaseAttachment.objects.exists()


def test_attaching_needs_sign_in(client, case):
    url = attach_url(case)
    assert_sent_to_login(client.post(url, {"file": SimpleUploadedFile("Underlag.pdf", b"%PDF")}))
    assert not CaseAttachment.objects.exists()


# --- meetings:case_move -----------------------------------------------------------------------


def test_moving_a_case_from_its_page_checks_the_version_read(signed_in, case):
    url, page_url = reverse("meetings:case_move", args=[case.pk]), case_page(case)
    page = html(signed_in.get(page_url))
    assert f'<input type="hidden" name="version" value="{case.version}">' in page
    response = signed_in.post(url, {"state": "in_preparation", "version": case.version})
    assert response.status_code == 302 and response.url == page_url
    case.refresh_from_db()
    assert (case.state, case.version) == ("in_preparation", 2)
    # From a page read before that move: refused, said, nothing moved.
    response = signed_in.post(url, {"state": "reported", "version": 1}, follow=True)
    assert refusal("Posten har ändrats av någon annan sedan du öppnade den") in html(response)
    # A version that is no number is not checked, and never a server error.
    for version in ("x", "9" * 40):
        response = signed_in.post(url, {"state": "struck_off", "version": version}, follow=True)
        assert response.status_code == 200
        assert refusal("Ett ärende som är under beredning kan inte bli avfört.") in html(response)
    case.refresh_from_db()
    assert case.state == "in_preparation"


def case_page(case):
    return reverse("meetings:case", args=[case.pk])


# --- meetings:minutes_correct -----------------------------------------------------------------


def correct_url(meeting):
    return reverse("meetings:minutes_correct", args=[meeting.pk])


def test_meeting_page_offers_the_correction_of_signed_minutes(signed_in, decided, lead, members):
    meeting, _, _ = decided
    meeting_url = reverse("meetings:meeting", args=[meeting.pk])
    assert correct_url(meeting) not in html(signed_in.get(meeting_url))  # nothing signed yet
    sign(meeting, lead, members)
    page = html(signed_in.get(meeting_url))
    assert f'action="{correct_url(meeting)}"' in page
    assert '<label for="id_reason">Skäl till rättelsen' in page
    assert "Rätta protokollet (ny version)</button>" in page
    # Its own page, where a refused correction is shown again.
    page = html(signed_in.get(correct_url(meeting)))
    assert f"<h1>Rätta protokollet från {meeting}</h1>" in page
    assert "de som justerade den får skälet med e-post.</p>" in page
    assert f'<a href="{meeting_url}">← {meeting}</a>' in page
    assert '<label for="id_reason">Skäl till rättelsen' in page


def test_correcting_makes_a_new_version_with_the_reason(
    signed_in, decided, lead, members, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, _, _ = decided
    signed = sign(meeting, lead, members)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(correct_url(meeting), {"reason": "  Fel stavning i § 1. "})
    assert response.status_code == 302
    assert response.url == reverse("meetings:meeting", args=[meeting.pk])
    corrected = Minutes.objects.get(meeting=meeting, version=2)
    assert corrected.correction_reason == "Fel stavning i § 1."
    assert corrected.created_by == lead and not corrected.is_signed
    assert Minutes.objects.get(pk=signed.pk).is_signed  # the locked version stays the record
    # The two who signed the locked version are told why it is corrected.
    told = [m for m in mailoutbox if m.subject.startswith("Protokollet du justerade rättas")]
    assert len(told) == 2 and all("Skäl: Fel stavning i § 1." in m.body for m in told)
    page = html(signed_in.get(response.url))
    assert success("En ny version av protokollet är upprättad och ska justeras.") in page
    assert "Skäl till den nya versionen: Fel stavning i § 1." in page
    assert "Protokoll version 2 (PDF)" in page


def test_a_correction_without_a_reason_or_of_a_draft_is_refused(signed_in, decided, lead, members):
    meeting, _, _ = decided
    services.minutes_generate(actor=lead, meeting=meeting)
    response = signed_in.post(correct_url(meeting), {"reason": "Fel i § 1."})
    assert response.status_code == 400
    page = html(response)
    assert "<p>Det finns inget justerat protokoll att rätta" in page
    assert "\nFel i § 1.</textarea>" in page  # what was typed is kept
    assert Minutes.objects.filter(meeting=meeting).count() == 1
    Minutes.objects.filter(meeting=meeting).delete()
    sign(meeting, lead, members)
    response = signed_in.post(correct_url(meeting), {"reason": "  "})
    assert response.status_code == 400
    assert "Ange varför protokollet rättas." in error_beside(html(response), "reason")
    assert list(Minutes.objects.filter(meeting=meeting).values_list("version", flat=True)) == [1]


def test_correcting_without_the_right_is_refused(client, decided, lead, members, contact_user):
    meeting, _, _ = decided
    sign(meeting, lead, members)
    client.force_login(contact_user)
    meeting_url = reverse("meetings:meeting", args=[meeting.pk])
    assert correct_url(meeting) not in html(client.get(meeting_url))
    response = client.post(correct_url(meeting), {"reason": "Fel."}, follow=True)
    assert response.redirect_chain[-1][0] == meeting_url
    assert refusal("Du saknar behörighet att upprätta protokoll.") in html(response)
    assert Minutes.objects.filter(meeting=meeting).count() == 1
    response = client.get(correct_url(meeting))  # nor is the form shown
    assert response.status_code == 302 and response.url == meeting_url


def test_correcting_needs_sign_in(client, decided, lead, members):
    meeting, _, _ = decided
    sign(meeting, lead, members)
    assert_sent_to_login(client.post(correct_url(meeting), {"reason": "Fel."}))
    assert_sent_to_login(client.get(correct_url(meeting)), correct_url(meeting))
    assert Minutes.objects.filter(meeting=meeting).count() == 1


# --- meetings:agenda_remove -------------------------------------------------------------------


def remove_url(item):
    return reverse("meetings:agenda_remove", args=[item.pk])


def test_meeting_page_offers_removal_of_undecided_paragraphs(signed_in, decided):
    meeting, items, _ = decided
    page = html(signed_in.get(reverse("meetings:meeting", args=[meeting.pk])))
    assert f'action="{remove_url(items[1])}"' in page
    assert "Ta bort § 2 från dagordningen</button>" in page
    assert remove_url(items[0]) not in page  # § 1 has a decision
    assert signed_in.get(remove_url(items[1])).status_code == 405


def test_removing_a_paragraph_renumbers_and_returns_the_case(signed_in, held_meeting):
    meeting, items = held_meeting(cases=3)
    first_case = items[0].case
    response = signed_in.post(remove_url(items[0]))
    assert response.status_code == 302
    assert response.url == reverse("meetings:meeting", args=[meeting.pk]) + "#agenda-heading"
    assert not AgendaItem.objects.filter(pk=items[0].pk).exists()
    assert list(meeting.items.order_by("number").values_list("pk", "number")) == [
        (items[1].pk, 1),
        (items[2].pk, 2),
    ]
    assert Case.objects.get(pk=first_case.pk).state == Case.State.PREPARED
    page = html(signed_in.get(response.url))
    assert success("Paragrafen är borttagen.") in page
    assert "Ta bort § 3 från dagordningen" not in page


def test_a_decided_paragraph_or_one_before_a_decision_stays(signed_in, held_meeting, lead):
    meeting, items = held_meeting()
    services.decision_record(actor=lead, item=items[1], outcome="decided", text="Beslut.")
    response = signed_in.post(remove_url(items[1]), follow=True)
    assert refusal("Paragrafen har redan ett beslut.") in html(response)
    response = signed_in.post(remove_url(items[0]), follow=True)
    assert refusal("En senare paragraf har redan ett beslut och behåller sitt nummer.") in html(
        response
    )
    assert meeting.items.count() == 2


def test_no_paragraph_leaves_signed_minutes(signed_in, decided, lead, members):
    meeting, items, _ = decided
    sign(meeting, lead, members)
    page = html(signed_in.get(reverse("meetings:meeting", args=[meeting.pk])))
    assert remove_url(items[1]) not in page
    response = signed_in.post(remove_url(items[1]), follow=True)
    assert refusal("R-14: Protokollet version 1 är justerat och låst") in html(response)
    assert AgendaItem.objects.filter(pk=items[1].pk).exists()


def test_removing_without_the_right_is_refused(client, decided, contact_user):
    meeting, items, _ = decided
    client.force_login(contact_user)
    meeting_url = reverse("meetings:meeting", args=[meeting.pk])
    assert remove_url(items[1]) not in html(client.get(meeting_url))
    response = client.post(remove_url(items[1]), follow=True)
    assert response.redirect_chain == [(meeting_url + "#agenda-heading", 302)]
    expected = "Du saknar behörighet att planera sammanträden, dagordning och närvaro."
    assert refusal(expected) in html(response)
    assert AgendaItem.objects.filter(pk=items[1].pk).exists()


def test_removing_needs_sign_in(client, decided):
    _, items, _ = decided
    assert_sent_to_login(client.post(remove_url(items[1])))
    assert AgendaItem.objects.filter(pk=items[1].pk).exists()


def test_removing_an_unknown_item_is_not_found(signed_in):
    assert signed_in.post(reverse("meetings:agenda_remove", args=[999999])).status_code == 404


# --- meetings:decision_amend ------------------------------------------------------------------


def amend_url(decision):
    return reverse("meetings:decision_amend", args=[decision.pk])


def decision_url(decision):
    return reverse("meetings:decision", args=[decision.pk])


def test_decision_page_offers_the_amendment(signed_in, decided):
    _, _, decision = decided
    page = html(signed_in.get(decision_url(decision)))
    assert f'action="{amend_url(decision)}"' in page
    assert "Ändra beslutstexten (före justering eller i en rättelse)</label>" in page
    assert 'name="text" rows="3">SITIV godkänner planen.</textarea>' in page
    assert f'<input type="hidden" name="version" value="{decision.version}">' in page
    assert "Spara beslutstexten</button>" in page
    # Its own page, where a refused wording is shown again.
    page = html(signed_in.get(amend_url(decision)))
    assert f"<h1>Ändra beslutstexten: {decision}</h1>" in page
    assert "\nSITIV godkänner planen.</textarea>" in page
    assert f'<a href="{decision_url(decision)}">← {decision}</a>' in page


def test_amending_changes_the_wording(signed_in, decided):
    _, _, decision = decided
    response = signed_in.post(
        amend_url(decision), {"text": " SITIV godkänner planen 2026. ", "version": 1}
    )
    assert response.status_code == 302 and response.url == decision_url(decision)
    decision.refresh_from_db()
    assert (decision.text, decision.version) == ("SITIV godkänner planen 2026.", 2)
    assert AuditEntry.objects.filter(action="meetings.decision.amended").count() == 1
    page = html(signed_in.get(response.url))
    assert success("Beslutstexten är ändrad.") in page and "SITIV godkänner planen 2026." in page


def test_an_empty_wording_is_refused(signed_in, decided):
    _, _, decision = decided
    response = signed_in.post(amend_url(decision), {"text": "   ", "version": 1})
    assert response.status_code == 400
    assert "Ange beslutstexten." in error_beside(html(response), "text")
    decision.refresh_from_db()
    assert decision.text == "SITIV godkänner planen."


def test_two_amending_at_once_do_not_overwrite_each_other(signed_in, decided, lead):
    """Rule 4: the second wording, read before the first was saved, is refused and kept."""
    _, _, decision = decided
    services.decision_amend(actor=lead, decision=decision, text="Först.", version=1)
    response = signed_in.post(amend_url(decision), {"text": "Sedan.", "version": 1})
    assert response.status_code == 400
    page = html(response)
    assert "Posten har ändrats av någon annan sedan du öppnade den" in page
    assert "\nSedan.</textarea>" in page
    decision.refresh_from_db()
    assert decision.text == "Först."


def test_signed_decisions_are_not_amended(signed_in, decided, lead, members):
    _, _, decision = decided
    sign(decision.item.meeting, lead, members)
    assert amend_url(decision) not in html(signed_in.get(decision_url(decision)))
    response = signed_in.post(amend_url(decision), {"text": "Ändrat.", "version": 1})
    assert response.status_code == 400
    assert "<p>R-14: Protokollet version 1 är justerat och låst" in html(response)
    decision.refresh_from_db()
    assert decision.text == "SITIV godkänner planen."


def test_amending_without_the_right_is_refused(client, decided, contact_user):
    _, _, decision = decided
    client.force_login(contact_user)
    assert amend_url(decision) not in html(client.get(decision_url(decision)))
    response = client.post(amend_url(decision), {"text": "Ändrat."}, follow=True)
    assert response.redirect_chain[-1][0] == decision_url(decision)
    assert refusal("Du saknar behörighet att föra in beslut.") in html(response)
    decision.refresh_from_db()
    assert decision.text == "SITIV godkänner planen."
    response = client.get(amend_url(decision))  # nor is the form shown
    assert response.status_code == 302 and response.url == decision_url(decision)


def test_amending_needs_sign_in(client, decided):
    _, _, decision = decided
    assert_sent_to_login(client.post(amend_url(decision), {"text": "Ändrat."}))
    decision.refresh_from_db()
    assert decision.text == "SITIV godkänner planen."


def test_the_api_amends_with_the_version_read(client, decided, lead, auth_header):
    """The same rule through the API: PATCH with the version read; a stale one is 409."""
    _, _, decision = decided
    url, header = f"/api/v1/decisions/{decision.pk}", auth_header(lead)
    ok = client.patch(
        url, {"text": "Först.", "version": 1}, content_type="application/json", headers=header
    )
    assert ok.status_code == 200 and (ok.json()["text"], ok.json()["version"]) == ("Först.", 2)
    stale = client.patch(
        url, {"text": "Sedan.", "version": 1}, content_type="application/json", headers=header
    )
    assert stale.status_code == 409
    decision.refresh_from_db()
    assert decision.text == "Först."


# --- meetings:assignment_give -----------------------------------------------------------------


def give_url(decision):
    return reverse("meetings:assignment_give", args=[decision.pk])


DUE = dt.date(YEAR + 1, 3, 1)


def test_decision_page_offers_to_give_an_assignment(signed_in, decided):
    _, _, decision = decided
    page = html(signed_in.get(decision_url(decision)))
    assert "Ge ett uppdrag</h2>" in page and f'action="{give_url(decision)}"' in page
    for field, label in [
        ("assignee_body", "Till organ"),
        ("assignee_person", "Till person"),
        ("description", "Uppdrag"),
        ("expected_report", "Förväntad återrapportering"),
        ("due_date", "Återrapporteras senast"),
    ]:
        assert f'<label for="id_{field}">{label}' in page
    assert "Inga uppdrag." in page and "Ge uppdraget</button>" in page
    assert signed_in.get(give_url(decision)).status_code == 405


def test_giving_an_assignment(signed_in, decided, lead):
    _, _, decision = decided
    au = Body.objects.get(short_name="SITIV AU")
    response = signed_in.post(
        give_url(decision),
        {
            "assignee_body": au.pk,
            "description": "Gör en översyn av avtalen.",
            "expected_report": "Förslag till nytt avtal",
            "due_date": DUE.isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == decision_url(decision)
    assignment = Assignment.objects.get()
    assert (assignment.decision, assignment.assignee_body, assignment.assignee_person) == (
        decision,
        au,
        None,
    )
    assert assignment.description == "Gör en översyn av avtalen."
    assert assignment.expected_report == "Förslag till nytt avtal"
    assert assignment.due_date == DUE and assignment.reported_at is None
    page = html(signed_in.get(response.url))
    assert success("Uppdraget är givet.") in page
    assert "Gör en översyn av avtalen." in page and f"senast {DUE:%Y-%m-%d}" in page
    assert "Återrapportering: Förslag till nytt avtal" in page


def test_an_incomplete_assignment_is_shown_again_with_the_errors(signed_in, decided):
    _, _, decision = decided
    au = Body.objects.get(short_name="SITIV AU")
    response = signed_in.post(give_url(decision), {"assignee_body": au.pk, "due_date": "x"})
    page = html(response)
    assert response.status_code == 400 and 'role="alert"' in page
    assert 'id="id_description-error"' in page and 'id="id_due_date-error"' in page
    assert "SITIV godkänner planen." in page  # still the decision's page
    response = signed_in.post(
        give_url(decision), {"description": "Gör en översyn.", "due_date": DUE.isoformat()}
    )
    page = html(response)
    assert response.status_code == 400
    assert 'id="id_assignee_body-error"' in page
    assert "Ange vem uppdraget ges till: ett organ eller en person." in page
    assert not Assignment.objects.exists()


def test_an_assignment_comes_only_from_a_decision_taken(signed_in, decided, lead):
    _, items, _ = decided
    referred = services.decision_record(
        actor=lead, item=items[1], outcome="referred_back", objections="Underlag saknas."
    )
    assert give_url(referred) not in html(signed_in.get(decision_url(referred)))
    au = Body.objects.get(short_name="SITIV AU")
    response = signed_in.post(
        give_url(referred),
        {"assignee_body": au.pk, "description": "Översyn.", "due_date": DUE.isoformat()},
    )
    assert response.status_code == 400
    assert "Uppdrag ges bara genom ett fattat beslut." in html(response)
    assert not Assignment.objects.exists()


def test_giving_without_the_right_is_refused(client, decided, contact_user):
    _, _, decision = decided
    client.force_login(contact_user)
    assert give_url(decision) not in html(client.get(decision_url(decision)))
    au = Body.objects.get(short_name="SITIV AU")
    response = client.post(
        give_url(decision),
        {"assignee_body": au.pk, "description": "Översyn.", "due_date": DUE.isoformat()},
    )
    assert response.status_code == 400
    assert "Du saknar behörighet att ge och återrapportera uppdrag." in html(response)
    assert not Assignment.objects.exists()


def test_giving_needs_sign_in(client, decided):
    _, _, decision = decided
    au = Body.objects.get(short_name="SITIV AU")
    response = client.post(
        give_url(decision),
        {"assignee_body": au.pk, "description": "Översyn.", "due_date": DUE.isoformat()},
    )
    assert_sent_to_login(response)
    assert not Assignment.objects.exists()


# --- meetings:assignment_report ---------------------------------------------------------------


@pytest.fixture
def assignment(decided, lead):
    _, _, decision = decided
    return services.assignment_give(
        actor=lead,
        decision=decision,
        assignee_body=Body.objects.get(short_name="SITIV AU"),
        description="Gör en översyn.",
        due_date=DUE,
    )


def report_url(assignment):
    return reverse("meetings:assignment_report", args=[assignment.pk])


def test_decision_page_offers_the_report(signed_in, assignment):
    page = html(signed_in.get(decision_url(assignment.decision)))
    assert f'action="{report_url(assignment)}"' in page
    assert f'<input type="hidden" name="version" value="{assignment.version}">' in page
    assert f'<label for="reported-{assignment.pk}">Återrapporterat</label>' in page
    assert f'<label for="report-{assignment.pk}">Återrapport</label>' in page
    assert "Återrapportera</button>" in page
    page = html(signed_in.get(report_url(assignment)))
    assert "<h1>Återrapportera uppdraget</h1>" in page
    assert f"<p>SITIV AU: Gör en översyn. – senast {DUE:%Y-%m-%d}.</p>" in page
    assert f'<a href="{decision_url(assignment.decision)}">← {assignment.decision}</a>' in page
    assert f'name="reported_at" value="{dt.date.today():%Y-%m-%d}"' in page


def test_reporting_an_assignment_back(signed_in, assignment):
    day = dt.date(YEAR, 6, 1)
    response = signed_in.post(
        report_url(assignment),
        {"reported_at": day.isoformat(), "report": " Översynen är klar. ", "version": 1},
    )
    assert response.status_code == 302
    assert response.url == decision_url(assignment.decision)
    assignment.refresh_from_db()
    assert (assignment.reported_at, assignment.report) == (day, "Översynen är klar.")
    page = html(signed_in.get(response.url))
    assert success("Uppdraget är återrapporterat.") in page
    assert f"Återrapporterat {day:%Y-%m-%d}: Översynen är klar." in page
    assert report_url(assignment) not in page  # reported once
    response = signed_in.post(
        report_url(assignment),
        {"reported_at": day.isoformat(), "report": "Igen.", "version": assignment.version},
    )
    assert response.status_code == 400
    assert "<p>Uppdraget är redan återrapporterat.</p>" in html(response)
    assignment.refresh_from_db()
    assert assignment.report == "Översynen är klar."


def test_an_incomplete_or_stale_report_is_refused_and_kept(signed_in, assignment):
    url, day = report_url(assignment), dt.date(YEAR, 6, 1).isoformat()
    response = signed_in.post(url, {"reported_at": day, "report": "", "version": 1})
    assert response.status_code == 400
    assert "Skriv återrapporten." in error_beside(html(response), "report")
    response = signed_in.post(url, {"reported_at": "x", "report": "Klar i maj.", "version": 1})
    assert response.status_code == 400
    page = html(response)
    assert "Fyll i ett giltigt datum." in error_beside(page, "reported_at")
    assert "\nKlar i maj.</textarea>" in page  # the report typed is not lost
    response = signed_in.post(url, {"reported_at": day, "report": "Klar i maj.", "version": 0})
    assert response.status_code == 400
    page = html(response)
    assert "Posten har ändrats av någon annan sedan du öppnade den" in page
    assert "\nKlar i maj.</textarea>" in page
    assignment.refresh_from_db()
    assert assignment.reported_at is None and assignment.report == ""


def test_reporting_without_the_right_is_refused(client, assignment, contact_user):
    client.force_login(contact_user)
    assert report_url(assignment) not in html(client.get(decision_url(assignment.decision)))
    response = client.post(
        report_url(assignment),
        {"reported_at": dt.date(YEAR, 6, 1).isoformat(), "report": "Klar.", "version": 1},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == decision_url(assignment.decision)
    assert refusal("Du saknar behörighet att ge och återrapportera uppdrag.") in html(response)
    assignment.refresh_from_db()
    assert assignment.reported_at is None
    response = client.get(report_url(assignment))  # nor is the form shown
    assert response.status_code == 302 and response.url == decision_url(assignment.decision)


def test_reporting_needs_sign_in(client, assignment):
    response = client.post(
        report_url(assignment),
        {"reported_at": dt.date(YEAR, 6, 1).isoformat(), "report": "Klar.", "version": 1},
    )
    assert_sent_to_login(response)
    assignment.refresh_from_db()
    assert assignment.reported_at is None
