"""Agreements and meetings together (R-27, R-12): an agreement's last day of notice is mapped
onto the last meeting of the deciding body on or before it; that meeting's page proposes
"Besluta om uppsägning av avtal X", and so does the start page of those who plan meetings."""

import datetime as dt

import pytest

from gits.meetings import services as meetings
from gits.portfolio.models import Agreement
from gits.reviews.notice import notice_proposals, proposals_for_meeting

pytestmark = pytest.mark.django_db


def agreement(**fields):
    values = {
        "kind": Agreement.Kind.JOINT_FUNCTION,
        "title": "Avtal om gemensam förvaltning",
        "start_date": dt.date(2011, 1, 1),
        "first_end": dt.date(2014, 12, 31),
        "renewal_years": 3,
        "notice_months": 6,
    }
    values.update(fields)
    if any(f.name == "state" for f in Agreement._meta.fields):
        values.setdefault("state", "signed")
    return Agreement.objects.create(**values)


@pytest.fixture
def meetings_2026(sitiv, lead):
    return [
        meetings.meeting_plan(actor=lead, body=sitiv, date=d, place="Göteborg")
        for d in (dt.date(2026, 3, 10), dt.date(2026, 6, 12), dt.date(2026, 9, 18))
    ]


def test_notice_day_maps_onto_the_last_meeting_before_it(meetings_2026, sitiv):
    a = agreement()  # periods 2011–2014, then 3 years at a time: 2024–2026, notice 2026-06-30
    (proposal,) = notice_proposals(dt.date(2026, 1, 10))
    assert proposal.agreement == a and proposal.notice_day == dt.date(2026, 6, 30)
    assert proposal.body == sitiv and proposal.meeting == meetings_2026[1]
    assert proposal.text == "Besluta om uppsägning av avtal Avtal om gemensam förvaltning"
    assert [p.agreement for p in proposals_for_meeting(meetings_2026[1])] == [a]
    assert proposals_for_meeting(meetings_2026[0]) == []
    assert proposals_for_meeting(meetings_2026[2]) == []  # after the day: the next one is 2029


def test_a_meeting_on_the_notice_day_itself_is_in_time(sitiv, lead):
    agreement()
    on_the_day = meetings.meeting_plan(
        actor=lead, body=sitiv, date=dt.date(2026, 6, 30), place="Göteborg"
    )
    assert notice_proposals(dt.date(2026, 1, 10))[0].meeting == on_the_day


def test_without_a_meeting_in_time_the_proposal_says_so(sitiv):
    agreement()
    (proposal,) = notice_proposals(dt.date(2026, 1, 10))
    assert proposal.meeting is None and proposal.missing_meeting


def test_terminated_and_far_off_agreements_are_not_proposed(meetings_2026):
    agreement(terminated_on=dt.date(2025, 12, 31))
    agreement(title="Långt bort", start_date=dt.date(2026, 1, 1), first_end=dt.date(2030, 12, 31))
    assert notice_proposals(dt.date(2026, 1, 10)) == []


def test_meeting_page_and_start_page_show_the_proposal_to_meeting_planners(
    client, sitiv, lead, contact_user
):
    today = dt.date.today()
    # Notice day about a month ahead, a meeting in ten days.
    end = today.replace(day=1) + dt.timedelta(days=32 * 8)
    end = end.replace(day=1) - dt.timedelta(days=1)
    agreement(
        title="Driftavtal X",
        kind=Agreement.Kind.OPERATIONS,
        start_date=end.replace(day=1) - dt.timedelta(days=400),
        first_end=end,
        renewal_years=1,
    )
    meeting = meetings.meeting_plan(
        actor=lead, body=sitiv, date=today + dt.timedelta(days=10), place="Göteborg"
    )
    (proposal,) = notice_proposals(today)
    assert proposal.meeting == meeting
    client.force_login(lead)
    page = client.get(f"/sammantraden/{meeting.pk}/").content.decode()
    assert "Besluta om uppsägning av avtal Driftavtal X" in page
    home = client.get("/").content.decode()
    assert "Besluta om uppsägning av avtal Driftavtal X" in home
    assert f"/sammantraden/{meeting.pk}/" in home
    # The panel says how far ahead it looks, beside the work list's six months.
    assert "Avtal vars sista dag att säga upp infaller inom drygt ett år" in home
    client.force_login(contact_user)
    assert "Driftavtal X" not in client.get("/").content.decode()
    assert "Driftavtal X" not in client.get(f"/sammantraden/{meeting.pk}/").content.decode()
