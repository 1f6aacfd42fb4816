import datetime as dt

import pytest

from gits.core.errors import DomainError
from gits.core.models import AuditEntry
from gits.meetings import services
from gits.meetings.models import Case, Decision
from gits.organisations.models import Side
from tests.meetings.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_decision_links_case_meeting_paragraph_and_text(held_meeting, lead):
    meeting, items = held_meeting()
    d = services.decision_record(actor=lead, item=items[0], outcome="decided")
    assert d.text == items[0].case.proposal
    assert (d.item.meeting, d.item.number, d.item.case) == (meeting, 1, items[0].case)
    items[0].case.refresh_from_db()
    assert items[0].case.state == Case.State.DECIDED
    assert AuditEntry.objects.filter(action="meetings.decision.recorded").count() == 1


def test_amended_wording_is_kept(held_meeting, lead):
    _, items = held_meeting()
    d = services.decision_record(
        actor=lead, item=items[0], outcome="decided", text="SITIV beslutar i ändrad lydelse."
    )
    assert d.text == "SITIV beslutar i ändrad lydelse."


def test_no_decision_over_an_objection_r11(held_meeting, lead):
    _, items = held_meeting()
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as err:
        services.decision_record(
            actor=lead, item=items[0], outcome="decided", objections="Kommunsidan invänder."
        )
    assert "enighet" in str(err.value) and err.value.field == "outcome"
    assert not Decision.objects.exists() and AuditEntry.objects.count() == entries


def test_objection_leads_to_referral_back_and_the_case_returns_r11(held_meeting, lead, sitiv):
    _, items = held_meeting()
    d = services.decision_record(
        actor=lead,
        item=items[0],
        outcome="referred_back",
        objections="Underlaget saknar kostnader.",
    )
    case = items[0].case
    case.refresh_from_db()
    assert (d.outcome, case.state) == ("referred_back", Case.State.REFERRED_BACK)
    services.case_move(actor=lead, case=case, to_state=Case.State.IN_PREPARATION)
    services.case_move(actor=lead, case=case, to_state=Case.State.PREPARED)
    later = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 6, 1))
    assert services.agenda_add(actor=lead, meeting=later, case=case).number == 3


def test_strike_off(held_meeting, lead):
    _, items = held_meeting()
    services.decision_record(
        actor=lead, item=items[1], outcome="struck_off", objections="Regionsidan invänder."
    )
    items[1].case.refresh_from_db()
    assert items[1].case.state == Case.State.STRUCK_OFF


def test_no_decision_with_a_side_absent_r13(held_meeting, lead):
    _, items = held_meeting(absent_side=Side.REGION)
    with pytest.raises(DomainError, match="regionen saknas"):
        services.decision_record(actor=lead, item=items[0], outcome="decided")
    # The chair can still refer the case back.
    assert services.decision_record(actor=lead, item=items[0], outcome="referred_back").pk


def test_coopted_does_not_make_a_quorum_r13(held_meeting, lead, sitiv):
    meeting, items = held_meeting(absent_side=Side.REGION)
    coopted = meeting.attendance.get(role="coopted")
    assert coopted.side == Side.REGION
    present = set(meeting.attendance.filter(present=True).values_list("person_id", flat=True)) | {
        coopted.person_id
    }
    services.attendance_record(actor=lead, meeting=meeting, present=present)
    with pytest.raises(DomainError, match="regionen saknas"):
        services.decision_record(actor=lead, item=items[0], outcome="decided")


def test_one_decision_per_paragraph(held_meeting, lead):
    _, items = held_meeting()
    services.decision_record(actor=lead, item=items[0], outcome="decided")
    with pytest.raises(DomainError, match="redan ett beslut"):
        services.decision_record(actor=lead, item=items[0], outcome="struck_off")


def test_attendance_first(sitiv, lead, prepared_case):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 2, 1))
    item = services.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    with pytest.raises(DomainError, match="närvaron"):
        services.decision_record(actor=lead, item=item, outcome="decided")


def test_assignments_listed_on_later_agendas_until_reported(held_meeting, lead, sitiv):
    from gits.bodies.models import Body
    from gits.meetings.selectors import open_assignments

    meeting, items = held_meeting(date=dt.date(YEAR, 2, 1))
    d = services.decision_record(actor=lead, item=items[0], outcome="decided")
    au = Body.objects.get(short_name="SITIV AU")
    a = services.assignment_give(
        actor=lead,
        decision=d,
        assignee_body=au,
        description="Gör en översyn.",
        due_date=dt.date(YEAR, 3, 1),
        expected_report="Förslag",
    )
    assert list(open_assignments(sitiv, before=dt.date(YEAR, 5, 1))) == [a]
    assert list(open_assignments(au)) == [a]
    assert list(open_assignments(sitiv, before=dt.date(YEAR, 2, 1))) == []
    assert a.is_overdue(dt.date(YEAR, 3, 2)) and not a.is_overdue(dt.date(YEAR, 3, 1))
    services.assignment_report(
        actor=lead, assignment=a, reported_at=dt.date(YEAR, 4, 1), report="Klar.", version=a.version
    )
    assert list(open_assignments(sitiv, before=dt.date(YEAR, 5, 1))) == []


def test_assignment_only_from_a_decision(held_meeting, lead):
    _, items = held_meeting()
    d = services.decision_record(actor=lead, item=items[0], outcome="referred_back")
    with pytest.raises(DomainError, match="fattat beslut"):
        services.assignment_give(
            actor=lead,
            decision=d,
            description="x",
            due_date=dt.date(YEAR, 3, 1),
            assignee_person=d.recorded_by.person if hasattr(d.recorded_by, "person") else None,
        )
