import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.meetings import services
from gits.meetings.models import Case
from tests.factories import BodyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_diary_numbers_run_per_body_and_year_r10(sitiv, lead):
    a = services.case_register(actor=lead, body=sitiv, title="A", today=dt.date(2026, 3, 1))
    b = services.case_register(actor=lead, body=sitiv, title="B", today=dt.date(2026, 3, 2))
    c = services.case_register(actor=lead, body=sitiv, title="C", today=dt.date(2027, 1, 2))
    other = services.case_register(
        actor=lead, body=BodyFactory(short_name="AU2"), title="D", today=dt.date(2026, 3, 1)
    )
    assert [a.diary_number, b.diary_number, c.diary_number, other.diary_number] == [
        "SITIV 2026/1",
        "SITIV 2026/2",
        "SITIV 2027/1",
        "AU2 2026/1",
    ]
    assert AuditEntry.objects.filter(action="meetings.case.registered").count() == 4


def test_refused_move_names_the_states(sitiv, lead):
    case = services.case_register(actor=lead, body=sitiv, title="A")
    with pytest.raises(DomainError) as err:
        services.case_move(actor=lead, case=case, to_state=Case.State.DECIDED)
    assert "anmält kan inte bli beslutat" in str(err.value)


def test_prepared_needs_a_preparer_per_side_and_a_proposal_r7(sitiv, lead):
    case = services.case_register(actor=lead, body=sitiv, title="A")
    services.case_move(actor=lead, case=case, to_state=Case.State.IN_PREPARATION)
    with pytest.raises(DomainError, match="en tjänsteperson från varje sida"):
        services.case_move(actor=lead, case=case, to_state=Case.State.PREPARED)


def test_preparer_must_sit_in_the_preparation_group_on_that_side_r7(sitiv, lead):
    case = services.case_register(actor=lead, body=sitiv, title="A")
    with pytest.raises(DomainError) as err:
        services.case_update(
            actor=lead, case=case, version=case.version, preparer_region=PersonFactory()
        )
    assert err.value.field == "preparer_region"


def test_case_on_agenda_cannot_be_edited(held_meeting, lead):
    _, items = held_meeting()
    case = items[0].case
    case.refresh_from_db()
    with pytest.raises(DomainError, match="kan inte ändras"):
        services.case_update(actor=lead, case=case, version=case.version, title="Ny")


def test_the_case_page_offers_its_form_only_while_the_case_may_change(
    client, sitiv, held_meeting, lead
):
    client.force_login(lead)
    open_case = services.case_register(actor=lead, body=sitiv, title="Öppet")
    page = client.get(reverse("meetings:case", args=[open_case.pk])).content.decode()
    assert "Spara beredningen" in page and "kan inte längre ändras" not in page
    _, items = held_meeting()
    page = client.get(reverse("meetings:case", args=[items[0].case_id])).content.decode()
    assert "Spara beredningen" not in page
    assert "Ärendet är på dagordning: rubrik, beredning och förslag kan inte längre" in page


def test_attachment_types_and_size(sitiv, lead, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = services.case_register(actor=lead, body=sitiv, title="A")
    ok = services.case_attach(
        actor=lead,
        case=case,
        upload=SimpleUploadedFile("Underlag.pdf", b"%PDF-1.4 test", "application/pdf"),
    )
    assert ok.original_name == "Underlag.pdf" and "Underlag" not in ok.file.name
    with pytest.raises(DomainError, match="tas inte emot"):
        services.case_attach(actor=lead, case=case, upload=SimpleUploadedFile("virus.exe", b"MZ"))
    big = SimpleUploadedFile("stor.pdf", b"0")
    big.size = 21 * 1024 * 1024
    with pytest.raises(DomainError, match="20 MB"):
        services.case_attach(actor=lead, case=case, upload=big)


def test_attachment_download_needs_login(client, sitiv, lead, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = services.case_register(actor=lead, body=sitiv, title="A")
    a = services.case_attach(
        actor=lead, case=case, upload=SimpleUploadedFile("Underlag.pdf", b"%PDF-1.4 test")
    )
    assert client.get(f"/bilagor/{a.pk}/").status_code == 302
    client.force_login(lead)
    response = client.get(f"/bilagor/{a.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert 'filename="Underlag.pdf"' in response["Content-Disposition"]


def test_contact_cannot_register_cases(sitiv, contact_user):
    with pytest.raises(RightMissing):
        services.case_register(actor=contact_user, body=sitiv, title="A")
