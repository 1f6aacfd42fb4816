"""The decision register (R-17), a decision's page, amendments and the assignments a
decision gives."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body
from gits.core.formviews import RecordPage, record_form
from gits.core.pagination import get_page, query_int, query_string
from gits.core.permissions import can
from gits.meetings import services
from gits.meetings.forms import AssignmentForm, AssignmentReportForm, DecisionAmendForm
from gits.meetings.models import Assignment, Case, Decision
from gits.meetings.selectors import decision_register, locked_minutes
from gits.portfolio.models import ManagedObject


def decision_list(request):
    public = not request.user.is_authenticated

    filters = {
        "q": request.GET.get("q", "").strip(),
        "body": query_int(request, "organ"),
        "year": query_int(request, "ar", high=dt.MAXYEAR),
        "managed_object": query_int(request, "objekt"),
        "outcome": request.GET.get("utfall", ""),
    }
    page = get_page(request, decision_register(public=public, **filters), 30)
    # Only objects with cases can have decisions: not every object of the portfolio (issue 15).
    objects = ManagedObject.objects.filter(
        Q(Exists(Case.objects.filter(managed_object=OuterRef("pk"))))
        | Q(pk=filters["managed_object"] or 0)
    )
    return render(
        request,
        "meetings/decision_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "public": public,
            "query_string": query_string(request),
            "bodies": Body.objects.order_by("pk").values("pk", "short_name"),
            "objects": objects.order_by("name").values("pk", "short_name"),
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


DECISION_PAGE = RecordPage(Decision, "meetings:decision", decision_detail)


@record_form(
    Decision.objects.select_related("item__meeting__body"),
    DecisionAmendForm,
    right="meetings.decision:record",
    heading=lambda decision: _("Ändra beslutstexten: %(d)s") % {"d": decision},
    submit=_("Spara beslutstexten"),
    success=_("Beslutstexten är ändrad."),
    back=DECISION_PAGE.url_of,
    fill=["text"],
)
def decision_amend(request, decision, data):
    return services.decision_amend(actor=request.user, decision=decision, **data)


@DECISION_PAGE.form(AssignmentForm, success=_("Uppdraget är givet."))
def assignment_give(request, decision, data):
    return services.assignment_give(actor=request.user, decision=decision, **data)


@record_form(
    Assignment.objects.select_related(
        "decision__item__meeting__body", "assignee_body", "assignee_person"
    ),
    AssignmentReportForm,
    right="meetings.assignment:change",
    heading=lambda assignment: _("Återrapportera uppdraget"),
    intro=lambda assignment: (
        _("%(who)s: %(what)s – senast %(due)s.")
        % {
            "who": assignment.assignee,
            "what": assignment.description,
            "due": assignment.due_date.isoformat(),
        }
    ),
    submit=_("Återrapportera"),
    success=_("Uppdraget är återrapporterat."),
    back=lambda assignment: reverse("meetings:decision", args=[assignment.decision_id]),
    back_label=lambda assignment: assignment.decision,
)
def assignment_report(request, assignment, data):
    return services.assignment_report(actor=request.user, assignment=assignment, **data)
