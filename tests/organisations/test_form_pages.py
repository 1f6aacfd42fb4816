"""The pages that register an organisation (/organisationer/ny/) and a municipality's
population (/organisationer/<pk>/folkmangd/ny/), requested through the test client."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.core.models import AuditEntry
from gits.organisations.models import Organisation, PopulationFigure
from tests.pages import error_beside, refused, said, shown

pytestmark = pytest.mark.django_db
CREATE = reverse("organisations:create")


def _organisation(**changes):
    data = {
        "name": "Inera AB",
        "short_name": "Inera",
        "kind": "other",
        "org_number": "556036-0793",
        "scb_code": "",
        "federation": "",
        "website": "inera.se",
        "version": "",
    }
    return {**data, **changes}


@pytest.fixture
def goteborg(defaults):
    return Organisation.objects.get(scb_code="1480")


def _population_url(org) -> str:
    return reverse("organisations:population_add", args=[org.pk])


# --- /organisationer/ny/ -------------------------------------------------------------------


def test_new_organisation_page_shows_the_form(client, defaults, lead_user):
    client.force_login(lead_user)
    page = shown(client, CREATE)
    assert "<h1>Ny organisation</h1>" in page
    for label in ("Namn", "Kortnamn", "Typ", "Organisationsnummer", "Kommunkod"):
        assert f'">{label} ' in page or f'">{label}<' in page, label
    assert "Tio siffror, t.ex. 212000-1355. Kontrollsiffran prövas." in page
    # The federations are offered, the municipalities are not.
    assert "Göteborgsregionen" in page
    assert f'href="{reverse("organisations:list")}">Avbryt</a>' in page


def test_creating_an_organisation_saves_it_and_opens_it(client, defaults, lead_user):
    client.force_login(lead_user)
    response = client.post(CREATE, _organisation())
    org = Organisation.objects.get(name="Inera AB")
    assert (org.kind, org.short_name, org.org_number) == ("other", "Inera", "556036-0793")
    assert org.website == "https://inera.se"
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[org.pk])
    page = client.get(response.url).content.decode()
    assert "Inera AB har sparats." in page
    assert AuditEntry.objects.filter(action="organisations.organisation.created").exists()


def test_creating_a_municipality_needs_its_federation(client, defaults, lead_user):
    client.force_login(lead_user)
    data = _organisation(name="Nykommun", kind="municipality", scb_code="0999", org_number="")
    response = client.post(CREATE, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "En kommun ska tillhöra ett kommunalförbund." in error_beside(page, "federation")
    assert 'role="alert"' in page and "Det gick inte att spara" in page
    assert 'value="Nykommun"' in page  # what was typed is kept
    assert not Organisation.objects.filter(name="Nykommun").exists()
    federation = Organisation.objects.get(short_name="GR")
    response = client.post(CREATE, {**data, "federation": federation.pk})
    org = Organisation.objects.get(name="Nykommun")
    assert response.url == reverse("organisations:detail", args=[org.pk])
    assert (org.scb_code, org.federation) == ("0999", federation)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Detta fält måste fyllas i."),
        ({"org_number": "556036-0794"}, "org_number", "har fel kontrollsiffra"),
        ({"org_number": "212000-1355"}, "org_number", "är redan registrerat på Göteborg"),
        ({"name": "Göteborg"}, "name", "Det finns redan en organisation med namnet Göteborg."),
        ({"scb_code": "1480"}, "scb_code", "Bara kommuner har kommunkod."),
        ({"kind": "region"}, "kind", "Registret har redan en region"),
        ({"kind": "planet"}, "kind", "Välj ett giltigt alternativ."),
    ],
)
def test_a_refused_organisation_is_shown_beside_the_field(
    client, defaults, lead_user, changes, field, message
):
    client.force_login(lead_user)
    count = Organisation.objects.count()
    response = client.post(CREATE, _organisation(**changes))
    page = refused(response, field, message)
    assert f'aria-describedby="id_{field}-error"' in page or (
        f'aria-describedby="id_{field}-help id_{field}-error"' in page
    )
    assert Organisation.objects.count() == count


def test_users_without_the_right_may_not_register_organisations(client, defaults, contact_user):
    client.force_login(contact_user)
    response = client.get(CREATE, follow=True)
    assert response.redirect_chain == [(reverse("organisations:list"), 302)]
    assert "Du saknar behörighet att ändra organisationer i registret." in (
        response.content.decode()
    )
    response = client.post(CREATE, _organisation())
    assert response.status_code == 302 and response.url == reverse("organisations:list")
    assert not Organisation.objects.filter(name="Inera AB").exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_register(client, defaults):
    for response in (client.get(CREATE), client.post(CREATE, _organisation())):
        assert response.status_code == 302 and f"next={CREATE}" in response.url
    assert not Organisation.objects.filter(name="Inera AB").exists()


# --- /organisationer/<pk>/folkmangd/ny/ ------------------------------------------------------


def test_population_page_shows_the_form_for_the_municipality(client, goteborg, lead_user):
    client.force_login(lead_user)
    page = shown(client, _population_url(goteborg))
    assert "<h1>Registrera folkmängd för Göteborg</h1>" in page
    for label in ("Avser datum", "Folkmängd", "Källa", "Anmärkning"):
        assert f'">{label}' in page, label
    assert 'value="SCB, Statistikdatabasen BE0101"' in page  # the default source
    assert f'href="{reverse("organisations:detail", args=[goteborg.pk])}">Avbryt</a>' in page


def test_recording_a_population_saves_it_and_goes_back(client, goteborg, lead_user):
    client.force_login(lead_user)
    response = client.post(
        _population_url(goteborg),
        {"reference_date": "2030-12-31", "population": "612345", "source": "SCB", "note": "Prov"},
    )
    figure = PopulationFigure.objects.get(
        municipality=goteborg, reference_date=dt.date(2030, 12, 31)
    )
    assert (figure.population, figure.source, figure.note) == (612345, "SCB", "Prov")
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[goteborg.pk])
    page = client.get(response.url).content.decode()
    assert "Folkmängden har registrerats." in page and "2030-12-31" in page
    assert AuditEntry.objects.filter(action="organisations.population.recorded").exists()


def test_a_figure_for_the_same_date_is_replaced(client, goteborg, lead_user):
    client.force_login(lead_user)
    url = _population_url(goteborg)
    for population in ("600000", "600001"):
        client.post(url, {"reference_date": "2030-12-31", "population": population, "source": "S"})
    figures = PopulationFigure.objects.filter(municipality=goteborg, reference_date="2030-12-31")
    assert [f.population for f in figures] == [600001]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"population": "-1"}, "population", "större än eller lika med 0"),
        ({"population": "många"}, "population", "Fyll i ett heltal."),
        ({"population": ""}, "population", "Detta fält måste fyllas i."),
        ({"reference_date": "31/12"}, "reference_date", "Fyll i ett giltigt datum."),
        ({"source": "   "}, "source", "Detta fält måste fyllas i."),
    ],
)
def test_a_refused_population_is_shown_beside_the_field(
    client, goteborg, lead_user, data, field, message
):
    client.force_login(lead_user)
    count = PopulationFigure.objects.count()
    posted = {"reference_date": "2030-12-31", "population": "612345", "source": "SCB", **data}
    response = client.post(_population_url(goteborg), posted)
    refused(response, field, message)
    assert PopulationFigure.objects.count() == count


def test_population_is_recorded_only_for_municipalities(client, defaults, lead_user):
    client.force_login(lead_user)
    federation = Organisation.objects.get(short_name="GR")
    assert client.get(_population_url(federation)).status_code == 404
    response = client.post(
        _population_url(federation),
        {"reference_date": "2030-12-31", "population": "1", "source": "SCB"},
    )
    assert response.status_code == 404
    assert not PopulationFigure.objects.filter(municipality=federation).exists()


def test_users_without_the_right_may_not_record_population(client, goteborg, contact_user):
    client.force_login(contact_user)
    count = PopulationFigure.objects.count()
    detail = reverse("organisations:detail", args=[goteborg.pk])
    # Neither shown the form nor let to save: back to the municipality, saying why.
    for response in (
        client.get(_population_url(goteborg)),
        client.post(
            _population_url(goteborg),
            {"reference_date": "2030-12-31", "population": "1", "source": "SCB"},
        ),
    ):
        assert response.status_code == 302 and response.url == detail
        assert "Du saknar behörighet att registrera och importera folkmängd." in said(response)
    assert PopulationFigure.objects.count() == count


def test_anonymous_visitors_are_sent_to_sign_in_to_record_population(client, goteborg):
    url = _population_url(goteborg)
    count = PopulationFigure.objects.count()
    response = client.post(url, {"reference_date": "2030-12-31", "population": "1", "source": "S"})
    assert response.status_code == 302 and f"next={url}" in response.url
    assert client.get(url).status_code == 302
    assert PopulationFigure.objects.count() == count
