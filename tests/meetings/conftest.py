import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from gits.bodies.models import Body
from gits.data.demo import load_demo
from gits.meetings import services
from gits.meetings.models import Case

TODAY = dt.date.today()
YEAR = TODAY.year


@pytest.fixture
def people(defaults):
    """The demo people and memberships (SITIV 5+5 with this year's chair), without the other
    apps' demo data."""
    load_demo()
    return get_user_model()


@pytest.fixture
def sitiv(people):
    return Body.objects.get(short_name="SITIV")


@pytest.fixture
def lead(people):
    return people.objects.get(username="funktionsledare")


@pytest.fixture
def members(people):
    """The two demo members with accounts: one from each side."""
    return {
        u.person.organisation.side: u
        for u in people.objects.filter(username__in=["ledamot", "ledamot-region"])
    }


@pytest.fixture
def prepared_case(sitiv, lead):
    def make(title="Ärende", proposal="SITIV beslutar enligt förslaget."):
        prep = Body.objects.get(short_name="Beredningsgruppen")
        preparers = {m.side: m.person for m in prep.memberships.all()}
        case = services.case_register(actor=lead, body=sitiv, title=title, proposal=proposal)
        case = services.case_update(
            actor=lead,
            case=case,
            version=case.version,
            preparer_region=preparers["region"],
            preparer_municipalities=preparers["municipalities"],
        )
        services.case_move(actor=lead, case=case, to_state=Case.State.IN_PREPARATION)
        return services.case_move(actor=lead, case=case, to_state=Case.State.PREPARED)

    return make


@pytest.fixture
def held_meeting(sitiv, lead, prepared_case):
    """A meeting this year with two prepared cases on the agenda and everybody seated present."""

    def make(date=None, cases=2, absent_side=None):
        from gits.bodies.selectors import body_composition

        date = date or dt.date(YEAR, 3, 10)
        meeting = services.meeting_plan(actor=lead, body=sitiv, date=date, place="Göteborg")
        items = [
            services.agenda_add(actor=lead, meeting=meeting, case=prepared_case(f"Ärende {i}"))
            for i in range(cases)
        ]
        composition = body_composition(sitiv, date)
        present = {
            m.person_id for s in composition.sides for m in s.seated if s.side != absent_side
        }
        services.attendance_record(actor=lead, meeting=meeting, present=present)
        meeting.refresh_from_db()
        return meeting, items

    return make
