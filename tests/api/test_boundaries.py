"""No request breaks the API (issue 12): the examples that once gave a server error now get a
clear, documented JSON answer."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gits.accounts.services import token_create


@pytest.fixture
def auth(defaults, admin_user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=admin_user)[1]}"}


def _json_error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"detail", "field", "code"}
    return body


@pytest.mark.django_db
def test_out_of_range_numbers_are_refused(client, auth):
    _json_error(client.get("/api/v1/meetings", {"body_id": 1, "year": 0}), 422)
    _json_error(client.get("/api/v1/agreements/notice-due", {"months": 51833015545}), 422)
    _json_error(client.post("/api/v1/activity-plans?year=-23304737006244638720", **auth), 422)


@pytest.mark.django_db
def test_an_ambiguous_code_is_not_found(client, auth):
    body = {"scb_code": "", "reference_date": "2000-01-01", "population": 1, "source": "x"}
    _json_error(
        client.post(
            "/api/v1/population", json.dumps(body), content_type="application/json", **auth
        ),
        404,
    )


@pytest.mark.django_db
def test_a_file_that_is_not_csv_is_refused_by_row(client, auth):
    data = b'scb_code;population\r1480;600000\rx"\r\n\x00\x01'
    response = client.post(
        "/api/v1/population/import",
        {"file": SimpleUploadedFile("f.csv", data), "reference_date": "2025-12-31"},
        **auth,
    )
    assert response.status_code == 400, response.content


@pytest.mark.django_db
def test_unknown_api_address_answers_json_404(client):
    _json_error(client.get("/api/v1/no-such-thing/ / /"), 404)


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_a_request_too_large_answers_json_413(client, auth):
    body = json.dumps({"name": "x" * 500})
    _json_error(client.post("/api/v1/people", body, content_type="application/json", **auth), 413)


@pytest.mark.django_db
def test_every_operation_documents_the_common_errors(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status in ("400", "401", "403", "404", "409", "413", "422", "429"):
                assert status in operation["responses"], f"{method} {path} lacks {status}"
