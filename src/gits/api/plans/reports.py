"""The region's reporting through the API: quarterly reports (drafted, changed, published),
the annual report, and the activity plan with its goals and their follow-up. Management plans,
status reports and meeting packs are in the package."""

import datetime as dt

from ninja import Router, Schema, Status

from gits.api.common import ERRORS, In, Out, Quarter, Year, document_file, get_or_404, patch_of
from gits.plans import services
from gits.plans.documents import annual_document, quarterly_document
from gits.plans.models import QUARTERLY_TEXT_FIELDS, ActivityPlan, Goal, QuarterlyReport

router = Router(tags=["Planer och rapporter"])


class QuarterIn(In):
    __model__ = QuarterlyReport

    year: Year
    quarter: Quarter


class QuarterlyOut(Out, texts=QUARTERLY_TEXT_FIELDS):
    id: int
    year: int
    quarter: int
    published_at: dt.datetime | None
    version: int


class QuarterlyIn(In, texts=QUARTERLY_TEXT_FIELDS):
    """The texts of a quarterly report, as a draft (from `QuarterIn`) is changed."""

    __model__ = QuarterlyReport


QuarterlyPatch = patch_of(QuarterlyIn)


class GoalIn(In):
    __model__ = Goal

    text: str
    horizon: Goal.Horizon = Goal.Horizon.SHORT
    area: str = ""


class GoalOut(Schema):
    id: int
    horizon: str
    area: str
    text: str
    state: str
    comment: str
    version: int


class FollowUpIn(In):
    __model__ = Goal

    state: Goal.State
    comment: str = ""
    version: int | None = None  # as read: a follow-up since is refused (409)


class ActivityPlanOut(Schema):
    id: int
    year: int
    description: str
    goals: list[GoalOut]


@router.post("/quarterly-reports", response={201: QuarterlyOut, **ERRORS})
def draft_quarterly(request, payload: QuarterIn):
    return Status(
        201,
        services.quarterly_draft(actor=request.auth, year=payload.year, quarter=payload.quarter),
    )


@router.patch("/quarterly-reports/{report_id}", response={200: QuarterlyOut, **ERRORS})
def update_quarterly(request, report_id: int, payload: QuarterlyPatch):
    report = get_or_404(QuarterlyReport, pk=report_id)
    return services.quarterly_update(actor=request.auth, report=report, **payload.changes())


@router.post("/quarterly-reports/{report_id}/publish", response={200: QuarterlyOut, **ERRORS})
def publish_quarterly(request, report_id: int):
    return services.quarterly_publish(
        actor=request.auth, report=get_or_404(QuarterlyReport, pk=report_id)
    )


@router.get("/quarterly-reports/{report_id}/pdf", response={200: None, **ERRORS})
def quarterly_pdf(request, report_id: int):
    return document_file(quarterly_document(get_or_404(QuarterlyReport, pk=report_id)))


@router.get("/annual-reports/{year}/pdf", response={200: None, **ERRORS})
def annual_pdf(request, year: Year):
    return document_file(annual_document(year))


@router.post("/activity-plans", response={201: ActivityPlanOut, **ERRORS})
def create_activity_plan(request, year: Year):
    return Status(201, services.activity_plan_create(actor=request.auth, year=year))


@router.get("/activity-plans/{year}", response={200: ActivityPlanOut, **ERRORS})
def get_activity_plan(request, year: Year):
    return get_or_404(ActivityPlan, year=year)


@router.post("/activity-plans/{year}/goals", response={201: GoalOut, **ERRORS})
def add_goal(request, year: Year, payload: GoalIn):
    return Status(
        201,
        services.goal_add(
            actor=request.auth, plan=get_or_404(ActivityPlan, year=year), **payload.dict()
        ),
    )


@router.post("/goals/{goal_id}/follow-up", response={200: GoalOut, **ERRORS})
def follow_up_goal(request, goal_id: int, payload: FollowUpIn):
    return services.goal_follow_up(
        actor=request.auth, goal=get_or_404(Goal, pk=goal_id), **payload.dict()
    )
