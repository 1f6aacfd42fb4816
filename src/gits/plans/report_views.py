"""The function's own reports (R-20, R-21): deviations, the quarterly report, the annual
report and the activity plan with its goals. Plans, status reports and the pack are in
`plans/views.py`."""

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.core.formviews import (
    form_on_page,
    form_page,
    initial_from,
    post_action,
    posted_record,
    refuse_without,
)
from gits.core.permissions import can
from gits.plans import services
from gits.plans.documents import annual_document, quarterly_document
from gits.plans.forms import (
    DeviationForm,
    FollowUpForm,
    GoalForm,
    QuarterlyDraftForm,
    QuarterlyForm,
)
from gits.plans.models import QUARTERLY_TEXT_FIELDS, ActivityPlan, Deviation, Goal, QuarterlyReport
from gits.plans.views import _document, index_context


@login_required
def deviations(request):
    form = DeviationForm(request.POST or None, initial={"date": dt.date.today()})
    return form_page(
        request,
        form,
        template="plans/deviations.html",
        save=lambda data, _version: services.deviation_record(actor=request.user, **data),
        success=_("Avvikelsen är registrerad."),
        next_url="plans:deviations",
        context={
            "form": form if can(request.user, "plans.deviation:change") else None,
            "deviations": Deviation.objects.select_related("managed_object")[:200],
        },
    )


@login_required
@require_POST
def quarterly_draft(request):
    """Draft a quarter's report from the plans page; a refusal comes back on that page,
    beside the year or quarter it concerns."""
    return form_page(
        request,
        QuarterlyDraftForm(request.POST),
        template="plans/index.html",
        service=services.quarterly_draft,
        success=_(
            "Kvartalsrapporten är sammanställd ur systemets uppgifter. Redigera texten och publicera."
        ),
        next_url=lambda report: reverse("plans:quarterly", args=[report.pk]),
        context=lambda: index_context(request),
        error_status=400,
        right="plans.quarterly:change",
        refuse_to=reverse("plans:index"),
    )


@login_required
def quarterly_detail(request, pk):
    report = get_object_or_404(QuarterlyReport, pk=pk)
    here = reverse("plans:quarterly", args=[pk])
    if request.method == "POST" and "publish" in request.POST:
        return post_action(
            request,
            lambda: services.quarterly_publish(actor=request.user, report=report),
            success=_("Kvartalsrapporten är publicerad."),
            next_url=here,
        )
    unpublished = report.published_at is None
    if request.method == "POST" and not (
        unpublished and can(request.user, "plans.quarterly:change")
    ):
        # The page has no form to show the refusal beside: say it and come back.
        refused = refuse_without(request, "plans.quarterly:change", "plans:quarterly", pk)
        if refused:
            return refused
        messages.error(request, _("Kvartalsrapporten är publicerad och kan inte ändras."))
        return redirect(here)
    form = QuarterlyForm(request.POST or None, initial=initial_from(report, QUARTERLY_TEXT_FIELDS))
    return form_page(
        request,
        form,
        template="plans/quarterly.html",
        service=partial(services.quarterly_update, report=report),
        success=_("Texten är sparad."),
        next_url=here,
        context={
            "report": report,
            "form": form if unpublished and can(request.user, "plans.quarterly:change") else None,
            "can_publish": can(request.user, "plans.quarterly:publish") and unpublished,
        },
    )


@login_required
def quarterly_pdf(request, pk):
    report = get_object_or_404(QuarterlyReport, pk=pk)
    return _document(quarterly_document(report), f"kvartalsrapport-{report.year}-Q{report.quarter}")


@login_required
def annual_pdf(request, year):
    return _document(annual_document(year), f"verksamhetsrapport-{year}")


def _activity_form(request, plan):
    """The form posted on the activity plan page, the key it is shown under (`goal` for a new
    goal, else the goal's id) and the service call that saves it."""
    if "follow_up" in request.POST:
        goal = posted_record(request, "follow_up", Goal, plan=plan)
        form = FollowUpForm(request.POST, prefix=f"g{goal.pk}")
        return (
            form,
            goal.pk,
            lambda data: services.goal_follow_up(actor=request.user, goal=goal, **data),
        )
    form = GoalForm(request.POST)
    return form, "goal", lambda data: services.goal_add(actor=request.user, plan=plan, **data)


@login_required
def activity_plan(request, year):
    """The year's activity plan: its goals and their follow-up. A refused goal or follow-up
    is shown again where it was, with what was typed and the reason beside the field."""
    plan = ActivityPlan.objects.filter(year=year).prefetch_related("goals").first()
    url = reverse("plans:activity", args=[year])
    if request.method != "POST":
        return _activity_page(request, plan, year)
    refused = refuse_without(request, "plans.activity:change", url)
    if refused:
        return refused
    if plan is None:
        return post_action(
            request,
            lambda: services.activity_plan_create(actor=request.user, year=year),
            success=_("Verksamhetsplanen är sparad."),
            next_url=url,
        )
    form, key, save = _activity_form(request, plan)
    return form_on_page(
        request,
        form,
        save,
        success=_("Verksamhetsplanen är sparad."),
        next_url=url,
        page=lambda: _activity_page(request, plan, year, posted={key: form}),
    )


def _activity_page(request, plan, year, posted=None):
    posted = posted or {}
    may = can(request.user, "plans.activity:change")
    goals = list(plan.goals.all()) if plan else []
    for goal in goals:
        goal.form = posted.get(goal.pk) or (
            FollowUpForm(prefix=f"g{goal.pk}", initial=initial_from(goal, ["state", "comment"]))
            if may
            else None
        )
    return render(
        request,
        "plans/activity_plan.html",
        {
            "year": year,
            "plan": plan,
            "goals": goals,
            "can_change": may,
            "goal_form": posted.get("goal") or (GoalForm() if may else None),
        },
        status=400 if posted else 200,
    )
