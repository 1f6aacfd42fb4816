"""The forms folded under "Namnge en kontakt", "Nytt supportärende" and the like on an
object's page: a refused one comes back open with its error beside the field (rule 4), and a
municipality's contact finds the contact form open on the kind the municipality lacks."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gits.portfolio import services
from gits.portfolio.models import ManagedObject

pytestmark = pytest.mark.django_db


def details(page: str, summary: str) -> str:
    """The opening tag of the <details> whose summary is `summary`."""
    return re.search(rf"(<details[^>]*>)<summary>{re.escape(summary)}</summary>", page).group(1)


def test_a_refused_form_comes_back_open_with_its_error(client, lead, proposal):
    client.force_login(lead)
    url = reverse("portfolio:action", args=[proposal.pk, "support"])
    response = client.post(url, {"title": "Inloggning", "description": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert details(page, "Nytt supportärende") == "<details open>"
    assert details(page, "Tilldela en roll") == "<details>"  # the others stay folded
    assert 'id="id_description-error"' in page
    response = client.post(reverse("portfolio:action", args=[proposal.pk, "role"]), {})
    assert details(response.content.decode(), "Tilldela en roll") == "<details open>"


def test_a_municipalitys_contact_finds_the_contact_form_open_on_what_it_lacks(client, people):
    contact = get_user_model().objects.get(username="kommunkontakt")
    party = contact.person.organisation
    obj = ManagedObject.objects.create(
        name="Journal", short_name="J", state=ManagedObject.State.IN_MANAGEMENT
    )
    services.contact_set(
        actor=contact, managed_object=obj, party=party, kind="business", name="Rut"
    )
    client.force_login(contact)
    url = reverse("portfolio:object", args=[obj.pk])
    page = client.get(url).content.decode()
    assert details(page, "Namnge en kontakt") == "<details open>"
    kind = re.search(r'<select name="kind".*?</select>', page, re.S).group(0)
    assert '<option value="technical" selected>' in kind
    services.contact_set(
        actor=contact, managed_object=obj, party=party, kind="technical", name="IT"
    )
    page = client.get(url).content.decode()
    assert details(page, "Namnge en kontakt") == "<details>"  # nothing lacking: folded


@pytest.mark.parametrize(
    ("name", "short_name", "heading"),
    [
        ("Nationell patientöversikt", "NPÖ", "Nationell patientöversikt (NPÖ)"),
        ("Öppna data", "Öppna data", "Öppna data"),
        (
            "Basservice för informationsförsörjning (BIF)",
            "BIF",
            "Basservice för informationsförsörjning (BIF)",
        ),
    ],
)
def test_an_objects_heading_names_its_short_name_once(client, lead, name, short_name, heading):
    obj = ManagedObject.objects.create(name=name, short_name=short_name)
    client.force_login(lead)
    page = client.get(reverse("portfolio:object", args=[obj.pk])).content.decode()
    assert f"<h1>{heading}</h1>" in page


def options_of(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_move_form_offers_only_the_moves_the_lifecycle_allows_r18(client, lead):
    client.force_login(lead)
    S = ManagedObject.State
    evaluated = ManagedObject.objects.create(name="Värderad", short_name="V", state=S.EVALUATED)
    page = client.get(reverse("portfolio:object", args=[evaluated.pk])).content.decode()
    assert options_of(page, "to_state") == [S.PROPOSED, S.CO_MANAGEMENT_DECIDED]
    ended = ManagedObject.objects.create(name="Avvecklad", short_name="A", state=S.DECOMMISSIONED)
    page = client.get(reverse("portfolio:object", args=[ended.pk])).content.decode()
    assert 'name="to_state"' not in page and "Ändra läge" not in page


def test_a_support_request_row_offers_only_its_next_states(client, lead, proposal):
    client.force_login(lead)
    new = services.support_request_create(
        actor=lead, managed_object=proposal, title="Ny", description="Något."
    )
    closed = services.support_request_create(
        actor=lead, managed_object=proposal, title="Stängd", description="Något."
    )
    services.support_request_move(actor=lead, request=closed, to_state="closed")
    page = client.get(reverse("portfolio:object", args=[proposal.pk])).content.decode()
    row = re.search(rf'<select id="st-{new.pk}" name="state">(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'value="([^"]*)"', row) == ["in_progress", "closed"]
    # A closed request has nowhere to go: its row has no form.
    assert f'id="st-{closed.pk}"' not in page
