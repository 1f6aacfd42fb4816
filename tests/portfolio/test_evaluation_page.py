"""The evaluation page (R-19): a verdict for every criterion, the users per side and the
recommendation; a refusal is shown beside its field with everything typed kept (rule 4),
and numbers past what the database holds are refused there (rule 10)."""

import pytest

from gits.portfolio.models import Criterion

pytestmark = pytest.mark.django_db


def _posted(**changes):
    data = {f"verdict_{c.pk}": "met" for c in Criterion.objects.filter(active=True)}
    data |= {f"grounds_{c.pk}": f"Skäl {c.number}" for c in Criterion.objects.all()}
    data |= {
        "users_region": "800",
        "users_municipalities": "2400",
        "recommend": "yes",
        "recommendation": "Länsövergripande och delad information.",
    }
    return {**data, **changes}


def test_an_evaluation_is_recorded_with_a_verdict_for_every_criterion(client, lead, proposal):
    client.force_login(lead)
    url = f"/objekt/{proposal.pk}/vardering/"
    page = client.get(url)
    assert page.status_code == 200
    for c in Criterion.objects.filter(active=True):
        assert f'name="verdict_{c.pk}"' in page.content.decode()
    response = client.post(url, _posted())
    assert response.status_code == 302
    evaluation = proposal.evaluations.get()
    assert (evaluation.users_region, evaluation.users_municipalities) == (800, 2400)
    assert evaluation.recommend and evaluation.share_municipalities == 75
    assert [j.grounds for j in evaluation.judgements.order_by("pk")] == [
        f"Skäl {n}" for n in range(1, 6)
    ]


def test_a_refused_evaluation_keeps_what_was_typed_and_says_why_beside_each_field(
    client, lead, proposal
):
    client.force_login(lead)
    first = Criterion.objects.get(number=1)
    response = client.post(
        f"/objekt/{proposal.pk}/vardering/",
        _posted(**{f"verdict_{first.pk}": "", "users_region": "9" * 25}),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors[f"verdict_{first.pk}"] == ["Välj en bedömning."]
    assert "users_region" in errors
    text = response.content.decode()
    assert "Länsövergripande och delad information." in text  # the recommendation kept
    assert 'value="2400"' in text
    assert not proposal.evaluations.exists()


def test_a_user_without_the_right_is_not_shown_the_form(client, contact_user, proposal):
    client.force_login(contact_user)
    response = client.get(f"/objekt/{proposal.pk}/vardering/")
    assert response.status_code == 302 and response.url == f"/objekt/{proposal.pk}/"
