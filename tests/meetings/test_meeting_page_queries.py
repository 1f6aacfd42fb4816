"""Issue 15: the meeting page costs the same number of queries however many paragraphs it
has (the diary number of each paragraph's case comes with the paragraphs)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gits.bodies.models import Body
from gits.meetings import services
from tests.meetings.conftest import YEAR

pytestmark = pytest.mark.django_db

DAY = min(dt.date(YEAR, 3, 10), dt.date.today())


def meeting_with_cases(sitiv, lead, prepared_case, n, day):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=day)
    for i in range(n):
        services.agenda_add(actor=lead, meeting=meeting, case=prepared_case(f"Ärende {i}"))
    return meeting


def queries_for(client, meeting) -> tuple[int, str]:
    # The body is fetched anew, as a request would (no cached relation in the test).
    Body.objects.get(pk=meeting.body_id)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_meeting_page_queries_do_not_grow_with_paragraphs(
    client, sitiv, lead, prepared_case, django_assert_max_num_queries
):
    client.force_login(lead)
    small = meeting_with_cases(sitiv, lead, prepared_case, 2, DAY)
    large = meeting_with_cases(sitiv, lead, prepared_case, 12, DAY - dt.timedelta(days=7))
    queries_for(client, small)  # warm caches (sessions, rights) as any later request has them
    few, _ = queries_for(client, small)
    many, text = queries_for(client, large)
    assert f"SITIV {large.items.first().case.year}/" in text  # the diary numbers are shown
    assert many == few, f"2 paragraphs: {few} queries, 12 paragraphs: {many}"
    with django_assert_max_num_queries(few):
        client.get(reverse("meetings:meeting", args=[large.pk]))


def test_meeting_page_names_the_first_objects_lacking_reports_and_links_to_all(
    client, sitiv, lead, django_assert_max_num_queries
):
    """The plans panel counts the reports in the database and names the first objects that
    lack one; the status overview lists them all. More objects, not more queries."""
    from django.utils import timezone

    from gits.plans import panels
    from gits.plans.models import StatusReport
    from gits.portfolio.models import ManagedObject

    def objects(n, start):
        return ManagedObject.objects.bulk_create(
            ManagedObject(
                name=f"Objekt {i:03}",
                short_name=f"O{i:03}",
                state=ManagedObject.State.IN_MANAGEMENT,
            )
            for i in range(start, start + n)
        )

    day = dt.date.today() + dt.timedelta(days=30)
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=day)
    first = objects(3, 0)
    ManagedObject.objects.create(name="Förslaget", short_name="F")  # reports to nobody
    StatusReport.objects.create(
        managed_object=first[0], meeting=meeting, date=dt.date.today(), submitted_at=timezone.now()
    )
    StatusReport.objects.create(managed_object=first[1], meeting=meeting, date=dt.date.today())
    client.force_login(lead)
    few, text = queries_for(client, meeting)
    assert "1 inlämnade, 0 inlämnade för sent, 1 påbörjade, 1 saknas" in text
    assert "Objekt 001, Objekt 002" in text and "till –" not in text

    objects(panels.MISSING_NAMES + 5, 100)
    with django_assert_max_num_queries(few):
        text = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    total = 2 + panels.MISSING_NAMES + 5
    assert f"{total - 1} saknas" in text
    assert "Objekt 001, Objekt 002, Objekt 100" in text
    last = f"Objekt {100 + panels.MISSING_NAMES - 3:03}"
    assert last in text and f"Objekt {100 + panels.MISSING_NAMES - 2:03}" not in text
    assert f"och {total - panels.MISSING_NAMES} till" in text
    assert reverse("plans:status_overview", args=[meeting.pk]) in text
