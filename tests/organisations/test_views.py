import pytest
from django.urls import reverse

from gits.core.models import AuditEntry
from gits.organisations.models import Organisation
from tests.factories import PASSWORD, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_register_lists_goteborg_with_population_and_federation(
    client, defaults, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organisations:list"))
    text = response.content.decode()
    assert "Göteborg" in text and "608 993" in text.replace("\xa0", " ").replace(",", " ")
    assert "49 kommuner" in text


def test_list_query_count_does_not_grow_with_data(client, defaults, django_assert_max_num_queries):
    for _ in range(30):
        MunicipalityFactory()
    with django_assert_max_num_queries(8):
        client.get(reverse("organisations:list"))


def test_filter_by_federation(client, defaults):
    gr = Organisation.objects.get(short_name="GR")
    text = client.get(
        reverse("organisations:list"), {"forbund": gr.pk, "typ": "municipality"}
    ).content.decode()
    assert "Härryda" in text and "Skövde" not in text


def test_municipality_page_by_scb_code(client, defaults):
    response = client.get(reverse("organisations:by_code", args=["1480"]), follow=True)
    text = response.content.decode()
    assert "Göteborg" in text and "Göteborgsregionen" in text and "212000-1355" in text


def test_older_figures_are_marked(client, defaults):
    text = client.get(reverse("organisations:list")).content.decode()
    assert text.count("äldre siffra") == 5


def test_edit_form_shows_luhn_error_beside_field(client, defaults, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    org = Organisation.objects.get(scb_code="1480")
    response = client.post(
        reverse("organisations:edit", args=[org.pk]),
        {
            "name": org.name,
            "kind": "municipality",
            "org_number": "212000-1356",
            "scb_code": "1480",
            "federation": org.federation_id,
            "version": org.version,
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_org_number-error"' in text and "kontrollsiffra" in text
    org.refresh_from_db()
    assert org.org_number == "212000-1355"


def test_stale_form_is_refused(client, defaults, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    org = Organisation.objects.get(scb_code="1480")
    data = {
        "name": "Göteborgs Stad",
        "kind": "municipality",
        "org_number": org.org_number,
        "scb_code": "1480",
        "federation": org.federation_id,
        "version": org.version,
    }
    assert client.post(reverse("organisations:edit", args=[org.pk]), data).status_code == 302
    data["name"] = "Annat namn"
    text = client.post(reverse("organisations:edit", args=[org.pk]), data).content.decode()
    assert "ändrats av någon annan" in text
    org.refresh_from_db()
    assert org.name == "Göteborgs Stad"


def test_contact_cannot_edit(client, defaults, contact_user):
    client.login(username=contact_user.username, password=PASSWORD)
    org = Organisation.objects.get(scb_code="1480")
    response = client.get(reverse("organisations:edit", args=[org.pk]), follow=True)
    assert "behörighet" in response.content.decode()


def test_import_page_lists_errors_and_imports_nothing(client, defaults, lead_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username=lead_user.username, password=PASSWORD)
    entries = AuditEntry.objects.count()
    bad = SimpleUploadedFile(
        "f.csv", b"scb_code,population,population_date\n1480,1,2025-12-31\n1234,2,2025-12-31\n"
    )
    text = client.post(reverse("organisations:population_import"), {"file": bad}).content.decode()
    assert "Rad 3, kolumn ”scb_code”" in text
    assert AuditEntry.objects.count() == entries
    good = SimpleUploadedFile(
        "f.csv", b"scb_code,population,population_date\n1480,610000,2025-12-31\n"
    )
    response = client.post(reverse("organisations:population_import"), {"file": good}, follow=True)
    assert "1 nya" in response.content.decode()


def test_history_visible_on_record_page(client, defaults, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    org = Organisation.objects.get(scb_code="1480")
    text = client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    assert "Historik" in text and "Organisation registrerad" in text
