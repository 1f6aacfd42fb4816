"""The agenda like a real one (R-12): a standard agenda per body, free items, prepared cases
before the standing closing items, reordering with § numbers that follow the order, and all
present as the starting attendance."""

import datetime as dt

import pytest

from gits.bodies.selectors import body_composition
from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.meetings import services
from gits.meetings.models import AgendaItem, AgendaTemplate, Attendance
from gits.meetings.rules import DEFAULT_AGENDA_CLOSING, DEFAULT_AGENDA_OPENING
from gits.meetings.selectors import agenda_template_of
from tests.meetings.conftest import YEAR

pytestmark = pytest.mark.django_db

DAY = min(dt.date(YEAR, 3, 10), dt.date.today())


def titles(meeting):
    return [f"§ {i.number} {i.title}" for i in meeting.items.order_by("number")]


def test_a_body_without_a_template_gets_the_swedish_default(sitiv):
    opening, closing = agenda_template_of(sitiv)
    assert opening[:3] == ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen"]
    assert "Rapporter" in opening
    assert closing[0] == "Övriga frågor" and closing[-1] == "Mötets avslutande"


def test_the_template_is_kept_by_the_function_lead_and_audited(sitiv, lead, make_user):
    with pytest.raises(RightMissing):
        services.agenda_template_save(
            actor=make_user("function_coordinator"), body=sitiv, opening=["A"], closing=[]
        )
    template = services.agenda_template_save(
        actor=lead, body=sitiv, opening=["Öppnande", " ", "Val av justerare"], closing=["Slut"]
    )
    assert template.opening == ["Öppnande", "Val av justerare"]  # empty lines left out
    assert agenda_template_of(sitiv) == (["Öppnande", "Val av justerare"], ["Slut"])
    again = services.agenda_template_save(
        actor=lead, body=sitiv, opening=["Öppnande"], closing=["Slut"], version=template.version
    )
    assert again.pk == template.pk and AgendaTemplate.objects.count() == 1
    entries = AuditEntry.objects.filter(action="meetings.agenda_template.saved")
    assert entries.count() == 2
    with pytest.raises(DomainError, match="minst en stående punkt"):
        services.agenda_template_save(
            actor=lead, body=sitiv, opening=[], closing=[""], version=again.version
        )


def test_plan_with_the_standard_agenda_numbers_every_item(sitiv, lead):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY, standard_agenda=True)
    expected = [*DEFAULT_AGENDA_OPENING, *DEFAULT_AGENDA_CLOSING]
    assert titles(meeting) == [f"§ {n} {t}" for n, t in enumerate(expected, start=1)]
    assert AuditEntry.objects.filter(action="meetings.agenda.standard_applied").exists()
    with pytest.raises(DomainError, match="redan standarddagordningens"):
        services.agenda_apply_template(actor=lead, meeting=meeting)


def test_cases_and_free_items_go_before_the_closing_items(sitiv, lead, prepared_case):
    services.agenda_template_save(
        actor=lead, body=sitiv, opening=["Öppnande"], closing=["Övriga frågor", "Avslutning"]
    )
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY, standard_agenda=True)
    case = prepared_case("Budget")
    item = services.agenda_add(actor=lead, meeting=meeting, case=case)
    assert item.number == 2
    free = services.agenda_add_free(
        actor=lead, meeting=meeting, title="Information om SITHS", text="Muntlig dragning."
    )
    assert free.number == 3 and free.case is None and free.kind == AgendaItem.Kind.FREE
    assert titles(meeting) == [
        "§ 1 Öppnande",
        "§ 2 Budget",
        "§ 3 Information om SITHS",
        "§ 4 Övriga frågor",
        "§ 5 Avslutning",
    ]
    entry = AuditEntry.objects.get(action="meetings.agenda.free_added")
    assert entry.changes["paragraf"] == [None, "§ 3"]
    with pytest.raises(DomainError, match="rubrik") as refused:
        services.agenda_add_free(actor=lead, meeting=meeting, title="  ")
    assert refused.value.field == "title"


