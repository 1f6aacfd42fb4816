"""Forms offer only valid choices (issue 13): a case's preparers are the officials of the
right side in the preparation group (R-7), so a user cannot pick someone the service would
refuse."""

import pytest
from django.urls import reverse

from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.forms import CasePreparationForm, preparers
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(people):
    return Body.objects.get(short_name="Beredningsgruppen")


def _seated(group, side):
    return {m.person for m in group.memberships.filter(side=side)}


def test_preparer_choices_are_the_officials_of_each_side_r7(sitiv, lead, group):
    outsider = PersonFactory()
    case = services.case_register(actor=lead, body=sitiv, title="Ärende")
    form = CasePreparationForm(case=case)
    region = set(form.fields["preparer_region"].queryset)
    municipal = set(form.fields["preparer_municipalities"].queryset)
    assert region == _seated(group, "region") and len(region) == 1
    assert municipal == _seated(group, "municipalities") and len(municipal) == 1
    assert outsider not in region | municipal
    # a choice from the other side is not offered and so refused by the form
    (official,) = municipal
    posted = CasePreparationForm({"title": "Ärende", "preparer_region": official.pk}, case=case)
    assert not posted.is_valid() and "preparer_region" in posted.errors


def test_the_case_page_offers_only_the_officials(client, sitiv, lead, group):
    outsider = PersonFactory(first_name="Utan", last_name="Uppdrag")
    case = services.case_register(actor=lead, body=sitiv, title="Ärende")
    client.force_login(lead)
    page = client.get(reverse("meetings:case", args=[case.pk])).content.decode()
    select = page[
        page.index('name="preparer_region"') : page.index(
            "</select>", page.index('name="preparer_region"')
        )
    ]
    for person in _seated(group, "region"):
        assert f'value="{person.pk}"' in select
    for person in _seated(group, "municipalities"):
        assert f'value="{person.pk}"' not in select
    assert f'value="{outsider.pk}"' not in page
    # a post with someone outside the group is refused beside the field, nothing saved
    response = client.post(
        reverse("meetings:case_edit", args=[case.pk]),
        {"title": "Ärende", "preparer_region": outsider.pk, "version": case.version},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.preparer_region is None


def test_a_body_without_a_preparation_group_has_no_limit(people):
    body = Body.objects.exclude(children__kind=Body.Kind.PREPARATION_GROUP).first()
    someone = PersonFactory()
    assert someone in set(preparers(body, "region"))
