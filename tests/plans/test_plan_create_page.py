"""Issue 15: a new management plan is started on its own page (/planer/ny/), not from a list
of every object on the plans page. The page asks for the year first and offers the objects
that have no plan for it, narrowed by a search; any object can still be reached."""

import pytest
from django.urls import reverse

from gits.plans import services
from gits.plans.models import ManagementPlan
from gits.portfolio.models import ManagedObject
from tests.plans.conftest import YEAR

pytestmark = pytest.mark.django_db
URL = reverse("plans:plan_create")


def options(page: str) -> str:
    """The object list of the page's form."""
    start = page.index('<select name="managed_object"')
    return page[start : page.index("</select>", start)]


def test_plans_page_links_to_the_new_plan_page_instead_of_a_form(client, lead, samsa):
    client.force_login(lead)
    page = client.get(reverse("plans:index")).content.decode()
    assert f'href="{URL}"' in page and "Ny förvaltningsplan" in page
    assert 'name="managed_object"' not in page  # no list of every object on the plans page


def test_users_without_the_right_see_no_link_and_are_refused(client, make_user, samsa):
    client.force_login(make_user("municipal_contact"))
    assert f'href="{URL}"' not in client.get(reverse("plans:index")).content.decode()
    response = client.get(URL, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:index")
    assert 'name="managed_object"' not in response.content.decode()
    response = client.post(URL, {"managed_object": samsa.pk, "year": YEAR})
    assert response.status_code == 302 and not ManagementPlan.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "next=" in response.url


def test_offers_the_objects_without_a_plan_for_the_chosen_year(client, lead, samsa, bibblix):
    services.plan_create(actor=lead, managed_object=samsa, year=YEAR)
    client.force_login(lead)
    page = client.get(URL, {"ar": YEAR}).content.decode()
    assert f"Förvaltningsplan för {YEAR}" in page
    assert 'type="hidden" name="year" value="' + str(YEAR) + '"' in page
    offered = options(page)
    assert ">Bibblix</option>" in offered and "SAMSA" not in offered
    assert f"1 förvaltningsobjekt har ingen plan för {YEAR}." in page
    # Another year: SAMSA has no plan for it and is offered.
    assert "SAMSA – samordnad vård (SAMSA)" in options(
        client.get(URL, {"ar": YEAR + 1}).content.decode()
    )
    # By default the coming year; a year out of range is the coming year too.
    assert f"Förvaltningsplan för {YEAR + 1}" in client.get(URL).content.decode()
    assert f"Förvaltningsplan för {YEAR + 1}" in client.get(URL, {"ar": "1066"}).content.decode()
    assert client.get(URL, {"ar": "x"}).status_code == 200


def test_search_narrows_the_objects(client, lead, samsa, bibblix):
    client.force_login(lead)
    page = client.get(URL, {"ar": YEAR, "q": "samordnad"}).content.decode()
    assert "SAMSA" in options(page) and "Bibblix" not in options(page)
    assert f"1 förvaltningsobjekt utan plan för {YEAR} matchar ”samordnad”." in page
    page = client.get(URL, {"ar": YEAR, "q": "bibb"}).content.decode()  # short name too
    assert "Bibblix" in options(page) and "SAMSA" not in options(page)
    page = client.get(URL, {"ar": YEAR, "q": "finns inte"}).content.decode()
    assert 'name="managed_object"' not in page and "0 förvaltningsobjekt utan plan" in page


def test_creating_a_plan_opens_it(client, lead, samsa):
    client.force_login(lead)
    response = client.post(f"{URL}?ar={YEAR}", {"managed_object": samsa.pk, "year": YEAR})
    plan = ManagementPlan.objects.get()
    assert (plan.managed_object, plan.year) == (samsa, YEAR)
    assert response.status_code == 302 and response.url == reverse("plans:plan", args=[plan.pk])
    page = client.get(response.url).content.decode()
    assert f"Förvaltningsplan SAMSA {YEAR} är upprättad." in page


def test_a_second_plan_for_the_year_is_refused_beside_the_field(client, lead, samsa, bibblix):
    services.plan_create(actor=lead, managed_object=samsa, year=YEAR)
    client.force_login(lead)
    response = client.post(URL, {"managed_object": samsa.pk, "year": YEAR})
    page = response.content.decode()
    assert response.status_code == 400
    assert "har redan en förvaltningsplan för" in page and 'role="alert"' in page
    assert f"Förvaltningsplan för {YEAR}" in page  # the posted year, not the default
    assert "SAMSA" not in options(page)  # still only the objects without a plan
    assert ManagementPlan.objects.count() == 1
    response = client.post(URL, {"year": YEAR})  # no object chosen
    assert response.status_code == 400 and 'id="id_managed_object-error"' in (
        response.content.decode()
    )


def test_new_plan_page_queries_do_not_grow(client, lead, django_assert_max_num_queries):
    client.force_login(lead)
    ManagedObject.objects.bulk_create(
        ManagedObject(name=f"Objekt {i:03}", short_name=f"N{i:03}") for i in range(3)
    )
    client.get(URL)
    with django_assert_max_num_queries(8):
        few = client.get(URL).content.decode()
    ManagedObject.objects.bulk_create(
        ManagedObject(name=f"Objekt {i:03}", short_name=f"N{i:03}") for i in range(3, 300)
    )
    with django_assert_max_num_queries(8):
        many = client.get(URL).content.decode()
    assert options(few).count("<option") == 4 and options(many).count("<option") == 301


def test_plan_rows_link_to_the_plan_with_its_state(client, lead, samsa):
    plan = services.plan_create(actor=lead, managed_object=samsa, year=YEAR)
    client.force_login(lead)
    page = client.get(reverse("plans:index")).content.decode()
    assert (
        f'<tr><td><a href="{reverse("plans:plan", args=[plan.pk])}">SAMSA – samordnad vård</a>'
        f"</td><td>{YEAR}</td><td>Utkast</td></tr>"
    ) in page


def _plan_edit_post(plan, **changes):
    data = {
        "version": plan.version,
        "budget": "",
        "r-TOTAL_FORMS": "2",
        "r-INITIAL_FORMS": "0",
        "r-0-role": "Objektledare",
        "r-0-activities": "Leder förvaltningen",
        "r-0-employment_form": "permanent",
        "r-0-fte": "0.5",
        "r-1-role": "",
        "r-1-activities": "",
        "r-1-employment_form": "",
        "r-1-fte": "",
    }
    return {**data, **changes}


def test_the_plan_edit_page_saves_the_sections_and_resources(client, lead, samsa):
    plan = services.plan_create(actor=lead, managed_object=samsa, year=YEAR)
    url = reverse("plans:plan_edit", args=[plan.pk])
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert f"<h1>Redigera förvaltningsplanen för SAMSA {YEAR}</h1>" in page
    assert "<legend>Resurser</legend>" in page and 'name="r-0-role"' in page
    response = client.post(url, _plan_edit_post(plan, relations="Styrgruppen", budget="1200"))
    assert response.status_code == 302 and response.url == reverse("plans:plan", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.relations == "Styrgruppen" and plan.budget == 1200
    assert [(r.role, str(r.fte)) for r in plan.resources.all()] == [("Objektledare", "0.50")]


def test_a_stale_plan_edit_is_refused_and_keeps_what_was_typed(client, lead, samsa):
    plan = services.plan_create(actor=lead, managed_object=samsa, year=YEAR)
    stale = _plan_edit_post(plan, relations="Mitt utkast")
    services.plan_update(actor=lead, plan=plan, version=plan.version, relations="Någon annans")
    client.force_login(lead)
    response = client.post(reverse("plans:plan_edit", args=[plan.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200 and "Mitt utkast" in page and 'role="alert"' in page
    plan.refresh_from_db()
    assert plan.relations == "Någon annans" and not plan.resources.exists()
