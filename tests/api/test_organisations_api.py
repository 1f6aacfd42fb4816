import pytest

from gits.core.models import AuditEntry
from gits.organisations.models import Organisation

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_openapi_is_published(client):
    spec = client.get(f"{API}/openapi.json").json()
    assert spec["info"]["title"] == "GITS API"
    for path in ("/api/v1/organisations", "/api/v1/memberships", "/api/v1/population/import"):
        assert path in spec["paths"]


def test_read_municipality_anonymously(client, defaults):
    data = client.get(f"{API}/municipalities/1480").json()
    assert data["name"] == "Göteborg"
    assert data["latest_population"] == 608993 and data["latest_population_date"] == "2024-12-31"
    assert data["side"] == "municipalities" and data["is_party"] is True


def test_parties_are_region_and_49_municipalities(client, defaults, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        parties = client.get(f"{API}/parties").json()
    assert len(parties) == 50


def test_write_needs_token(client, defaults):
    response = client.post(
        f"{API}/organisations", {"name": "X", "kind": "other"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_wrong_token_is_refused_even_for_reads(client, defaults):
    response = client.get(f"{API}/parties", headers={"Authorization": "Bearer nej"})
    assert response.status_code == 401


def test_invalid_org_number_names_the_field_r1(client, defaults, lead_user, auth_header):
    response = client.post(
        f"{API}/organisations",
        {"name": "Fel", "kind": "other", "org_number": "212000-1356"},
        content_type="application/json",
        headers=auth_header(lead_user),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "org_number"
    assert "kontrollsiffra" in response.json()["detail"]


def test_schema_error_names_the_field(client, defaults, lead_user, auth_header):
    response = client.post(
        f"{API}/organisations",
        {"name": "Fel", "kind": "planet"},
        content_type="application/json",
        headers=auth_header(lead_user),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "kind"


def test_rights_apply_to_the_api(client, defaults, contact_user, auth_header):
    response = client.post(
        f"{API}/organisations",
        {"name": "Ny", "kind": "other"},
        content_type="application/json",
        headers=auth_header(contact_user),
    )
    assert response.status_code == 403


def test_patch_with_stale_version_is_409(client, defaults, lead_user, auth_header):
    org = Organisation.objects.get(scb_code="1480")
    headers = auth_header(lead_user)
    ok = client.patch(
        f"{API}/organisations/{org.pk}",
        {"version": 1, "website": "https://goteborg.se"},
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(
        f"{API}/organisations/{org.pk}",
        {"version": 1, "website": "https://x.se"},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 409 and stale.json()["field"] == "version"
    entry = AuditEntry.objects.filter(action="organisations.organisation.changed").get()
    assert entry.actor == lead_user and entry.changes["website"] == ["", "https://goteborg.se"]
    history = client.get(f"{API}/organisations/{org.pk}/history", headers=headers).json()
    assert history[0]["action"] == "organisations.organisation.changed"


def test_record_and_import_population(client, defaults, lead_user, auth_header):
    headers = auth_header(lead_user)
    response = client.post(
        f"{API}/population",
        {
            "scb_code": "1435",
            "reference_date": "2024-12-31",
            "population": 12900,
            "source": "SCB BE0101",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201 and response.json()["is_year_end"] is True
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("p.csv", b"scb_code,population,population_date\n1480,x,2025-12-31\n")
    response = client.post(f"{API}/population/import", {"file": bad}, headers=headers)
    assert response.status_code == 400 and "Rad 2" in response.json()["detail"]
    good = SimpleUploadedFile("p.csv", b"region,2025\n1480 G,611000\n")
    response = client.post(f"{API}/population/import", {"file": good}, headers=headers)
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0}
