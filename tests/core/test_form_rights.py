"""A form page is not shown to a user who cannot save it (core/formviews.form_page's
`right`): they are sent back with the reason, on opening the page and on posting to it, and
nothing is saved. The pages of the register, the meetings, the population, agreements,
plans and the budget."""

import pytest
from django.urls import reverse

from gits.meetings.models import Case, Meeting
from gits.organisations.models import PopulationFigure
from gits.plans.models import ManagementPlan
from gits.portfolio.models import Agreement
from tests.pages import said

pytestmark = pytest.mark.django_db

PAGES = [
    # page, where the user is sent, the reason, the records that must stay as they are
    (
        "meetings:case_create",
        "meetings:cases",
        "Du saknar behörighet att registrera och bereda ärenden.",
        Case,
    ),
    (
        "meetings:meeting_create",
        "meetings:meetings",
        "Du saknar behörighet att planera sammanträden, dagordning och närvaro.",
        Meeting,
    ),
    (
        "organisations:population_import",
        "organisations:population_list",
        "Du saknar behörighet att registrera och importera folkmängd.",
        PopulationFigure,
    ),
    (
        "portfolio:agreement_create",
        "portfolio:agreements",
        "Du saknar behörighet att registrera och ändra avtal.",
        Agreement,
    ),
    (
        "plans:plan_create",
        "plans:index",
        "Du saknar behörighet att skriva förvaltningsplaner.",
        ManagementPlan,
    ),
]


@pytest.mark.parametrize(("page", "back", "reason", "model"), PAGES)
def test_a_user_without_the_right_is_not_shown_the_form(
    client, defaults, contact_user, page, back, reason, model
):
    client.force_login(contact_user)
    count = model.objects.count()
    for response in (client.get(reverse(page)), client.post(reverse(page), {})):
        assert response.status_code == 302 and response.url == reverse(back)
        assert reason in said(response)
    assert model.objects.count() == count


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_a_user_with_the_right_is_shown_the_form(client, defaults, admin_user, page):
    client.force_login(admin_user)
    response = client.get(reverse(page))
    assert response.status_code == 200 and b'method="post"' in response.content


def test_a_record_s_form_page_sends_a_user_without_the_right_back(client, defaults, contact_user):
    """The same for the form pages of one record: a body's standard agenda and a party's
    payment settings."""
    from gits.bodies.models import Body
    from gits.meetings.models import AgendaTemplate
    from gits.organisations.models import Organisation

    body = Body.objects.get(short_name="SITIV")
    region = Organisation.objects.get(kind="region")
    client.force_login(contact_user)
    pages = [
        (reverse("meetings:agenda_template", args=[body.pk]), reverse("meetings:meetings")),
        (
            reverse("finance:party_settings_edit", args=[region.pk]),
            reverse("finance:party_settings"),
        ),
    ]
    for url, back in pages:
        for response in (client.get(url), client.post(url, {"opening": "Öppnande"})):
            assert (response.status_code, response.url) == (302, back), url
            assert said(response)[0].startswith("Du saknar behörighet att "), url
    assert not AgendaTemplate.objects.filter(body=body).exists()
