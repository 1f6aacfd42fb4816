import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_database_ci_asked_for():
    """CI runs the suite on SQLite and on PostgreSQL; this fails if a run silently used the
    other one (e.g. DATABASE_URL not passed through)."""
    expected = os.environ.get("GITS_EXPECT_DB")
    if not expected:
        pytest.skip("GITS_EXPECT_DB är inte satt (bara CI kräver en viss databas)")
    assert connection.vendor == expected
