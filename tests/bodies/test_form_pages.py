"""The pages that register and change a body (/organ/nytt/, /organ/<pk>/andra/) and register a
person (/personer/ny/), requested through the test client."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.bodies import services
from gits.bodies.models import Body, Membership, Person
from gits.core.models import AuditEntry
from gits.organisations.models import Organisation
from tests.factories import BodyFactory, MembershipFactory, PersonFactory
from tests.pages import error_beside, refused, shown

pytestmark = pytest.mark.django_db
CREATE = reverse("bodies:create")
PERSON_CREATE = reverse("bodies:person_create")


def _body(**changes):
    data = {
        "short_name": "RG-Test",
        "name": "Referensgruppen för test",
        "kind": "reference_group",
        "description": "Följer arbetet",
        "parent": "",
        "seats_region": "2",
        "seats_municipalities": "3",
        "chair_base_year": "",
        "chair_base_side": "",
        "min_meetings_per_year": "2",
        "material_days": "7",
        "version": "",
    }
    return {**data, **changes}


def _body_post(body, **changes):
    """What the edit page posts for a body as it is stored, with `changes`."""
    data = {
        "short_name": body.short_name,
        "name": body.name,
        "kind": body.kind,
        "description": body.description,
        "parent": body.parent_id or "",
        "seats_region": body.seats_region,
        "seats_municipalities": body.seats_municipalities,
        "chair_base_year": body.chair_base_year or "",
        "chair_base_side": body.chair_base_side,
        "min_meetings_per_year": body.min_meetings_per_year,
        "material_days": body.material_days,
        "version": body.version,
    }
    if body.members_from_parent:
        data["members_from_parent"] = "on"
    if body.chair_rotates:
        data["chair_rotates"] = "on"
    return {**data, **changes}


def _person(**changes):
    data = {
        "first_name": "Tova",
        "last_name": "Testsson",
        "title": "Digitaliseringsstrateg",
        "organisation": "",
        "email": "tova.testsson@example.se",
        "phone": "031-00 00 00",
        "version": "",
    }
    return {**data, **changes}


@pytest.fixture
def body(db):
    return BodyFactory(short_name="SG-X", name="Styrgrupp X", seats_region=2)


def _edit_url(body) -> str:
    return reverse("bodies:edit", args=[body.pk])


# --- /organ/nytt/ --------------------------------------------------------------------------


def test_new_body_page_shows_the_form(client, defaults, lead_user):
    client.force_login(lead_user)
    page = shown(client, CREATE)
    assert "<h1>Nytt organ</h1>" in page
    for label in (
        "Kortnamn",
        "Platser för regionen",
        "Platser för kommunerna",
        "Ordförandeskapet växlar årligen mellan sidorna",
        "Underlag senast, dagar före sammanträdet",
    ):
        assert f'">{label}' in page, label
    assert ">SITIV<" in page  # the bodies a new one may belong to
    assert f'href="{reverse("bodies:list")}">Avbryt</a>' in page


def test_creating_a_body_saves_it_and_opens_it(client, defaults, lead_user):
    client.force_login(lead_user)
    sitiv = Body.objects.get(short_name="SITIV")
    response = client.post(
        CREATE,
        _body(
            parent=sitiv.pk,
            chair_rotates="on",
            chair_base_year="2024",
            chair_base_side="region",
        ),
    )
    body = Body.objects.get(short_name="RG-Test")
    assert (body.name, body.kind, body.parent) == (
        "Referensgruppen för test",
        "reference_group",
        sitiv,
    )
    assert (body.seats_region, body.seats_municipalities, body.material_days) == (2, 3, 7)
    assert (body.chair_rotates, body.chair_base_year, body.chair_base_side) == (
        True,
        2024,
        "region",
    )
    assert response.status_code == 302
    assert response.url == reverse("bodies:detail", args=[body.pk])
    assert "RG-Test har sparats." in client.get(response.url).content.decode()
    created = AuditEntry.objects.filter(action="bodies.body.created", object_id=str(body.pk))
    assert created.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"short_name": ""}, "short_name", "Detta fält måste fyllas i."),
        ({"short_name": "sitiv"}, "short_name", "Det finns redan ett organ med kortnamnet sitiv."),
        ({"seats_region": "-1"}, "seats_region", "större än eller lika med 0"),
        ({"seats_region": "två"}, "seats_region", "Fyll i ett heltal."),
        ({"kind": "klubb"}, "kind", "Välj ett giltigt alternativ."),
        ({"chair_rotates": "on"}, "chair_base_year", "Ange ett basår för ordförandeväxlingen."),
        (
            {"chair_rotates": "on", "chair_base_year": "2024"},
            "chair_base_side",
            "Ange vilken sida som hade ordförandeskapet basåret.",
        ),
        ({"members_from_parent": "on"}, "parent", "Ange det organ som ledamöterna utses ur."),
    ],
)
def test_a_refused_body_is_shown_beside_the_field(
    client, defaults, lead_user, changes, field, message
):
    client.force_login(lead_user)
    count = Body.objects.count()
    response = client.post(CREATE, _body(**changes))
    page = refused(response, field, message)
    assert 'value="Referensgruppen för test"' in page  # what was typed is kept
    assert Body.objects.count() == count


def test_users_without_the_right_may_not_register_bodies(client, defaults, contact_user):
    client.force_login(contact_user)
    response = client.get(CREATE, follow=True)
    assert response.redirect_chain == [(reverse("bodies:list"), 302)]
    assert "Du saknar behörighet att registrera och ändra organ." in response.content.decode()
    response = client.post(CREATE, _body())
    assert response.status_code == 302 and response.url == reverse("bodies:list")
    assert not Body.objects.filter(short_name="RG-Test").exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_register_a_body(client, db):
    for response in (client.get(CREATE), client.post(CREATE, _body())):
        assert response.status_code == 302 and f"next={CREATE}" in response.url
    assert not Body.objects.exists()


# --- /organ/<pk>/andra/ --------------------------------------------------------------------


def test_edit_body_page_shows_the_stored_values(client, body, lead_user):
    client.force_login(lead_user)
    page = shown(client, _edit_url(body))
    assert "<h1>Ändra SG-X</h1>" in page
    assert 'value="Styrgrupp X"' in page and f'name="version" value="{body.version}"' in page
    assert f'href="{reverse("bodies:detail", args=[body.pk])}">Avbryt</a>' in page


def test_editing_a_body_saves_the_change(client, body, lead_user):
    client.force_login(lead_user)
    version = body.version
    response = client.post(_edit_url(body), _body_post(body, name="Styrgrupp Y", material_days=5))
    body.refresh_from_db()
    assert (body.name, body.material_days, body.version) == ("Styrgrupp Y", 5, version + 1)
    assert response.status_code == 302
    assert response.url == reverse("bodies:detail", args=[body.pk])
    assert "SG-X har sparats." in client.get(response.url).content.decode()
    changed = AuditEntry.objects.get(action="bodies.body.changed")
    assert "Styrgrupp Y" in str(changed.changes)


def test_a_body_cannot_belong_to_itself(client, body, lead_user):
    client.force_login(lead_user)
    response = client.post(_edit_url(body), _body_post(body, parent=body.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in error_beside(page, "parent")  # not even offered
    body.refresh_from_db()
    assert body.parent is None


def test_fewer_seats_than_members_seated_is_refused(client, body, lead_user):
    for _ in range(2):
        MembershipFactory(body=body, start_date=dt.date(2020, 1, 1))
    client.force_login(lead_user)
    response = client.post(_edit_url(body), _body_post(body, seats_region="1"))
    page = response.content.decode()
    assert response.status_code == 200
    error = error_beside(page, "seats_region")
    assert "SG-X har i dag 2 ledamöter för" in error
    assert "antalet platser kan inte bli 1 förrän uppdrag har avslutats." in error
    body.refresh_from_db()
    assert body.seats_region == 2
    assert Membership.objects.filter(body=body).count() == 2


def test_a_stale_body_edit_is_refused_and_keeps_what_was_typed(client, body, lead_user):
    stale = _body_post(body, name="Mitt namn")
    services.body_update(actor=lead_user, body=body, version=body.version, name="Någon annans")
    client.force_login(lead_user)
    response = client.post(_edit_url(body), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and "Posten har ändrats av någon annan" in page
    assert 'value="Mitt namn"' in page  # what was typed is kept
    assert 'aria-describedby="id_version-error"' not in page  # the version has no text beside it
    body.refresh_from_db()
    assert (body.name, body.version) == ("Någon annans", stale["version"] + 1)
    assert AuditEntry.objects.filter(action="bodies.body.changed").count() == 1


def test_users_without_the_right_may_not_change_bodies(client, body, contact_user):
    client.force_login(contact_user)
    response = client.get(_edit_url(body), follow=True)
    assert response.redirect_chain == [(reverse("bodies:list"), 302)]
    assert "Du saknar behörighet att registrera och ändra organ." in response.content.decode()
    response = client.post(_edit_url(body), _body_post(body, name="Kapat"))
    assert response.status_code == 302 and response.url == reverse("bodies:list")
    body.refresh_from_db()
    assert body.name == "Styrgrupp X"


def test_anonymous_visitors_are_sent_to_sign_in_to_change_a_body(client, body):
    url = _edit_url(body)
    for response in (client.get(url), client.post(url, _body_post(body, name="Kapat"))):
        assert response.status_code == 302 and f"next={url}" in response.url
    body.refresh_from_db()
    assert body.name == "Styrgrupp X"


def test_an_unknown_body_is_not_found(client, db, lead_user):
    client.force_login(lead_user)
    assert client.get(reverse("bodies:edit", args=[99999])).status_code == 404


# --- /personer/ny/ -------------------------------------------------------------------------


def test_new_person_page_shows_the_form(client, defaults, lead_user):
    client.force_login(lead_user)
    page = shown(client, PERSON_CREATE)
    assert "<h1>Ny person</h1>" in page
    for label in ("Förnamn", "Efternamn", "Befattning", "Organisation", "E-post", "Telefon"):
        assert f'">{label}' in page, label
    assert "Den part personen företräder; avgör vilken sida hen kan sitta för." in page
    assert ">Göteborg<" in page  # the organisations are offered
    assert f'href="{reverse("bodies:people")}">Avbryt</a>' in page


def test_creating_a_person_saves_them_and_opens_their_page(client, defaults, lead_user):
    client.force_login(lead_user)
    goteborg = Organisation.objects.get(scb_code="1480")
    response = client.post(PERSON_CREATE, _person(organisation=goteborg.pk))
    person = Person.objects.get(last_name="Testsson")
    assert (person.first_name, person.title, person.organisation) == (
        "Tova",
        "Digitaliseringsstrateg",
        goteborg,
    )
    assert (person.email, person.phone) == ("tova.testsson@example.se", "031-00 00 00")
    assert response.status_code == 302
    assert response.url == reverse("bodies:person", args=[person.pk])
    assert "Tova Testsson har sparats." in client.get(response.url).content.decode()
    created = AuditEntry.objects.filter(action="bodies.person.created", object_id=str(person.pk))
    assert created.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Detta fält måste fyllas i."),
        ({"last_name": "   "}, "last_name", "Detta fält måste fyllas i."),
        ({"email": "inte-en-adress"}, "email", "Fyll i en giltig e-postadress."),
        ({"organisation": "99999"}, "organisation", "Välj ett giltigt alternativ."),
    ],
)
def test_a_refused_person_is_shown_beside_the_field(
    client, defaults, lead_user, changes, field, message
):
    client.force_login(lead_user)
    count = Person.objects.count()
    response = client.post(PERSON_CREATE, _person(**changes))
    page = refused(response, field, message)
    assert 'value="Digitaliseringsstrateg"' in page  # what was typed is kept
    assert Person.objects.count() == count


def test_a_coordinator_may_register_people(client, defaults, make_user):
    client.force_login(make_user("function_coordinator"))
    assert client.get(PERSON_CREATE).status_code == 200
    response = client.post(PERSON_CREATE, _person())
    assert response.status_code == 302
    assert Person.objects.filter(last_name="Testsson").exists()


def test_users_without_the_right_may_not_register_people(client, defaults, contact_user):
    client.force_login(contact_user)
    response = client.get(PERSON_CREATE, follow=True)
    assert response.redirect_chain == [(reverse("bodies:people"), 302)]
    assert "Du saknar behörighet att registrera och ändra personer." in (response.content.decode())
    response = client.post(PERSON_CREATE, _person())
    assert response.status_code == 302 and response.url == reverse("bodies:people")
    assert not Person.objects.filter(last_name="Testsson").exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_register_a_person(client, db):
    PersonFactory()
    for response in (client.get(PERSON_CREATE), client.post(PERSON_CREATE, _person())):
        assert response.status_code == 302 and f"next={PERSON_CREATE}" in response.url
    assert not Person.objects.filter(last_name="Testsson").exists()
