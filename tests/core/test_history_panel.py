"""Issue 15: a record page shows the newest 25 entries of its history and links to the whole
of it on the history page, filtered to the record; neither grows in queries with the
history's length."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gits.core.audit import audit_record
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

ROW = 'data-label="Tidpunkt"'


def history_section(text: str) -> str:
    return text[text.index('<section class="history"') :]


def with_entries(org, actor, n):
    for i in range(n):
        audit_record(
            action="organisations.organisation.updated",
            obj=org,
            actor=actor,
            changes={"name": [f"Namn {i}", f"Namn {i + 1}"]},
        )


def record_page(client, org):
    response = client.get(reverse("organisations:detail", args=[org.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_record_page_shows_25_newest_and_links_to_its_whole_history(client, admin_user):
    org = MunicipalityFactory()
    other = MunicipalityFactory()
    with_entries(org, admin_user, 60)
    with_entries(other, admin_user, 3)
    client.force_login(admin_user)
    panel = history_section(record_page(client, org))
    assert panel.count(ROW) == 25
    assert "Namn 60" in panel and "Namn 35" in panel  # the newest 25: changes 59 down to 35
    assert "Namn 34" not in panel
    link = re.search(r'<a href="([^"]+)">Visa hela historiken \(60 poster\)</a>', panel)
    assert link, panel[-600:]
    url = html.unescape(link.group(1))
    assert url.startswith(reverse("core:audit") + "?")

    first = client.get(url)
    text = first.content.decode()
    assert first.status_code == 200
    assert f"Historik för {org.name}" in text
    assert history_section(text).count(ROW) == 50  # a page of the history page
    assert other.name not in history_section(text)
    assert "Visa hela historiken" not in text
    second = client.get(url + "&sida=2")
    text = second.content.decode()
    assert history_section(text).count(ROW) == 10
    assert "Namn 1</ins>" in text and other.name not in history_section(text)
    # The page links keep the filter.
    assert "typ=organisations.organisation&amp;id=" in first.content.decode()


def test_a_short_history_has_no_link(client, admin_user):
    org = MunicipalityFactory()
    with_entries(org, admin_user, 25)
    client.force_login(admin_user)
    panel = history_section(record_page(client, org))
    assert panel.count(ROW) == 25 and "Visa hela historiken" not in panel


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_history_queries_do_not_grow_with_the_history(
    client, admin_user, django_assert_max_num_queries
):
    short, long = MunicipalityFactory(), MunicipalityFactory()
    with_entries(short, admin_user, 30)
    with_entries(long, admin_user, 120)
    client.force_login(admin_user)
    detail = reverse("organisations:detail", args=[short.pk])
    queries(client, detail)  # warm up the session and rights
    few = queries(client, detail)
    with django_assert_max_num_queries(few):
        client.get(reverse("organisations:detail", args=[long.pk]))
    audit = reverse("core:audit")
    few = queries(client, f"{audit}?typ=organisations.organisation&id={short.pk}")
    with django_assert_max_num_queries(few):
        client.get(f"{audit}?typ=organisations.organisation&id={long.pk}&sida=2")


@pytest.mark.django_db
def test_the_whole_history_is_paged_without_counting_it(client, admin_user):
    """The history page of everything (a million entries at `nation`) reads a page and one
    entry more instead of counting the whole log; every entry is still reached page by page."""
    org = MunicipalityFactory()
    with_entries(org, admin_user, 60)
    client.force_login(admin_user)
    url = reverse("core:audit")
    with CaptureQueriesContext(connection) as ctx:
        first = client.get(url).content.decode()
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert "Sida 1<" in first and "Sida 1 av" not in first and 'href="?sida=2"' in first
    second = client.get(url, {"sida": 2}).content.decode()
    assert "Sida 2<" in second and 'href="?sida=1"' in second and 'href="?sida=3"' not in second
    from gits.core.models import AuditEntry

    assert first.count(ROW) == 50
    assert first.count(ROW) + second.count(ROW) == AuditEntry.objects.count()
    for bad in ["x", "-3", "0", "99999999999"]:
        assert client.get(url, {"sida": bad}).status_code == 200


@pytest.mark.django_db
def test_the_whole_history_filters_on_kind_who_and_days(
    client, admin_user, django_user_model, django_assert_max_num_queries
):
    from gits.bodies.models import Person
    from gits.core.models import AuditEntry

    org = MunicipalityFactory()
    other = django_user_model.objects.create_user("handlaggare", password="x-Secret-123")
    with_entries(org, admin_user, 3)
    with_entries(org, other, 2)
    person = Person.objects.create(first_name="Ada", last_name="Exempel")
    audit_record(action="bodies.person.created", obj=person, actor=other)
    AuditEntry.objects.filter(actor=other, object_type="bodies.person").update(
        created_at=dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC)  # 2026-01-16 in Sweden
    )
    client.force_login(admin_user)
    url = reverse("core:audit")

    def rows(**params) -> int:
        with django_assert_max_num_queries(12):
            page = client.get(url, params).content.decode()
        return page.count(ROW)

    everything = AuditEntry.objects.count()
    assert rows() == everything
    assert rows(slag="organisations.organisation") == 5
    assert rows(av="HANDLAGGARE") == 3
    assert rows(av="handlaggare", slag="bodies.person") == 1
    assert rows(fran="2026-01-16", till="2026-01-16") == 1  # the day is Sweden's
    assert rows(till="2026-01-15") == 0
    # A name, a kind or a day that is none finds nothing or filters on nothing; never a 500.
    assert rows(av="ingen-sadan") == 0
    assert rows(slag="nonsense", fran="2026-13-45", till="x") == everything
    page = client.get(url, {"slag": "organisations.organisation"}).content.decode()
    assert '<option value="organisations.organisation" selected>' in page
    assert "Visa all historik" in page
