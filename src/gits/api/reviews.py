"""Reviews through the API (seed 004, seed 000): the same services, rules and rights as the
pages. A review with its assignment decision, timeline, deliverables, stakeholders, costed
alternatives (cost per party from the review's scenario) and the decision that closes it."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Router, Schema, Status

from gits.api.common import (
    ERRORS,
    In,
    get_or_404,
    patch_of,
    resolve_ids,
    text_of,
    whole_of,
)
from gits.api.resources import Resource
from gits.core.permissions import require
from gits.finance.models import Scenario, ScenarioAlternative
from gits.meetings.models import Decision
from gits.reviews import services
from gits.reviews.apps import VIEW
from gits.reviews.models import (
    Deliverable,
    Milestone,
    Review,
    ReviewAlternative,
    ReviewStakeholder,
)
from gits.reviews.selectors import review_detail, reviews

router = Router(tags=["Översyner"])
Part = Literal["milestone", "deliverable", "stakeholder", "alternative"]


def _read(request) -> None:
    require(request.auth, VIEW)


# --- schemas --------------------------------------------------------------------------------


class ReviewIn(In):
    __model__ = Review

    title: str
    purpose: str = ""
    assignment: str = ""
    assignment_decision_id: int | None = None
    client: str = ""
    led_by: str = ""
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    scenario_id: int | None = None


ReviewPatch = patch_of(ReviewIn)


class CloseIn(In):
    __model__ = Review

    version: int
    closing_decision_id: int
    chosen_alternative_id: int
    outcome: str = ""
    closed_on: dt.date | None = None


class ItemIn(In):
    """The fields of a part; which apply depends on its kind (milestone: period, activity,
    due_date, done_on; deliverable: name, description, due_date, delivered_on; stakeholder:
    name, information_needs, channel; alternative: kind, name, consequences,
    scenario_alternative_id)."""

    period: text_of(Milestone, "period") | None = None
    activity: text_of(Milestone, "activity") | None = None
    due_date: dt.date | None = None
    done_on: dt.date | None = None
    name: text_of(Deliverable, "name") | None = None
    description: text_of(Deliverable, "description") | None = None
    delivered_on: dt.date | None = None
    information_needs: text_of(ReviewStakeholder, "information_needs") | None = None
    channel: text_of(ReviewStakeholder, "channel") | None = None
    kind: text_of(ReviewAlternative, "kind") | None = None
    consequences: text_of(ReviewAlternative, "consequences") | None = None
    scenario_alternative_id: whole_of(ReviewAlternative, "scenario_alternative_id") | None = None
    position: whole_of(Milestone, "position") | None = None


class ItemPatch(ItemIn):
    """The fields to change, and the `version` of the part as read (else 409)."""

    version: int | None = None


class MilestoneOut(Schema):
    id: int
    version: int
    period: str
    activity: str
    due_date: dt.date | None
    done_on: dt.date | None


class DeliverableOut(Schema):
    id: int
    version: int
    name: str
    description: str
    due_date: dt.date | None
    delivered_on: dt.date | None


class StakeholderOut(Schema):
    id: int
    version: int
    name: str
    information_needs: str
    channel: str


class PartyCostOut(Schema):
    municipality_id: int
    municipality: str
    amount: Decimal


class AlternativeOut(Schema):
    id: int
    version: int
    kind: str
    name: str
    consequences: str
    scenario_alternative_id: int | None
    total: Decimal | None = None
    region: Decimal | None = None
    municipalities: Decimal | None = None
    per_municipality: list[PartyCostOut] = []


class ReviewOut(Schema):
    id: int
    title: str
    purpose: str
    assignment: str
    assignment_decision_id: int | None
    client: str
    led_by: str
    start_date: dt.date | None
    due_date: dt.date | None
    scenario_id: int | None
    state: str
    closing_decision_id: int | None
    closed_on: dt.date | None
    chosen_alternative_id: int | None
    outcome: str
    version: int


class ReviewDetailOut(ReviewOut):
    milestones: list[MilestoneOut]
    deliverables: list[DeliverableOut]
    stakeholders: list[StakeholderOut]
    alternatives: list[AlternativeOut]
    cost_problem: str


def _detail_out(review: Review) -> dict:
    review = get_or_404(reviews(), pk=review.pk)
    detail = review_detail(review)
    data = ReviewOut.from_orm(review).dict()
    data.update(
        milestones=list(review.milestones.all()),
        deliverables=list(review.deliverables.all()),
        stakeholders=list(review.stakeholders.all()),
        cost_problem=detail.problem,
        alternatives=[
            {
                "id": c.alternative.pk,
                "version": c.alternative.version,
                "kind": c.alternative.kind,
                "name": c.alternative.name,
                "consequences": c.alternative.consequences,
                "scenario_alternative_id": c.alternative.scenario_alternative_id,
                "total": c.column.total if c.column else None,
                "region": c.column.region if c.column else None,
                "municipalities": c.column.municipalities if c.column else None,
                "per_municipality": [
                    {
                        "municipality_id": r.municipality.pk,
                        "municipality": r.municipality.name,
                        "amount": r.amount,
                    }
                    for r in c.column.split.rows
                ]
                if c.column
                else [],
            }
            for c in detail.alternatives
        ],
    )
    return data


# The records a review's payload names by id.
REFERENCES = {
    "assignment_decision": Decision,
    "scenario": Scenario,
    "scenario_alternative": ScenarioAlternative,
}


def _resolve(data: dict) -> dict:
    return resolve_ids(data, **REFERENCES)


# --- endpoints ----------------------------------------------------------------------------------


@router.get("/reviews", response={200: list[ReviewOut], **ERRORS})
def list_reviews(request):
    _read(request)
    return list(reviews().order_by("state", "-start_date", "-pk"))


@router.post("/reviews", response={201: ReviewDetailOut, **ERRORS})
def create_review(request, payload: ReviewIn):
    review = services.review_create(actor=request.auth, **_resolve(payload.dict()))
    return Status(201, _detail_out(review))


@router.get("/reviews/{int:review_id}", response={200: ReviewDetailOut, **ERRORS})
def get_review(request, review_id: int):
    """The review with its parts and each alternative's cost per party."""
    _read(request)
    return _detail_out(get_or_404(Review, pk=review_id))


