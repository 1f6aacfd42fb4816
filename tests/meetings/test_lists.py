"""The decision register and the case list at scale (issue 15): the page's rows are read for
the page only, in a number of queries that does not grow with the rows, in the register's
order, with a total counted on the decisions alone, and the public still sees only decisions
of signed minutes (R-17)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gits.meetings import selectors, services
from gits.meetings.models import Case
from gits.meetings.selectors import case_register, decision_register
from gits.portfolio.models import ManagedObject
from tests.meetings.conftest import TODAY

pytestmark = pytest.mark.django_db


def decide(lead, items, text="Beslut."):
    for item in items:
        services.decision_record(actor=lead, item=item, outcome="decided", text=text)


def sign(lead, members, meeting):
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    for user in members.values():
        services.minutes_sign(actor=user, minutes=minutes)


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def test_register_lists_newest_meeting_first_its_paragraphs_together(
    held_meeting, lead, monkeypatch
):
    day = min(dt.date(TODAY.year, 3, 10), TODAY)
    older, older_items = held_meeting(date=day - dt.timedelta(days=7), cases=2)
    first, first_items = held_meeting(date=day, cases=2)
    second, second_items = held_meeting(date=day, cases=2)
    decide(lead, older_items, text="Äldre beslut.")
    decide(lead, first_items + second_items)
    rows = list(decision_register(public=False))
    # The newest meetings first; of two on the same day, each meeting's paragraphs together,
    # last paragraph first.
    assert [r.item_id for r in rows[:4]] == [i.pk for i in second_items[::-1] + first_items[::-1]]
    assert [r.item_id for r in rows[4:]] == [i.pk for i in older_items[::-1]]
    assert rows[0].paragraph > rows[1].paragraph
    assert str(rows[0]) == str(second_items[1].decision)
    assert rows[0].heading == f"{second_items[1].case.diary_number} {second_items[1].case.title}"
    # A page is a slice; the total is counted with the filters.
    register = decision_register(public=False)
    assert [r.pk for r in register[2:4]] == [r.pk for r in rows[2:4]]
    # The first pages sort only the newest meetings with a matching decision: a newer meeting
    # without decisions, or with none matching, is passed over, as when sorting them all.
    held_meeting(date=day + dt.timedelta(days=1), cases=1)
    assert [r.pk for r in decision_register(public=False)[0:3]] == [r.pk for r in rows[0:3]]
    older_only = decision_register(public=False, q="ldre beslut")
    assert [r.item_id for r in older_only[0:5]] == [i.pk for i in older_items[::-1]]
    assert [r.item_id for r in older_only[0:1]] == [older_items[1].pk]
    assert [r.pk for r in decision_register(public=False)[0:1]] == [rows[0].pk]
    monkeypatch.setattr(selectors, "MEETING_WALK_LIMIT", 0)
    assert [r.pk for r in decision_register(public=False)[1:5]] == [r.pk for r in rows[1:5]]
    assert register.count() == len(rows) == 6
    assert decision_register(public=False, year=1999).count() == 0
    assert decision_register(public=False, outcome="struck_off")[0:30] == []


def test_public_rows_carry_only_the_published_text_r17(held_meeting, lead, members):
    meeting, items = held_meeting(cases=1)
    decide(lead, items, text="Beslut om SAMSA.")
    assert list(decision_register(public=True)) == []
    assert decision_register(public=True).count() == 0
    sign(lead, members, meeting)
    (row,) = decision_register(public=True)
    assert row.shown_text == "Beslut om SAMSA." and row.minutes_signed is None
    assert not hasattr(row, "text")
    (row,) = decision_register(public=False)
    assert row.minutes_signed is True


def test_register_page_queries_do_not_grow_with_rows(
    client, held_meeting, lead, members, django_assert_max_num_queries
):
    meeting, items = held_meeting(cases=1)
    decide(lead, items)
    sign(lead, members, meeting)
    url = reverse("meetings:decisions")
    one = {"public": queries(client, url)}
    client.force_login(lead)
    one["signed_in"] = queries(client, url)
    later, items = held_meeting(date=meeting.date + dt.timedelta(days=1), cases=5)
    decide(lead, items)
    sign(lead, members, later)
    with django_assert_max_num_queries(one["signed_in"]):
        page = client.get(url).content.decode()
    assert page.count("/beslut/") >= 6
    client.logout()
    with django_assert_max_num_queries(one["public"]):
        page = client.get(url).content.decode()
    assert page.count("<td>§ ") == 6


def test_register_offers_the_objects_with_cases_and_the_chosen_one(client, held_meeting, lead):
    _meeting, items = held_meeting(cases=1)
    decide(lead, items)
    with_case = ManagedObject.objects.create(name="Bibblix", short_name="BIBBLIX-T")
    Case.objects.filter(pk=items[0].case_id).update(managed_object=with_case)
    without = ManagedObject.objects.create(name="Öppna data", short_name="OPPNA-T")
    client.force_login(lead)
    page = client.get(reverse("meetings:decisions")).content.decode()
    assert "BIBBLIX-T" in page and "OPPNA-T" not in page
    # An object chosen elsewhere (the object's page links here) stays shown and chosen.
    page = client.get(reverse("meetings:decisions"), {"objekt": without.pk}).content.decode()
    assert f'<option value="{without.pk}" selected>OPPNA-T</option>' in page
    assert "Inga beslut matchar sökningen." in page
    page = client.get(reverse("meetings:decisions"), {"objekt": with_case.pk}).content.decode()
    assert f'<option value="{with_case.pk}" selected>BIBBLIX-T</option>' in page
    assert items[0].case.diary_number in page


def test_case_list_rows_and_state_filter(client, held_meeting, prepared_case, lead):
    _meeting, items = held_meeting(cases=2)
    reported = prepared_case("Ett berett ärende")
    client.force_login(lead)
    url = reverse("meetings:cases")
    small = queries(client, url)
    for i in range(3):
        prepared_case(f"Fler {i}")
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert len(captured.captured_queries) <= small
    newest = Case.objects.order_by("-year", "-number").first()
    assert page.index(newest.diary_number) < page.index(items[0].case.diary_number)
    assert "Berett" in page and "–" in page
    on_agenda = client.get(url, {"lage": Case.State.ON_AGENDA}).content.decode()
    assert items[0].case.diary_number in on_agenda
    assert reported.diary_number not in on_agenda
    assert list(case_register(state=Case.State.PREPARED))[-1]["pk"] == reported.pk


def test_paging_doc_names_the_limits():
    from gits.api import paging

    assert f"standard {paging.DEFAULT_LIMIT}, högst {paging.MAX_LIMIT}" in paging.PAGING_DOC
