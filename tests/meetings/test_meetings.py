import datetime as dt

import pytest
from icalendar import Calendar

from gits.core.errors import DomainError
from gits.meetings import services
from gits.meetings.calendar import body_calendar
from gits.meetings.models import Case
from gits.meetings.selectors import year_plan
from tests.meetings.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_fewer_than_four_meetings_warns_r15(sitiv, lead):
    for month in (2, 5, 9):
        services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, month, 10))
    assert "minst 4 gånger" in year_plan(sitiv, YEAR).warning
    services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 12, 5))
    assert year_plan(sitiv, YEAR).warning is None


def test_material_deadline_ten_days_before_by_default_r16(sitiv, lead):
    september = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(2025, 9, 19))
    december = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(2025, 12, 5))
    assert september.material_deadline == dt.date(2025, 9, 9)
    assert december.material_deadline == dt.date(2025, 11, 25)
    special = services.meeting_plan(
        actor=lead, body=sitiv, date=dt.date(2025, 12, 5), material_days=14
    )
    assert special.material_deadline == dt.date(2025, 11, 21)


def test_paragraphs_number_per_body_and_year_r12(held_meeting, sitiv, lead, prepared_case):
    _, first = held_meeting(date=dt.date(YEAR, 2, 1))
    second = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 5, 1))
    item = services.agenda_add(actor=lead, meeting=second, case=prepared_case())
    assert [i.number for i in first] == [1, 2] and item.number == 3
    next_year = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR + 1, 2, 1))
    assert services.agenda_add(actor=lead, meeting=next_year, case=prepared_case()).number == 1


def test_only_prepared_cases_go_on_the_agenda(sitiv, lead):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 2, 1))
    case = services.case_register(actor=lead, body=sitiv, title="Oberett")
    with pytest.raises(DomainError, match="Bara beredda ärenden"):
        services.agenda_add(actor=lead, meeting=meeting, case=case)


def test_removing_a_paragraph_leaves_no_gap(sitiv, lead, prepared_case):
    """An item can go while no later meeting of the year has paragraphs after it; the items
    after it on the same agenda move up one number."""
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 2, 1))
    first = services.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    middle = services.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    last = services.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    later = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 5, 1))
    services.agenda_add_free(actor=lead, meeting=later, title="Senare")
    with pytest.raises(DomainError, match="inget senare sammanträde"):
        services.agenda_remove(actor=lead, item=first)
    services.agenda_remove(actor=lead, item=later.items.get())
    services.agenda_remove(actor=lead, item=middle)
    middle.case.refresh_from_db()
    assert middle.case.state == Case.State.PREPARED
    assert list(meeting.items.order_by("number").values_list("pk", "number")) == [
        (first.pk, 1),
        (last.pk, 2),
    ]


def test_coopted_attend_without_a_seat(held_meeting):
    meeting, _ = held_meeting()
    coopted = meeting.attendance.get(role="coopted")
    assert coopted.counts_for_quorum is False


def test_calendar_feed_has_meetings_and_deadlines(sitiv, lead):
    services.meeting_plan(
        actor=lead,
        body=sitiv,
        date=dt.date(2025, 9, 19),
        start_time=dt.time(9, 30),
        place="Vänersborg",
    )
    cal = Calendar.from_ical(body_calendar(sitiv))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    meeting = events["SITIV sammanträde"]
    assert meeting.decoded("dtstart").date() == dt.date(2025, 9, 19)
    assert str(meeting["location"]) == "Vänersborg"
    deadline = events["Underlag klart till SITIV 2025-09-19"]
    assert deadline.decoded("dtstart") == dt.date(2025, 9, 9)


def test_calendar_url(client, sitiv, lead):
    services.meeting_plan(actor=lead, body=sitiv, date=dt.date(2025, 12, 5))
    response = client.get(f"/organ/{sitiv.pk}/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content and b"20251125" in response.content
