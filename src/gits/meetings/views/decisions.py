"""The decision register (R-17), a decision's page, amendments and the assignments a
decision gives."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.bodies.models import Body
from gits.core.formviews import post_action
from gits.core.permissions import can
from gits.meetings import services
from gits.meetings.forms import AssignmentForm, AssignmentReportForm
from gits.meetings.models import Assignment, Decision
from gits.meetings.selectors import decision_register, locked_minutes
from gits.meetings.views.common import form_on_page, posted_form
from gits.portfolio.models import ManagedObject


def decision_list(request):
    public = not request.user.is_authenticated

    def as_int(name):
        try:
            return int(request.GET.get(name) or 0) or None
        except ValueError:
            return None

    filters = {
        "q": request.GET.get("q", "").strip(),
        "body": as_int("organ"),
        "year": as_int("ar"),
        "managed_object": as_int("objekt"),
        "outcome": request.GET.get("utfall", ""),
    }
    decisions = decision_register(public=public, **filters)
    page = Paginator(decisions, 30).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "meetings/decision_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "public": public,
            "query_string": query.urlencode(),
            "bodies": Body.objects.order_by("pk"),
            "objects": ManagedObject.objects.order_by("name"),
            "outcomes": Decision.Outcome.choices,
        },
    )


def decision_detail(request, pk, form=None):
    decision = get_object_or_404(
        Decision.objects.select_related("item__meeting__body", "item__case"), pk=pk
    )
    signed_in = request.user.is_authenticated
    # the public sees a decision once minutes recording it are locked, with their text.
    if decision.published_in_id is None and not signed_in:
        raise PermissionDenied
    meeting = decision.item.meeting
    record = locked_minutes(meeting)
    current = services.latest_minutes(meeting)
    can_assign = can(request.user, "meetings.assignment:change")
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "shown_text": decision.text if signed_in else decision.published_text,
            "published": decision.published_in_id is not None,
            "differs": signed_in
            and (decision.published_in_id is None or decision.published_text != decision.text),
            "correction_pending": record is not None
            and current is not None
            and current.pk != record.pk
            and not current.is_withdrawn,
            "signed": record is not None,
            "assignments": decision.assignments.select_related("assignee_body", "assignee_person"),
            "form": form
            or (
                AssignmentForm()
                if can_assign and decision.outcome == Decision.Outcome.DECIDED
                else None
            ),
            "report_form": AssignmentReportForm() if can_assign else None,
            "signed_minutes": record,
            "today": dt.date.today(),
            "can_amend": can(request.user, "meetings.decision:record")
            and not services.meeting_locked(meeting),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def decision_amend(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
    return post_action(
        request,
        lambda: services.decision_amend(
            actor=request.user, decision=decision, text=request.POST.get("text", "")
        ),
        success=_("Beslutstexten är ändrad."),
        next_url=reverse("meetings:decision", args=[pk]),
    )


@login_required
@require_POST
def assignment_give(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
    form = AssignmentForm(request.POST)
    return form_on_page(
        request,
        form,
        lambda data: services.assignment_give(actor=request.user, decision=decision, **data),
        success=_("Uppdraget är givet."),
        next_url=reverse("meetings:decision", args=[pk]),
        page=lambda: decision_detail(request, pk, form=form),
    )


@login_required
@require_POST
def assignment_report(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk)
    return posted_form(
        request,
        AssignmentReportForm(request.POST),
        lambda data: services.assignment_report(actor=request.user, assignment=assignment, **data),
        invalid=_("Ange datum och återrapport."),
        success=_("Uppdraget är återrapporterat."),
        next_url=reverse("meetings:decision", args=[assignment.decision_id]),
    )
