"""The review (seed 004, seed 000): a review with its assignment and the decision that gave
it, timeline, deliverables, stakeholders, costed alternatives (wind up, continue, widen, from
a scenario) and the decision that closes it; through the services, the pages and the API."""

import datetime as dt
from decimal import Decimal

import pytest

from gits.core.errors import DomainError, RightMissing, StaleRecord
from gits.core.models import AuditEntry
from gits.finance import services as finance
from gits.reviews import services
from gits.reviews.models import Review, ReviewAlternative
from gits.reviews.selectors import review_detail

pytestmark = pytest.mark.django_db
D = Decimal
API = "/api/v1/reviews"


def alternatives(review, scenario, lead):
    costs = {a.name: a for a in scenario.alternatives.all()}
    return [
        services.item_add(
            actor=lead,
            review=review,
            part="alternative",
            kind=kind,
            name=name,
            scenario_alternative=costs[name],
        )
        for kind, name in (("wind_up", "a) Avveckla"), ("continue", "b) Fortsätta"))
    ]


def test_review_is_created_with_its_assignment_decision_and_audited(review, decisions):
    assert review.assignment_decision == decisions["given"] and review.is_open
    entry = AuditEntry.objects.get(action="reviews.review.created")
    assert entry.changes["title"] == [None, "Översyn 2026"]


def test_a_referred_back_decision_gives_no_assignment(decisions, lead):
    with pytest.raises(DomainError) as err:
        services.review_create(actor=lead, title="X", assignment_decision=decisions["referred"])
    assert err.value.field == "assignment_decision" and not Review.objects.exists()


def test_review_dates_and_rights(decisions, lead, contact_user):
    with pytest.raises(DomainError) as err:
        services.review_create(
            actor=lead, title="X", start_date=dt.date(2026, 5, 1), due_date=dt.date(2026, 4, 1)
        )
    assert err.value.field == "due_date"
    with pytest.raises(RightMissing):
        services.review_create(actor=contact_user, title="Y")


def test_timeline_deliverables_and_stakeholders(review, lead):
    step = services.item_add(
        actor=lead, review=review, part="milestone", period="Q3", activity="Inhämtning"
    )
    services.item_add(actor=lead, review=review, part="deliverable", name="I. Kunskapsunderlag")
    services.item_add(
        actor=lead,
        review=review,
        part="stakeholder",
        name="SSVIT",
        information_needs="Information om uppdraget och dess slutresultat.",
    )
    services.item_update(actor=lead, item=step, done_on=dt.date(2026, 10, 1))
    assert review.milestones.get().done_on == dt.date(2026, 10, 1)
    assert review.stakeholders.get().information_needs.startswith("Information")
    with pytest.raises(DomainError) as err:
        services.item_add(actor=lead, review=review, part="milestone", period="Q4")
    assert err.value.field == "activity"
    actions = set(
        AuditEntry.objects.filter(parent_id=str(review.pk)).values_list("action", flat=True)
    )
    assert {
        "reviews.milestone.added",
        "reviews.milestone.changed",
        "reviews.stakeholder.added",
    } <= actions


def test_alternatives_are_costed_per_party_from_the_scenario(review, scenario, lead):
    alternatives(review, scenario, lead)
    detail = review_detail(review)
    wind_up, keep = detail.alternatives
    assert wind_up.column.total == D("1500000.00")
    assert keep.column.region + keep.column.municipalities == D("3150000.01")
    assert keep.column.region == D("1575000.01")  # the odd öre to the region
    assert sum(r.amount for r in keep.column.split.rows) == keep.column.municipalities
    assert len(detail.town_rows()) == 49


def test_an_alternative_must_be_costed_by_the_reviews_own_scenario(review, lead, defaults):
    other = finance.scenario_create(
        actor=None,
        check_right=False,
        name="Annat",
        reference_date=dt.date(2024, 12, 31),
        accept_earlier=True,
        spread_method="per_capita",
        alternatives=[("x", D("1"))],
    )
    with pytest.raises(DomainError) as err:
        services.item_add(
            actor=lead,
            review=review,
            part="alternative",
            kind="widen",
            name="c) Utöka",
            scenario_alternative=other.alternatives.get(),
        )
    assert err.value.field == "scenario_alternative"


