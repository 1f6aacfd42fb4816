import datetime as dt

import pytest

from gits.meetings import services as meetings
from gits.portfolio.models import ManagedObject

YEAR = dt.date.today().year


@pytest.fixture
def samsa(db):
    return ManagedObject.objects.create(
        name="SAMSA – samordnad vård", short_name="SAMSA", state=ManagedObject.State.IN_MANAGEMENT
    )


@pytest.fixture
def bibblix(db):
    return ManagedObject.objects.create(
        name="Bibblix", short_name="Bibblix", state=ManagedObject.State.IN_MANAGEMENT
    )


@pytest.fixture
def decided(sitiv, lead, prepared_case, samsa):
    """A SITIV meeting with one decided case about SAMSA and one referred back."""
    from gits.bodies.selectors import body_composition

    meeting = meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 9, 18))
    case = prepared_case("Förvaltningsplan SAMSA")
    case.managed_object = samsa
    case.save()
    item = meetings.agenda_add(actor=lead, meeting=meeting, case=case)
    other = meetings.agenda_add(actor=lead, meeting=meeting, case=prepared_case("Annat"))
    composition = body_composition(sitiv, meeting.date)
    meetings.attendance_record(
        actor=lead,
        meeting=meeting,
        present={m.person_id for s in composition.sides for m in s.seated},
    )
    decision = meetings.decision_record(actor=lead, item=item, outcome="decided")
    referral = meetings.decision_record(actor=lead, item=other, outcome="referred_back")
    return meeting, decision, referral
