"""The review's edit page and the pages that change or remove one of its parts (a step of the
timeline, a deliverable, a stakeholder, an alternative), through the test client. The services
are tested in test_reviews.py; here: what the pages show, save, say and refuse."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.core.models import AuditEntry
from gits.reviews import services
from gits.reviews.models import Deliverable, Milestone, Review, ReviewAlternative
from tests.pages import assert_sent_to_login, said, shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(review, lead):
    return services.item_add(
        actor=lead, review=review, part="milestone", period="Q3", activity="Inhämtning"
    )


@pytest.fixture
def viewer(make_user):
    """Signed in, but without the right to see reviews."""
    return make_user()


def detail_url(review):
    return reverse("reviews:detail", args=[review.pk])


def close(review, decisions, lead):
    chosen = services.item_add(
        actor=lead, review=review, part="alternative", kind="continue", name="b) Fortsätta"
    )
    return services.review_close(
        actor=lead,
        review=review,
        version=review.version,
        closing_decision=decisions["closing"],
        chosen_alternative=chosen,
    )


# --- reviews:edit -------------------------------------------------------------------------


def edit_url(review):
    return reverse("reviews:edit", args=[review.pk])


def edit_post(review, **changes):
    data = {
        "title": review.title,
        "purpose": review.purpose,
        "assignment": review.assignment,
        "assignment_decision": review.assignment_decision_id or "",
        "client": review.client,
        "led_by": review.led_by,
        "start_date": review.start_date.isoformat() if review.start_date else "",
        "due_date": review.due_date.isoformat() if review.due_date else "",
        "scenario": review.scenario_id or "",
        "version": review.version,
    }
    return {**data, **changes}


def test_the_edit_page_shows_the_review_in_its_form(client, lead, review):
    client.force_login(lead)
    page = shown(client, edit_url(review))
    assert "<h1>Ändra översyn: Översyn 2026</h1>" in page
    for label in ("Rubrik", "Uppdrag", "Beslut om uppdraget", "Leds av", "Slutleverans senast"):
        assert f">{label}" in page, label
    assert 'name="title" value="Översyn 2026"' in page
    assert f'name="version" value="{review.version}"' in page
    assert f'href="{detail_url(review)}">Avbryt</a>' in page


def test_saving_the_review(client, lead, review):
    client.force_login(lead)
    response = client.post(edit_url(review), edit_post(review, led_by="Funktionsledaren"))
    assert response.status_code == 302 and response.url == detail_url(review)
    assert said(response) == ["Översynen Översyn 2026 är sparad."]
    review.refresh_from_db()
    assert review.led_by == "Funktionsledaren"
    entry = AuditEntry.objects.get(action="reviews.review.changed")
    assert entry.changes["led_by"] == ["", "Funktionsledaren"]


def test_a_missing_title_is_shown_beside_the_field(client, lead, review):
    client.force_login(lead)
    response = client.post(edit_url(review), edit_post(review, title="", led_by="X"))
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page
    assert 'id="id_title-error"' in page and "Detta fält måste fyllas i." in page
    review.refresh_from_db()
    assert review.title == "Översyn 2026" and review.led_by == ""


def test_a_due_date_before_the_start_is_refused_beside_it(client, lead, review):
    client.force_login(lead)
    response = client.post(edit_url(review), edit_post(review, due_date="2026-01-01"))
    page = response.content.decode()
    assert (
        'id="id_due_date-error"' in page and "Slutleveransen kan inte ligga före starten." in page
    )
    review.refresh_from_db()
    assert review.due_date == dt.date(2026, 12, 31)


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(client, lead, review):
    stale = edit_post(review, led_by="Mitt förslag")
    services.review_update(actor=lead, review=review, version=review.version, led_by="Någon")
    client.force_login(lead)
    response = client.post(edit_url(review), stale)
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page and "Mitt förslag" in page
    review.refresh_from_db()
    assert review.led_by == "Någon"


def test_a_closed_review_cannot_be_edited(client, lead, review, decisions):
    closed = close(review, decisions, lead)
    client.force_login(lead)
    response = client.post(edit_url(closed), edit_post(closed, led_by="Sent"))
    page = response.content.decode()
    assert (
        'role="alert"' in page and "Översynen Översyn 2026 är avslutad och kan inte ändras." in page
    )
    closed.refresh_from_db()
    assert closed.led_by == ""


def test_editing_is_refused_without_the_right(client, contact_user, viewer, review):
    client.force_login(contact_user)  # may read reviews, not change them
    response = client.get(edit_url(review), follow=True)
    assert response.redirect_chain == [(reverse("reviews:list"), 302)]
    assert "Du saknar behörighet att upprätta, ändra och avsluta översyner." in (
        response.content.decode()
    )
    response = client.post(edit_url(review), edit_post(review, led_by="Kontakten"))
    assert response.status_code == 302 and response.url == reverse("reviews:list")
    review.refresh_from_db()
    assert review.led_by == ""
    client.force_login(viewer)  # may not even read them
    assert client.get(edit_url(review)).status_code == 403


def test_the_edit_page_needs_a_signed_in_user_and_a_review(client, lead, review):
    url = edit_url(review)
    assert_sent_to_login(client.get(url), url)
    client.force_login(lead)
    assert client.get(reverse("reviews:edit", args=[review.pk + 9])).status_code == 404


# --- reviews:item_edit --------------------------------------------------------------------


def item_edit_url(part, item):
    return reverse("reviews:item_edit", args=[part, item.pk])


def test_the_detail_page_links_to_the_item_pages(client, lead, review, step):
    client.force_login(lead)
    page = client.get(detail_url(review)).content.decode()
    assert f'href="{item_edit_url("milestone", step)}"' in page
    assert f'action="{reverse("reviews:item_remove", args=["milestone", step.pk])}"' in page


def test_the_item_page_shows_the_part_in_its_form(client, lead, review, step):
    client.force_login(lead)
    page = shown(client, item_edit_url("milestone", step))
    assert "<h1>Ändra: Q3: Inhämtning</h1>" in page
    assert f'<a href="{detail_url(review)}">Översyn 2026</a>' in page
    for label in ("Tidpunkt", "Aktivitet", "Senast", "Klart den"):
        assert f">{label}" in page, label
    assert 'name="activity" value="Inhämtning"' in page


def test_saving_a_part(client, lead, review, step):
    client.force_login(lead)
    response = client.post(
        item_edit_url("milestone", step),
        {"period": "Q3", "activity": "Inhämtning", "due_date": "", "done_on": "2026-10-01"},
        follow=True,
    )
    assert response.redirect_chain == [(detail_url(review), 302)]
    assert "Q3: Inhämtning är sparad." in response.content.decode()
    step.refresh_from_db()
    assert step.done_on == dt.date(2026, 10, 1)
    assert AuditEntry.objects.filter(action="reviews.milestone.changed").count() == 1


def test_a_stale_part_edit_is_refused_and_keeps_what_was_typed(
    client, lead, review, step, auth_header
):
    """Rule 4: a part is versioned; the edit page carries the version read, so two people
    editing one part cannot overwrite each other. The API refuses the same with 409."""
    client.force_login(lead)
    page = client.get(item_edit_url("milestone", step)).content.decode()
    assert f'<input type="hidden" name="version" value="{step.version}"' in page
    services.item_update(actor=lead, item=step, version=step.version, activity="Analys")
    response = client.post(
        item_edit_url("milestone", step),
        {"period": "Q3", "activity": "Mitt förslag", "done_on": "", "version": 1},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Posten har ändrats av någon annan sedan du öppnade den" in page
    assert 'name="activity" value="Mitt förslag"' in page
    step.refresh_from_db()
    assert (step.activity, step.version) == ("Analys", 2)

    def patch(version):
        return client.patch(
            f"/api/v1/reviews/parts/milestone/{step.pk}",
            {"activity": "Via API", "version": version},
            content_type="application/json",
            headers=auth_header(lead),
        )

    assert patch(1).status_code == 409
    ok = patch(2)
    assert ok.status_code == 200
    assert [m["version"] for m in ok.json()["milestones"] if m["id"] == step.pk] == [3]


def test_an_alternative_is_costed_from_the_reviews_scenario(client, lead, review, scenario):
    chosen = services.item_add(
        actor=lead, review=review, part="alternative", kind="wind_up", name="a) Avveckla"
    )
    cost = scenario.alternatives.get(name="a) Avveckla")
    client.force_login(lead)
    page = client.get(item_edit_url("alternative", chosen)).content.decode()
    assert f'<option value="{cost.pk}">' in page  # the review's scenario's alternatives
    response = client.post(
        item_edit_url("alternative", chosen),
        {
            "kind": "wind_up",
            "name": "a) Avveckla",
            "consequences": "",
            "scenario_alternative": cost.pk,
        },
    )
    assert response.status_code == 302 and response.url == detail_url(review)
    chosen.refresh_from_db()
    assert chosen.scenario_alternative == cost


def test_a_required_field_is_shown_beside_it(client, lead, review, step):
    client.force_login(lead)
    response = client.post(
        item_edit_url("milestone", step), {"period": "Q4", "activity": "", "done_on": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in page
    assert 'id="id_activity-error"' in page
    step.refresh_from_db()
    assert (step.period, step.activity) == ("Q3", "Inhämtning")


def test_a_refused_rule_is_shown_beside_its_field(client, lead, review):
    first, second = (
        services.item_add(actor=lead, review=review, part="alternative", kind=kind, name=name)
        for kind, name in (("wind_up", "a) Avveckla"), ("continue", "b) Fortsätta"))
    )
    client.force_login(lead)
    response = client.post(
        item_edit_url("alternative", second),
        {"kind": "continue", "name": "A) AVVECKLA", "consequences": "", "scenario_alternative": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'id="id_name-error"' in page
    assert "Översynen har redan alternativet A) AVVECKLA." in page
    second.refresh_from_db()
    assert second.name == "b) Fortsätta" and first.name == "a) Avveckla"


def test_a_part_of_a_closed_review_cannot_be_changed(client, lead, review, step, decisions):
    close(review, decisions, lead)
    client.force_login(lead)
    response = client.post(
        item_edit_url("milestone", step), {"period": "Q3", "activity": "Sent", "done_on": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in page
    assert "Översynen Översyn 2026 är avslutad och kan inte ändras." in page
    step.refresh_from_db()
    assert step.activity == "Inhämtning"


def test_changing_a_part_is_refused_without_the_right(client, contact_user, viewer, review, step):
    client.force_login(contact_user)
    response = client.get(item_edit_url("milestone", step), follow=True)
    assert response.redirect_chain == [(detail_url(review), 302)]
    assert "Du saknar behörighet att upprätta, ändra och avsluta översyner." in (
        response.content.decode()
    )
    response = client.post(
        item_edit_url("milestone", step), {"period": "Q1", "activity": "Kontakten"}
    )
    assert response.status_code == 302 and response.url == detail_url(review)
    step.refresh_from_db()
    assert step.activity == "Inhämtning"
    client.force_login(viewer)
    assert client.get(item_edit_url("milestone", step)).status_code == 403


def test_the_item_page_needs_a_known_part_and_item(client, lead, review, step):
    url = item_edit_url("milestone", step)
    assert_sent_to_login(client.get(url), url)
    client.force_login(lead)
    assert client.get(reverse("reviews:item_edit", args=["budget", step.pk])).status_code == 404
    # The pk of a milestone is not a deliverable's.
    assert not Deliverable.objects.filter(pk=step.pk).exists()
    assert client.get(item_edit_url("deliverable", step)).status_code == 404


# --- reviews:item_remove ------------------------------------------------------------------


def remove_url(part, item):
    return reverse("reviews:item_remove", args=[part, item.pk])


def test_removing_a_part(client, lead, review, step):
    client.force_login(lead)
    response = client.post(remove_url("milestone", step), follow=True)
    assert response.redirect_chain == [(detail_url(review), 302)]
    page = response.content.decode()
    assert "Q3: Inhämtning är borttagen." in page
    assert not Milestone.objects.exists()
    entry = AuditEntry.objects.get(action="reviews.milestone.removed")
    assert entry.changes["activity"] == ["Inhämtning", None]


def test_a_part_of_a_closed_review_stays(client, lead, review, step, decisions):
    close(review, decisions, lead)
    client.force_login(lead)
    response = client.post(remove_url("milestone", step), follow=True)
    assert response.redirect_chain == [(detail_url(review), 302)]
    assert "Översynen Översyn 2026 är avslutad och kan inte ändras." in response.content.decode()
    assert Milestone.objects.filter(pk=step.pk).exists()
    chosen = Review.objects.get().chosen_alternative
    client.post(remove_url("alternative", chosen))
    assert ReviewAlternative.objects.filter(pk=chosen.pk).exists()


def test_removing_is_refused_without_the_right(client, contact_user, viewer, review, step):
    client.force_login(contact_user)
    response = client.post(remove_url("milestone", step), follow=True)
    assert response.redirect_chain == [(detail_url(review), 302)]
    assert "Du saknar behörighet att upprätta, ändra och avsluta översyner." in (
        response.content.decode()
    )
    assert Milestone.objects.filter(pk=step.pk).exists()
    client.force_login(viewer)
    assert client.post(remove_url("milestone", step)).status_code == 403
    assert Milestone.objects.filter(pk=step.pk).exists()


def test_removing_needs_a_post_a_signed_in_user_and_a_known_part(client, lead, step):
    url = remove_url("milestone", step)
    assert_sent_to_login(client.post(url), url)
    client.force_login(lead)
    assert client.get(url).status_code == 405
    assert client.post(reverse("reviews:item_remove", args=["budget", step.pk])).status_code == 404
    assert client.post(remove_url("stakeholder", step)).status_code == 404
    assert Milestone.objects.filter(pk=step.pk).exists()


def test_the_item_page_runs_a_bounded_number_of_queries(
    client, lead, review, step, django_assert_max_num_queries
):
    client.force_login(lead)
    client.get(item_edit_url("milestone", step))
    with django_assert_max_num_queries(12):
        assert client.get(item_edit_url("milestone", step)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(edit_url(review)).status_code == 200