def test_reorder_moves_items_and_the_numbers_follow(sitiv, lead):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    a = services.agenda_add_free(actor=lead, meeting=meeting, title="A")
    b = services.agenda_add_free(actor=lead, meeting=meeting, title="B")
    c = services.agenda_add_free(actor=lead, meeting=meeting, title="C")
    moved = services.agenda_move(actor=lead, item=c, direction="up")
    assert moved.number == 2 and titles(meeting) == ["§ 1 A", "§ 2 C", "§ 3 B"]
    entry = AuditEntry.objects.filter(action="meetings.agenda.reordered").latest("pk")
    assert entry.changes["dagordning"] == [["§ 1 A", "§ 2 B", "§ 3 C"], ["§ 1 A", "§ 2 C", "§ 3 B"]]
    with pytest.raises(DomainError, match="står redan först"):
        services.agenda_move(actor=lead, item=AgendaItem.objects.get(pk=a.pk), direction="up")
    services.agenda_reorder(actor=lead, meeting=meeting, order=[b.pk, c.pk, a.pk])
    assert titles(meeting) == ["§ 1 B", "§ 2 C", "§ 3 A"]
    with pytest.raises(DomainError, match="varje punkt") as refused:
        services.agenda_reorder(actor=lead, meeting=meeting, order=[b.pk, b.pk, a.pk])
    assert refused.value.field == "order"


def test_numbers_stay_in_the_meetings_own_range(sitiv, lead):
    """A later meeting's paragraphs are untouched by a reorder of an earlier one."""
    first = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 2, 1))
    second = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 5, 1))
    x = services.agenda_add_free(actor=lead, meeting=first, title="X")
    services.agenda_add_free(actor=lead, meeting=second, title="Y")
    z = services.agenda_add_free(actor=lead, meeting=first, title="Z")
    assert z.number == 3
    services.agenda_move(actor=lead, item=z, direction="up")
    assert titles(first) == ["§ 1 Z", "§ 3 X"] and titles(second) == ["§ 2 Y"]
    assert AgendaItem.objects.get(pk=x.pk).number == 3


def test_an_item_with_a_decision_keeps_its_number(held_meeting, lead):
    meeting, items = held_meeting()
    services.decision_record(actor=lead, item=items[0], outcome="decided", text="Beslut.")
    with pytest.raises(DomainError, match="har redan ett beslut"):
        services.agenda_move(actor=lead, item=items[1], direction="up")


def test_the_agenda_is_frozen_once_the_minutes_are_being_signed_r14(
    held_meeting, lead, members, make_user
):
    from tests.meetings.test_minutes_lifecycle import chair_and_other

    meeting, items = held_meeting()
    for item in items:
        services.decision_record(actor=lead, item=item, outcome="decided", text="Beslut.")
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, _ = chair_and_other(meeting, members, make_user)
    services.minutes_sign(actor=chair, minutes=minutes, digest=minutes.content_digest)
    with pytest.raises(DomainError, match="R-14"):
        services.agenda_add_free(actor=lead, meeting=meeting, title="Sent tillägg")
    with pytest.raises(DomainError, match="R-14"):
        services.agenda_apply_template(actor=lead, meeting=meeting)
    with pytest.raises(DomainError, match="R-14"):
        services.agenda_reorder(actor=lead, meeting=meeting, order=[i.pk for i in items][::-1])


def test_all_present_starts_from_the_expected_members(sitiv, lead, make_user):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    with pytest.raises(RightMissing):
        services.attendance_all_present(actor=make_user("function_coordinator"), meeting=meeting)
    rows = services.attendance_all_present(actor=lead, meeting=meeting)
    composition = body_composition(sitiv, DAY)
    seated = {m.person_id for s in composition.sides for m in s.seated}
    present = {r.person_id for r in rows if r.present}
    assert seated <= present
    assert all(not r.present for r in rows if r.role in ("substitute", "coopted"))
    assert services.meeting_quorum_missing(meeting) == set()
    assert Attendance.objects.filter(meeting=meeting).count() == len(rows)
    assert AuditEntry.objects.filter(action="meetings.attendance.recorded").exists()


def test_all_present_waits_for_the_meeting_day(sitiv, lead):
    later = services.meeting_plan(
        actor=lead, body=sitiv, date=dt.date.today() + dt.timedelta(days=7)
    )
    with pytest.raises(DomainError, match="närvaro kan registreras först"):
        services.attendance_all_present(actor=lead, meeting=later)
