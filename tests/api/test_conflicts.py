"""A write that meets a uniqueness another write took at the same moment answers 409 with the
JSON error shape, never a server error (issue 12): on the one write path (gits.core.changes)
and, as a safety net, for any IntegrityError that reaches the API."""

import pytest
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_an_integrity_error_in_the_api_is_a_conflict(client, lead_user, auth_header, monkeypatch):
    def collide(**kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr("gits.api.bodies.services.person_create", collide)
    response = client.post(
        "/api/v1/people",
        {"first_name": "A", "last_name": "B"},
        content_type="application/json",
        headers=auth_header(lead_user),
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict" and "samtidigt" in response.json()["detail"]
