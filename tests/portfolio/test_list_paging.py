"""Issue 15: the lists of objects and agreements are shown 50 at a time, with their filters
kept in the page links, and cost the same number of queries however long they are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gits.portfolio.models import Agreement, ManagedObject

pytestmark = pytest.mark.django_db

ROWS = "<tr><td><a href="


def objects(n, start=0, **fields):
    ManagedObject.objects.bulk_create(
        ManagedObject(name=f"Objekt {i:03}", short_name=f"O{i:03}", **fields)
        for i in range(start, start + n)
    )


def agreements(n, start=0):
    Agreement.objects.bulk_create(
        Agreement(
            kind=Agreement.Kind.SUPPLIER,
            title=f"Avtal {i:03}",
            start_date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            first_end=dt.date(2022, 12, 31),
            renewal_years=1,
            notice_months=6,
            state=Agreement.State.SIGNED,
            signed_on=dt.date(2019, 12, 1),
        )
        for i in range(start, start + n)
    )


def queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data or {}).status_code == 200
    return len(ctx.captured_queries)


def test_object_list_is_paged_with_its_filters(client, lead):
    client.force_login(lead)
    objects(60, area="infrastructure")
    objects(5, start=100)
    url = reverse("portfolio:list")
    first = client.get(url, {"area": "infrastructure"}).content.decode()
    assert first.count(ROWS) == 50
    assert "Sida 1 av 2" in first
    assert 'href="?area=infrastructure&amp;sida=2"' in first
    second = client.get(url, {"area": "infrastructure", "sida": 2}).content.decode()
    assert second.count(ROWS) == 10 and "Objekt 059" in second
    assert "Objekt 100" not in second  # the filter holds on page 2
    assert client.get(url, {"sida": "x"}).status_code == 200  # a bad page number: page 1


def test_object_list_queries_do_not_grow(client, lead, django_assert_max_num_queries):
    client.force_login(lead)
    url = reverse("portfolio:list")
    objects(3)
    queries(client, url)
    few = queries(client, url)
    objects(200, start=3)
    with django_assert_max_num_queries(few):
        client.get(url)


def test_agreement_list_is_paged_with_its_date(client, lead):
    client.force_login(lead)
    agreements(55)
    url = reverse("portfolio:agreements")
    first = client.get(url, {"datum": "2021-06-01"}).content.decode()
    table = first[first.index('id="agreements"') :]
    assert table.count(ROWS) == 50
    assert "datum=2021-06-01&amp;sida=2" in first
    second = client.get(url, {"datum": "2021-06-01", "sida": 2}).content.decode()
    table = second[second.index('id="agreements"') :]
    assert table.count(ROWS) == 5 and "Avtal 054" in table and "Avtal 000" not in table
    assert "2020-02-24 – 2022-12-31" in table  # the page's own statuses are computed


def test_agreement_list_queries_do_not_grow(client, lead, django_assert_max_num_queries):
    client.force_login(lead)
    url = reverse("portfolio:agreements")
    agreements(3)
    queries(client, url)
    few = queries(client, url)
    agreements(120, start=3)
    with django_assert_max_num_queries(few):
        client.get(url)


def test_object_page_shows_the_newest_decisions_and_links_to_the_rest(
    client, lead, held_meeting, django_assert_max_num_queries
):
    from gits.meetings import services as meetings
    from gits.meetings.models import Case

    objects(2)
    few_obj, many_obj = ManagedObject.objects.order_by("name")
    _meeting, items = held_meeting(cases=23)
    for n, item in enumerate(items):
        Case.objects.filter(pk=item.case_id).update(managed_object=many_obj if n > 1 else few_obj)
        meetings.decision_record(actor=lead, item=item, outcome="decided", text=f"Beslut {n}.")
    client.force_login(lead)
    few_url = reverse("portfolio:object", args=[few_obj.pk])
    queries(client, few_url)
    few = queries(client, few_url)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("portfolio:object", args=[many_obj.pk]))
    text = response.content.decode()
    shown = text[text.index("<h2>Beslut</h2>") : text.index('id="contacts-h"')]
    assert shown.count("<li>") == 20
    assert f'href="/beslut/?objekt={many_obj.pk}"' in shown
    assert "Beslut 22." in shown and "Beslut 2." not in shown  # the newest first
    small = client.get(few_url).content.decode()
    assert "/beslut/?objekt=" not in small


def test_object_rows_show_their_labels(client, lead):
    objects(1, area="infrastructure", horizon="medium", state="in_management")
    obj = ManagedObject.objects.get()
    client.force_login(lead)
    page = client.get(reverse("portfolio:list")).content.decode()
    assert (
        f'<tr><td><a href="{reverse("portfolio:object", args=[obj.pk])}">Objekt 000 (O000)</a>'
        "</td><td>Gemensam infrastruktur</td><td>Medellång sikt</td><td>I förvaltning</td></tr>"
    ) in page
