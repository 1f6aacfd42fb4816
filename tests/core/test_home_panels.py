"""The start page at scale (issue 15): the notice panel lists the soonest notice days and
links to the agreement list for the rest; a meeting computes only the notices that can fall
to it; the page reads in a bounded number of queries whatever the number of agreements."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gits.bodies.models import Body
from gits.meetings import services as meetings
from gits.meetings.home import DECISION_ROWS
from gits.meetings.models import Decision, Meeting
from gits.meetings.selectors import decision_register
from gits.portfolio.models import Agreement
from gits.reviews import notice

pytestmark = pytest.mark.django_db


def _agreement(title: str, first_end: dt.date) -> Agreement:
    return Agreement.objects.create(
        kind=Agreement.Kind.OPERATIONS,
        title=title,
        start_date=first_end - dt.timedelta(days=700),
        first_end=first_end,
        renewal_years=1,
        notice_months=0,
        state="signed",
    )


def _due_agreements(n: int) -> list[Agreement]:
    """n agreements whose notice days (their period's last day) fall 20 to 20+n days ahead."""
    today = dt.date.today()
    return [_agreement(f"Avtal {i:02}", today + dt.timedelta(days=20 + i)) for i in range(n)]


def test_home_lists_the_soonest_notices_and_links_to_the_rest(
    client, lead, django_assert_max_num_queries
):
    _due_agreements(notice.HOME_ROWS + 5)
    client.force_login(lead)
    with django_assert_max_num_queries(30):
        page = client.get("/").content.decode()
    shown = [f"Avtal {i:02}" for i in range(notice.HOME_ROWS)]
    hidden = [f"Avtal {i:02}" for i in range(notice.HOME_ROWS, notice.HOME_ROWS + 5)]
    assert all(f"Besluta om uppsägning av avtal {t}" in page for t in shown)
    assert not any(f"Besluta om uppsägning av avtal {t}" in page for t in hidden)
    assert f"de {notice.HOME_ROWS} närmaste av {notice.HOME_ROWS + 5}" in page
    # The rest are on the agreement list, whose notice filter covers the horizon.
    months = notice.HORIZON_DAYS * 12 // 365 + 1
    assert f'href="/avtal/?manader={months}"' in page
    rest = client.get(f"/avtal/?manader={months}").content.decode()
    assert all(t in rest for t in hidden)


def test_home_without_more_notices_than_it_shows_has_no_link(client, lead):
    _due_agreements(2)
    client.force_login(lead)
    page = client.get("/").content.decode()
    assert "Besluta om uppsägning av avtal Avtal 01" in page
    assert "närmaste av" not in page


def test_home_queries_do_not_grow_with_agreements(client, lead, django_assert_max_num_queries):
    _due_agreements(3)
    client.force_login(lead)
    client.get("/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/")
    _due_agreements(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_a_meeting_gets_only_the_notices_before_the_bodys_next_meeting(sitiv, lead):
    today = dt.date.today()
    first = meetings.meeting_plan(
        actor=lead, body=sitiv, date=today + dt.timedelta(days=10), place="Göteborg"
    )
    second = meetings.meeting_plan(
        actor=lead, body=sitiv, date=today + dt.timedelta(days=40), place="Göteborg"
    )
    _agreement("Före nästa", today + dt.timedelta(days=30))
    _agreement("Efter nästa", today + dt.timedelta(days=50))
    _agreement("På nästa", today + dt.timedelta(days=40))
    assert [p.agreement.title for p in notice.proposals_for_meeting(first)] == ["Före nästa"]
    # From the second meeting on, the days after it (and next year's of the first) are its.
    later = [p.agreement.title for p in notice.proposals_for_meeting(second)]
    assert later[:2] == ["På nästa", "Efter nästa"]


def test_a_meeting_page_names_the_soonest_notices_and_all_on_asking(client, sitiv, lead):
    today = dt.date.today()
    meeting = meetings.meeting_plan(
        actor=lead, body=sitiv, date=today + dt.timedelta(days=5), place="Göteborg"
    )
    _due_agreements(notice.MEETING_ROWS + 3)
    client.force_login(lead)
    page = client.get(f"/sammantraden/{meeting.pk}/").content.decode()
    last = notice.MEETING_ROWS - 1
    assert f"Besluta om uppsägning av avtal Avtal {last:02}" in page
    assert f"Besluta om uppsägning av avtal Avtal {last + 1:02}" not in page
    assert f"de {notice.MEETING_ROWS} närmaste av {notice.MEETING_ROWS + 3}" in page
    assert "?uppsagningar=alla#notice-proposals-heading" in page
    everything = client.get(f"/sammantraden/{meeting.pk}/?uppsagningar=alla").content.decode()
    assert f"Besluta om uppsägning av avtal Avtal {last + 3:02}" in everything
    assert "närmaste av" not in everything


def test_a_visitor_finds_the_newest_public_decisions_and_the_coming_meetings(
    client, defaults, django_assert_max_num_queries
):
    call_command("load_demo", verbosity=0)
    sitiv = Body.objects.get(short_name="SITIV")
    coming = Meeting.objects.create(body=sitiv, date=dt.date.today() + dt.timedelta(days=3))
    with django_assert_max_num_queries(12):
        page = client.get("/").content.decode()
    newest = list(decision_register(public=True)[:DECISION_ROWS])
    assert len(newest) == DECISION_ROWS
    for row in newest:
        assert f'href="/beslut/{row.pk}/">{row}</a> – {row.summary}' in page
    # a decision whose minutes are not locked is not among them.
    unsigned = Decision.objects.filter(published_in__isnull=True).first()
    assert unsigned is not None and f'href="/beslut/{unsigned.pk}/"' not in page
    assert f'href="/sammantraden/{coming.pk}/">SITIV {coming.date:%Y-%m-%d}</a>' in page
    # A signed-in user's start page is their work, not this overview.
    client.force_login(get_user_model().objects.get(username="ledamot"))
    assert "Senaste beslut" not in client.get("/").content.decode()
