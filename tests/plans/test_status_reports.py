import datetime as dt
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from gits.bodies.models import Person
from gits.core.errors import DomainError
from gits.meetings import services as meetings
from gits.plans import services
from gits.plans.models import MeetingPack, StatusReport
from gits.plans.selectors import status_overview
from tests.plans.conftest import YEAR

pytestmark = pytest.mark.django_db
FIELDS = {
    "coordinators": "Per Förlagsson",
    "assignment": "Samordnad informationsöverföring.",
    "events": "- Ny version i maj",
    "issues": "- Rekrytering",
    "planned": "- Samexistens med Millennium",
    "economy": "Inom budget.",
}


@pytest.fixture
def meeting(sitiv, lead):
    return meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 9, 19))


def test_submit_names_the_missing_field(meeting, samsa, lead):
    with pytest.raises(DomainError) as err:
        services.status_report_save(
            actor=lead,
            managed_object=samsa,
            meeting=meeting,
            submit=True,
            date=dt.date(YEAR, 9, 1),
            **{**FIELDS, "planned": " "},
        )
    assert err.value.field == "planned" and "Planerade aktiviteter" in str(err.value)
    assert not StatusReport.objects.exists()


def test_date_after_the_meeting_is_refused(meeting, samsa, lead):
    with pytest.raises(DomainError) as err:
        services.status_report_save(
            actor=lead,
            managed_object=samsa,
            meeting=meeting,
            submit=False,
            date=dt.date(YEAR, 9, 20),
        )
    assert err.value.field == "date"


def test_overview_shows_reported_missing_and_late_r16(meeting, samsa, bibblix, lead):
    report = services.status_report_save(
        actor=lead,
        managed_object=samsa,
        meeting=meeting,
        submit=True,
        date=dt.date(YEAR, 9, 1),
        **FIELDS,
    )
    assert meeting.material_deadline == dt.date(YEAR, 9, 9)
    states = {row.managed_object.short_name: row.state for row in status_overview(meeting)}
    expected_samsa = "late" if report.is_late else "submitted"
    assert states == {"SAMSA": expected_samsa, "Bibblix": "missing"}
    StatusReport.objects.filter(pk=report.pk).update(
        submitted_at=dt.datetime(YEAR, 9, 12, 12, tzinfo=dt.UTC)
    )
    assert StatusReport.objects.get(pk=report.pk).is_late
    StatusReport.objects.filter(pk=report.pk).update(
        submitted_at=dt.datetime(YEAR, 9, 8, 12, tzinfo=dt.UTC)
    )
    assert not StatusReport.objects.get(pk=report.pk).is_late


def test_reminder_is_sent_once_ahead_of_the_deadline(meeting, samsa, bibblix, lead):
    person = Person.objects.get(last_name="Förlagsson")
    services.status_report_save(
        actor=lead,
        managed_object=samsa,
        meeting=meeting,
        submit=False,
        date=dt.date(YEAR, 9, 1),
        coordinator=person,
    )
    assert services.reminders_send(today=dt.date(YEAR, 8, 20)) == 0  # too early
    assert services.reminders_send(today=dt.date(YEAR, 9, 6)) == 1
    assert (
        mail.outbox[0].to == [person.email]
        and "SAMSA" in mail.outbox[0].subject
        and str(dt.date(YEAR, 9, 9)) in mail.outbox[0].body
    )
    assert services.reminders_send(today=dt.date(YEAR, 9, 7)) == 0


def test_pack_holds_agenda_plans_and_reports(meeting, samsa, lead, prepared_case):
    meetings.agenda_add(actor=lead, meeting=meeting, case=prepared_case("Förvaltningsplan SAMSA"))
    plan = services.plan_create(
        actor=lead, managed_object=samsa, year=YEAR, relations="Referensgrupp SAMSA-gruppen."
    )
    services.plan_submit(actor=lead, plan=plan, meeting=meeting)
    services.status_report_save(
        actor=lead,
        managed_object=samsa,
        meeting=meeting,
        submit=True,
        date=dt.date(YEAR, 9, 1),
        **FIELDS,
    )
    pack = services.pack_compile(actor=lead, meeting=meeting)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(pack.pdf))).pages)
    for expected in (
        "Utskick SITIV",
        "Innehåll",
        "Dagordning",
        "§ 1 Förvaltningsplan SAMSA",
        "Förslag till beslut",
        "Förvaltningsplaner för godkännande",
        "Referensgrupp SAMSA-gruppen.",
        "Statusrapporter",
        "Viktiga händelser under perioden",
        "Ny version i maj",
        "Ekonomisk status och personalresurser",
    ):
        assert expected in text, expected


def test_pack_is_compiled_once_when_the_deadline_passes(meeting):
    assert services.packs_compile_due(today=dt.date(YEAR, 9, 8)) == []
    assert len(services.packs_compile_due(today=dt.date(YEAR, 9, 9))) == 1
    assert services.packs_compile_due(today=dt.date(YEAR, 9, 10)) == []
    assert MeetingPack.objects.get().automatic
