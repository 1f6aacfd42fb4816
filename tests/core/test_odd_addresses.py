"""No request breaks it (rule 10): an address with an odd filter, or a button's form naming a
record by something that is no id, gets the page or a 404, never a server error. Found by
walking every page of the demo as an administrator and sending each form and filter odd
values."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gits.bodies.models import Body
from gits.portfolio.models import Agreement, ManagedObject, ObjectRole

pytestmark = pytest.mark.django_db

# Too large for a 64-bit integer, a negative number, a digit that is not 0-9, no number.
ODD = ["9" * 25, "-1", "²", "abc", ""]


@pytest.fixture
def admin(client):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="admin"))
    client.raise_request_exception = False
    return client


def test_list_filters_in_the_address_never_fail(admin):
    body = Body.objects.get(short_name="SITIV")
    addresses = [
        ("/organisationer/", "forbund"),
        ("/sammantraden/", "ar"),
        ("/beslut/", "organ"),
        ("/beslut/", "ar"),
        ("/beslut/", "objekt"),
        ("/avtal/nytt/", "objekt"),
        ("/ekonomi/sie/2026/", "part"),
        (f"/organ/{body.pk}/standarddagordning/", "sammantrade"),
    ]
    answers = {
        (path, name, value): admin.get(path, {name: value}).status_code
        for path, name, value in ((p, n, v) for p, n in addresses for v in ODD)
    }
    assert {key: status for key, status in answers.items() if status != 200} == {}


def test_an_odd_year_shows_this_year_s_meetings(admin):
    response = admin.get("/sammantraden/", {"ar": "-1"})
    assert response.status_code == 200
    assert response.context["year"] > 2000


def test_a_button_naming_no_record_is_a_404(admin):
    obj = ManagedObject.objects.filter(roles__isnull=False).first()
    role = ObjectRole.objects.filter(managed_object=obj).first()
    agreement = Agreement.objects.first()
    posts = [
        (f"/objekt/{obj.pk}/end_role/", {"end_date": "2026-12-31"}, "role"),
        (f"/objekt/{obj.pk}/stakeholder/", {"name": "Intressent"}, "plan"),
        (f"/objekt/{obj.pk}/support_state/", {"state": "closed"}, "request"),
        (f"/avtal/{agreement.pk}/contact_remove/", {}, "contact"),
    ]
    answers = {
        (path, value): admin.post(path, {**data, name: value}).status_code
        for path, data, name in posts
        for value in ODD
    }
    assert set(answers.values()) == {404}, answers
    # The same button with the record's id still works.
    response = admin.post(
        f"/objekt/{obj.pk}/end_role/", {"role": role.pk, "end_date": "2099-12-31"}
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert str(role.end_date) == "2099-12-31"


def test_a_chosen_record_past_the_database_s_integers_is_refused_beside_its_field(admin):
    agreements = Agreement.objects.count()
    response = admin.post(
        "/avtal/nytt/",
        {
            "kind": "supplier",
            "title": "Avtal med en okänd part",
            "parties": ["9" * 25],
            "start_date": "2027-01-01",
            "first_end": "2027-12-31",
            "renewal_years": 1,
            "notice_months": 6,
        },
    )
    assert response.status_code == 400
    assert "parties" in response.context["form"].errors
    assert Agreement.objects.count() == agreements


def test_numbers_past_what_the_database_holds_are_refused_beside_their_field(admin):
    """SQLite takes any 64-bit number, PostgreSQL refuses past the column's range: the form
    refuses first, from the model field's own range, so both answer the same."""
    from gits.finance.models import BudgetLine, Financier
    from gits.organisations.models import Organisation, PopulationFigure

    line = BudgetLine.objects.filter(spread_method="users").first() or BudgetLine.objects.first()
    region = Organisation.objects.get(kind="region")
    gbg = Organisation.objects.get(scb_code="1480")
    figures = PopulationFigure.objects.count()
    cases = [
        (
            f"/ekonomi/rader/{line.pk}/anvandare/",
            {f"org_{region.pk}": "9" * 25},
            f"org_{region.pk}",
        ),
        (
            f"/organisationer/{gbg.pk}/folkmangd/ny/",
            {"reference_date": "2030-12-31", "population": "3000000000", "source": "SCB"},
            "population",
        ),
        (
            "/ekonomi/finansiarer/",
            {"name": "Ny finansiär", "side": "other", "position": "40000"},
            "position",
        ),
    ]
    for url, data, field in cases:
        response = admin.post(url, {"version": "", **data})
        assert response.status_code in (200, 400), (url, response.status_code)
        assert field in response.context["form"].errors, url
    assert PopulationFigure.objects.count() == figures
    assert not Financier.objects.filter(name="Ny finansiär").exists()