def test_closing_needs_a_decision_after_the_assignment_and_one_of_its_alternatives(
    review, scenario, decisions, lead
):
    _wind_up, keep = alternatives(review, scenario, lead)
    with pytest.raises(DomainError) as err:
        services.review_close(
            actor=lead,
            review=review,
            version=review.version,
            closing_decision=decisions["referred"],
            chosen_alternative=keep,
        )
    assert err.value.field == "closing_decision"
    later = services.review_create(
        actor=lead, title="Senare", assignment_decision=decisions["closing"]
    )
    own = services.item_add(actor=lead, review=later, part="alternative", kind="other", name="z")
    with pytest.raises(DomainError, match="före uppdraget"):
        services.review_close(
            actor=lead,
            review=later,
            version=later.version,
            closing_decision=decisions["given"],
            chosen_alternative=own,
        )
    with pytest.raises(DomainError) as err:
        services.review_close(
            actor=lead,
            review=review,
            version=review.version,
            closing_decision=decisions["closing"],
            chosen_alternative=own,
        )
    assert err.value.field == "chosen_alternative"
    closed = services.review_close(
        actor=lead,
        review=review,
        version=review.version,
        closing_decision=decisions["closing"],
        chosen_alternative=keep,
        outcome="Fortsätta med bibehållen omfattning.",
    )
    assert closed.state == Review.State.CLOSED and closed.closed_on == dt.date(2026, 9, 18)
    entry = AuditEntry.objects.get(action="reviews.review.closed")
    assert entry.changes["state"] == ["Pågår", "Avslutad"]
    with pytest.raises(DomainError, match="avslutad"):
        services.item_add(actor=lead, review=closed, part="deliverable", name="Sent")
    with pytest.raises(StaleRecord):
        services.review_update(actor=lead, review=closed, version=review.version, title="Y")


def test_pages_show_and_change_a_review(client, review, scenario, decisions, lead, contact_user):
    alternatives(review, scenario, lead)
    client.force_login(contact_user)
    assert client.get("/oversyner/").status_code == 200
    page = client.get(f"/oversyner/{review.pk}/").content.decode()
    assert "b) Fortsätta" in page and "1\u00a0575\u00a0000,01" in page and "Göteborg" in page
    assert "Lägg till en intressent" not in page
    assert client.get("/oversyner/ny/").status_code == 302
    client.force_login(lead)
    added = client.post(
        f"/oversyner/{review.pk}/stakeholder/ny/",
        {"name": "Kommunalförbunden", "information_needs": "Dialogpart", "channel": ""},
    )
    assert added.status_code == 302 and review.stakeholders.count() == 1
    refused = client.post(f"/oversyner/{review.pk}/milestone/ny/", {"period": "Q1", "activity": ""})
    assert refused.status_code == 400
    keep = ReviewAlternative.objects.get(name="b) Fortsätta")
    closing = client.post(
        f"/oversyner/{review.pk}/avsluta/",
        {
            "closing_decision": decisions["closing"].pk,
            "chosen_alternative": keep.pk,
            "version": review.version,
        },
    )
    assert closing.status_code == 302
    assert Review.objects.get().chosen_alternative == keep


def test_api_creates_adds_parts_costs_and_closes(
    client, decisions, scenario, lead, contact_user, auth_header
):
    headers = auth_header(lead)

    def post(url, body):
        return client.post(url, body, content_type="application/json", headers=headers)

    created = post(
        API,
        {
            "title": "Översyn via API",
            "assignment_decision_id": decisions["given"].pk,
            "scenario_id": scenario.pk,
        },
    )
    assert created.status_code == 201
    rid = created.json()["id"]
    keep = scenario.alternatives.get(name="b) Fortsätta")
    added = post(
        f"{API}/{rid}/parts/alternative",
        {"kind": "continue", "name": "b) Fortsätta", "scenario_alternative_id": keep.pk},
    )
    assert added.status_code == 201
    (alternative,) = added.json()["alternatives"]
    assert alternative["total"] == "3150000.01" and len(alternative["per_municipality"]) == 49
    bad = post(f"{API}/{rid}/parts/milestone", {"period": "Q1"})
    assert bad.status_code == 400 and bad.json()["field"] == "activity"
    step = post(f"{API}/{rid}/parts/milestone", {"period": "Q1", "activity": "Start"}).json()
    sid = step["milestones"][0]["id"]
    patched = client.patch(
        f"{API}/parts/milestone/{sid}",
        {"done_on": "2026-03-31"},
        content_type="application/json",
        headers=headers,
    )
    assert patched.status_code == 200 and patched.json()["milestones"][0]["done_on"] == "2026-03-31"
    forbidden = client.post(
        f"{API}/{rid}/parts/stakeholder",
        {"name": "X"},
        content_type="application/json",
        headers=auth_header(contact_user),
    )
    assert forbidden.status_code == 403
    closed = post(
        f"{API}/{rid}/close",
        {
            "version": created.json()["version"],
            "closing_decision_id": decisions["closing"].pk,
            "chosen_alternative_id": alternative["id"],
        },
    )
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    history = client.get(f"{API}/{rid}/history", headers=headers)
    assert history.status_code == 200 and len(history.json()) >= 4
    assert client.delete(f"{API}/parts/milestone/{sid}", headers=headers).status_code == 400


def test_part_action_labels_follow_the_readers_language():
    """The labels of a review part's actions are formatted when shown, not once at start."""
    from django.apps import apps
    from django.utils import translation

    labels = apps.get_app_config("reviews").actions["reviews.milestone"]
    with translation.override("sv"):
        assert str(labels["reviews.milestone.added"]) == "Tidplanspunkt tillagd"
    with translation.override("en"):
        assert str(labels["reviews.milestone.added"]) == "Milestone added"