Resource(router, "/reviews/{int:review_id}", Review, ReviewDetailOut, name="review").history()


@router.patch("/reviews/{int:review_id}", response={200: ReviewDetailOut, **ERRORS})
def update_review(request, review_id: int, payload: ReviewPatch):
    review = get_or_404(Review, pk=review_id)
    services.review_update(actor=request.auth, review=review, **payload.changes(**REFERENCES))
    return _detail_out(review)


@router.post("/reviews/{int:review_id}/close", response={200: ReviewDetailOut, **ERRORS})
def close_review(request, review_id: int, payload: CloseIn):
    """Close the review by the decision that ends it, naming the alternative chosen."""
    review = get_or_404(Review, pk=review_id)
    services.review_close(
        actor=request.auth,
        review=review,
        version=payload.version,
        closing_decision=get_or_404(Decision, pk=payload.closing_decision_id),
        chosen_alternative=get_or_404(ReviewAlternative, pk=payload.chosen_alternative_id),
        outcome=payload.outcome,
        closed_on=payload.closed_on,
    )
    return _detail_out(review)


def _item(part: str, item_id: int):
    if part not in services.ITEMS:
        get_or_404(Review, pk=-1)
    return get_or_404(services.ITEMS[part][0], pk=item_id)


@router.post("/reviews/{int:review_id}/parts/{part}", response={201: ReviewDetailOut, **ERRORS})
def add_item(request, review_id: int, part: Part, payload: ItemIn):
    """Add a part: milestone, deliverable, stakeholder or alternative."""
    review = get_or_404(Review, pk=review_id)
    data = _resolve(payload.dict(exclude_none=True))
    services.item_add(actor=request.auth, review=review, part=part, **data)
    return Status(201, _detail_out(review))


@router.patch("/reviews/parts/{part}/{int:item_id}", response={200: ReviewDetailOut, **ERRORS})
def update_item(request, part: Part, item_id: int, payload: ItemPatch):
    item = _item(part, item_id)
    data = _resolve(payload.dict(exclude_unset=True))
    services.item_update(actor=request.auth, item=item, **data)
    return _detail_out(item.review)


@router.delete("/reviews/parts/{part}/{int:item_id}", response={204: None, **ERRORS})
def remove_item(request, part: Part, item_id: int):
    services.item_remove(actor=request.auth, item=_item(part, item_id))
    return Status(204, None)
