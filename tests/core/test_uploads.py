"""Uploads (issue 12, gits.core.uploads): every upload has a size limit and an allowed list of
types; a kept file is stored under a generated name and served as a download with the type
its extension gives, whatever the sender claimed. Case attachments (page and API), the
population import (page and API) and the budget import (page)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gits.core.errors import DomainError
from gits.core.uploads import CSV_TYPES, MB, accept_upload, download_type, read_upload
from gits.meetings import services
from gits.meetings.models import CaseAttachment

pytestmark = pytest.mark.django_db


def test_the_rule_refuses_other_types_and_larger_files():
    ok = SimpleUploadedFile("Folkmängd.CSV", b"a,b\n")
    assert accept_upload(ok, types=CSV_TYPES, max_bytes=MB) == "text/csv"
    with pytest.raises(DomainError, match="tas inte emot") as err:
        accept_upload(SimpleUploadedFile("f.html", b"<p>"), types=CSV_TYPES, max_bytes=MB)
    assert err.value.field == "file"
    with pytest.raises(DomainError, match="tas inte emot"):
        accept_upload(SimpleUploadedFile("utan-filändelse", b"x"), types=CSV_TYPES, max_bytes=MB)
    claimed_small = SimpleUploadedFile("f.csv", b"x" * 20)
    claimed_small.size = 5  # what the sender says; what it sends is read only up to the limit
    with pytest.raises(DomainError, match="för stor"):
        read_upload(claimed_small, types=CSV_TYPES, max_bytes=10)
    assert download_type("a.PDF") == "application/pdf"
    assert download_type("a.html") == "application/octet-stream"


def test_an_attachment_is_stored_under_a_generated_name_and_served_with_a_safe_type(
    client, sitiv, lead, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = services.case_register(actor=lead, body=sitiv, title="A")
    # A file that says it is a web page: kept as the PDF its name says, served as a download.
    upload = SimpleUploadedFile("../../Underlag.pdf", b"<script>alert(1)</script>", "text/html")
    a = services.case_attach(actor=lead, case=case, upload=upload)
    assert a.original_name == "Underlag.pdf" and a.content_type == "application/pdf"
    assert "Underlag" not in a.file.name and ".." not in a.file.name
    assert str(tmp_path) in a.file.path
    CaseAttachment.objects.filter(pk=a.pk).update(content_type="text/html")  # an older row
    client.force_login(lead)
    response = client.get(reverse("meetings:attachment", args=[a.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    response.close()


def test_the_api_refuses_an_attachment_of_another_type(
    client, sitiv, lead, auth_header, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = services.case_register(actor=lead, body=sitiv, title="A")
    response = client.post(
        f"/api/v1/cases/{case.pk}/attachments",
        {"file": SimpleUploadedFile("sida.html", b"<p>", "text/html")},
        headers=auth_header(lead),
    )
    assert response.status_code == 400 and response.json()["field"] == "file"
    assert not CaseAttachment.objects.exists()


def test_the_population_import_refuses_other_types_and_larger_files(
    client, defaults, lead_user, auth_header, monkeypatch
):
    headers = auth_header(lead_user)
    exe = SimpleUploadedFile("p.exe", b"region,2025\n1480 G,611000\n")
    response = client.post("/api/v1/population/import", {"file": exe}, headers=headers)
    assert response.status_code == 400 and response.json()["field"] == "file"
    monkeypatch.setattr("gits.api.organisations.POPULATION_MAX_BYTES", 10)
    big = SimpleUploadedFile("p.csv", b"region,2025\n1480 G,611000\n")
    response = client.post("/api/v1/population/import", {"file": big}, headers=headers)
    assert response.status_code == 400 and "för stor" in response.json()["detail"]
    client.force_login(lead_user)
    page = client.post(
        reverse("organisations:population_import"),
        {"file": SimpleUploadedFile("p.exe", b"region,2025\n1480 G,611000\n")},
    )
    assert page.status_code in (200, 400) and "tas inte emot" in page.content.decode()


def test_the_budget_import_refuses_other_types_and_larger_files(
    client, defaults, lead_user, monkeypatch
):
    client.force_login(lead_user)
    page = client.post(
        "/ekonomi/budget/import/",
        {"year": 2024, "file": SimpleUploadedFile("b.csv", b"Budget;1\n")},
    )
    assert "tas inte emot" in page.content.decode()
    monkeypatch.setattr("gits.finance.views.budgets.MB", 1)  # 10 bytes
    page = client.post(
        "/ekonomi/budget/import/",
        {"year": 2024, "file": SimpleUploadedFile("b.xlsx", b"PK" + b"0" * 100)},
    )
    assert "för stor" in page.content.decode()
