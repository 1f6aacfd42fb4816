"""Issue 15: the plans page lists the management plans 50 at a time and costs the same
number of queries however many plans there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gits.plans.models import ManagementPlan
from gits.portfolio.models import ManagedObject

pytestmark = pytest.mark.django_db

ROWS = '<tr><td><a href="/planer/'


def plans(n, start=0):
    objects = ManagedObject.objects.bulk_create(
        ManagedObject(name=f"Objekt {i:03}", short_name=f"P{i:03}") for i in range(start, start + n)
    )
    ManagementPlan.objects.bulk_create(ManagementPlan(managed_object=o, year=2020) for o in objects)


def queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data or {}).status_code == 200
    return len(ctx.captured_queries)


def test_plans_are_paged(client, lead, django_assert_max_num_queries):
    client.force_login(lead)
    url = reverse("plans:index")
    plans(3)
    queries(client, url)
    few = queries(client, url)
    plans(57, start=3)
    with django_assert_max_num_queries(few):
        first = client.get(url).content.decode()
    assert first.count(ROWS) == 50 and "Sida 1 av 2" in first and 'href="?sida=2"' in first
    second = client.get(url, {"sida": 2}).content.decode()
    assert second.count(ROWS) == 10 and "Objekt 059" in second and "Objekt 000" not in second
