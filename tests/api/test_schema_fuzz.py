"""The schema is the contract (issue 12): every request the OpenAPI schema allows gets a
documented answer, every answer matches the schema, and no request gives a server error.

Schemathesis generates requests for every operation from the published schema, with a fixed
seed and a bounded budget, as an administrator (who may call every operation) against the demo
data."""

import importlib

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gits.accounts.services import token_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())

EXAMPLES = 12
# The contract: no server error, only documented status codes and content types, and every
# answer in the documented shape. (A schema-valid request that a business rule refuses with a
# documented 400 is an answer, not a failure, so the acceptance checks are not used.)
CONTRACT = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def _reseed():
    """Put back what the data migrations seed (roles, criteria), which flush removed."""
    from django.apps import apps as live_apps

    for module, function in (
        ("gits.accounts.migrations.0001_initial", "create_groups"),
        ("gits.portfolio.migrations.0001_initial", "create_criteria"),
    ):
        getattr(importlib.import_module(module), function)(live_apps, None)


@pytest.fixture(scope="module", autouse=True)
def _keep_the_connection():
    """The requests go to the WSGI handler directly, not through Django's test client, so the
    handler's signals would close the database connection after each request, which on
    PostgreSQL ends the test's transaction. The test client disconnects the same receivers."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def admin_token(django_db_setup, django_db_blocker):
    """The demo data and an administrator's key, once for the module; removed afterwards so
    that other tests start from an empty database."""
    with django_db_blocker.unblock():
        call_command("load_defaults", verbosity=0)
        call_command("load_demo", verbosity=0)
        admin = get_user_model().objects.create_superuser("schemathesis", "s@example.se", "x")
        yield token_create(user=admin, name="schemathesis")[1]
        call_command("flush", interactive=False, verbosity=0)
        _reseed()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, admin_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_token}"}, checks=CONTRACT)
