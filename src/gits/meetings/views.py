import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.bodies.models import Body
from gits.bodies.selectors import body_composition
from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.permissions import can
from gits.meetings import services
from gits.meetings.calendar import body_calendar
from gits.meetings.forms import (
    AgendaAddForm,
    AssignmentForm,
    AssignmentReportForm,
    AttachmentForm,
    CaseForm,
    CasePreparationForm,
    CorrectionForm,
    DecisionForm,
    MeetingForm,
)
from gits.meetings.models import (
    AgendaItem,
    Assignment,
    Case,
    CaseAttachment,
    Decision,
    Meeting,
    Minutes,
)
from gits.meetings.pdf import minutes_pdf
from gits.meetings.rules import MANUAL_MOVES
from gits.meetings.selectors import decision_register, open_assignments, year_plan
from gits.portfolio.models import ManagedObject


def _flash_error(request, err: DomainError) -> None:
    messages.error(request, str(err.message))


# --- cases --------------------------------------------------------------------------------


@login_required
def case_list(request):
    cases = Case.objects.select_related("body", "managed_object").order_by("-year", "-number")
    state = request.GET.get("lage", "")
    if state:
        cases = cases.filter(state=state)
    page = Paginator(cases, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "meetings/case_list.html",
        {
            "page_obj": page,
            "states": Case.State.choices,
            "state": state,
            "can_change": can(request.user, "meetings.case:change"),
            "query_string": f"lage={state}" if state else "",
        },
    )


@login_required
def case_create(request):
    form = CaseForm(request.POST or None, initial={"body": Body.objects.order_by("pk").first()})
    if request.method == "POST" and form.is_valid():
        case = call_service(
            form, lambda: services.case_register(actor=request.user, **form.cleaned_data)
        )
        if case is not None:
            messages.success(
                request, _("Ärendet %(nr)s är registrerat.") % {"nr": case.diary_number}
            )
            return redirect("meetings:case", pk=case.pk)
    return render(request, "meetings/case_form.html", {"form": form})


@login_required
def case_detail(request, pk, form=None):
    case = get_object_or_404(
        Case.objects.select_related(
            "body", "managed_object", "preparer_region", "preparer_municipalities"
        ),
        pk=pk,
    )
    initial = {f: getattr(case, f) for f in ("title", "description", "preparation", "proposal")}
    initial.update(
        managed_object=case.managed_object_id,
        preparer_region=case.preparer_region_id,
        preparer_municipalities=case.preparer_municipalities_id,
        version=case.version,
    )
    can_change = can(request.user, "meetings.case:change")
    return render(
        request,
        "meetings/case_detail.html",
        {
            "case": case,
            "form": form or (CasePreparationForm(initial=initial) if can_change else None),
            "attachment_form": AttachmentForm() if can_change else None,
            "moves": [(s, Case.State(s).label) for s in MANUAL_MOVES.get(case.state, set())]
            if can_change
            else [],
            "items": case.agenda_items.select_related("meeting", "decision"),
            "attachments": case.attachments.all(),
            "history": history_for(case) if can(request.user, "core.audit:view") else None,
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def case_edit(request, pk):
    case = get_object_or_404(Case, pk=pk)
    form = CasePreparationForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = call_service(
            form,
            lambda: services.case_update(actor=request.user, case=case, version=version, **data),
        )
        if saved is not None:
            messages.success(request, _("Beredningen är sparad."))
            return redirect("meetings:case", pk=pk)
    return case_detail(request, pk, form=form)


@login_required
@require_POST
def case_move(request, pk):
    case = get_object_or_404(Case, pk=pk)
    try:
        services.case_move(
            actor=request.user,
            case=case,
            to_state=request.POST.get("state", ""),
            version=int(request.POST.get("version") or case.version),
        )
        messages.success(request, _("Ärendet har flyttats."))
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:case", pk=pk)


@login_required
@require_POST
def case_attach(request, pk):
    case = get_object_or_404(Case, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.case_attach(actor=request.user, case=case, upload=form.cleaned_data["file"])
            messages.success(request, _("Bilagan är sparad."))
        except DomainError as err:
            _flash_error(request, err)
    else:
        messages.error(request, _("Välj en fil att bifoga."))
    return redirect("meetings:case", pk=pk)


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(CaseAttachment, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


# --- meetings -----------------------------------------------------------------------------


def meeting_list(request):
    bodies = list(Body.objects.order_by("pk"))
    try:
        year = int(request.GET.get("ar") or dt.date.today().year)
    except ValueError:
        year = dt.date.today().year
    plans = [
        year_plan(b, year)
        for b in bodies
        if b.min_meetings_per_year or b.meetings.filter(date__year=year).exists()
    ]
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "plans": plans,
            "year": year,
            "years": [year - 1, year, year + 1],
            "can_change": can(request.user, "meetings.meeting:change"),
            "today": dt.date.today(),
        },
    )


@login_required
def meeting_create(request):
    form = MeetingForm(
        request.POST or None,
        initial={"body": Body.objects.order_by("pk").first(), "kind": "ordinary"},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        meeting = call_service(form, lambda: services.meeting_plan(actor=request.user, **data))
        if meeting is not None:
            messages.success(request, _("Sammanträdet är planerat."))
            return redirect("meetings:meeting", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def meeting_detail(request, pk, decision_forms=None):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair"), pk=pk)
    items = list(meeting.items.select_related("case", "decision").order_by("number"))
    attendance = list(meeting.attendance.select_related("person"))
    minutes = list(meeting.minutes.prefetch_related("signatures__person").order_by("version"))
    user = request.user
    can_meeting = can(user, "meetings.meeting:change")
    can_decide = can(user, "meetings.decision:record")
    signed = bool(minutes) and minutes[-1].is_signed
    decision_forms = decision_forms or {}
    for item in items:
        item.form = decision_forms.get(item.pk) or (
            DecisionForm(prefix=f"i{item.pk}")
            if can_decide and not hasattr(item, "decision") and not signed
            else None
        )
    composition = (
        body_composition(meeting.body, meeting.date) if can_meeting and not signed else None
    )
    present_ids = {a.person_id for a in attendance if a.present}
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "attendance": attendance,
            "minutes": minutes,
            "latest_minutes": minutes[-1] if minutes else None,
            "composition": composition,
            "present_ids": present_ids,
            "quorum_missing": services.meeting_quorum_missing(meeting) if attendance else set(),
            "assignments": open_assignments(meeting.body, before=meeting.date),
            "today": dt.date.today(),
            "agenda_form": AgendaAddForm(meeting=meeting) if can_meeting and not signed else None,
            "can_meeting": can_meeting,
            "can_generate": can(user, "meetings.minutes:generate"),
            "can_sign": can(user, "meetings.minutes:sign"),
            "signed": signed,
            "correction_form": CorrectionForm()
            if signed and can(user, "meetings.minutes:generate")
            else None,
            "history": history_for(meeting) if can(user, "core.audit:view") else None,
        },
        status=400 if decision_forms else 200,
    )


@login_required
@require_POST
def agenda_add(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AgendaAddForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            item = services.agenda_add(
                actor=request.user, meeting=meeting, case=form.cleaned_data["case"]
            )
            messages.success(
                request,
                _("%(case)s är tillagt som § %(n)s.")
                % {"case": item.case.diary_number, "n": item.number},
            )
        except DomainError as err:
            _flash_error(request, err)
    else:
        messages.error(request, _("Välj ett berett ärende."))
    return redirect("meetings:meeting", pk=pk)


@login_required
@require_POST
def agenda_remove(request, pk):
    item = get_object_or_404(AgendaItem, pk=pk)
    try:
        services.agenda_remove(actor=request.user, item=item)
        messages.success(request, _("Paragrafen är borttagen."))
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:meeting", pk=item.meeting_id)


@login_required
@require_POST
def attendance(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        present = {int(v) for v in request.POST.getlist("present")}
        services.attendance_record(actor=request.user, meeting=meeting, present=present)
        messages.success(request, _("Närvaron är registrerad."))
    except (DomainError, ValueError) as err:
        messages.error(request, str(getattr(err, "message", err)))
    return redirect("meetings:meeting", pk=pk)


@login_required
@require_POST
def decision(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = DecisionForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        result = call_service(
            form,
            lambda: services.decision_record(actor=request.user, item=item, **form.cleaned_data),
        )
        if result is not None:
            messages.success(
                request,
                _("§ %(n)s: %(outcome)s infört.")
                % {"n": item.number, "outcome": result.get_outcome_display().lower()},
            )
            return redirect(
                reverse("meetings:meeting", args=[item.meeting_id]) + f"#p{item.number}"
            )
    return meeting_detail(request, item.meeting_id, decision_forms={item.pk: form})


@login_required
@require_POST
def minutes_generate(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.minutes_generate(actor=request.user, meeting=meeting)
        messages.success(request, _("Protokollet är upprättat som utkast."))
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:meeting", pk=pk)


@login_required
@require_POST
def minutes_correct(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = CorrectionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Ange varför protokollet rättas."), field="reason")
        services.minutes_correct(
            actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("En ny version av protokollet är upprättad och ska justeras."))
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:meeting", pk=pk)


@login_required
@require_POST
def minutes_sign(request, pk):
    minutes = get_object_or_404(Minutes, pk=pk)
    try:
        signature = services.minutes_sign(actor=request.user, minutes=minutes)
        messages.success(
            request,
            _("Du har justerat protokollet som %(cap)s.")
            % {"cap": signature.get_capacity_display().lower()},
        )
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:meeting", pk=minutes.meeting_id)


def minutes_download(request, pk):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting__body"), pk=pk)
    if not minutes.is_signed and not request.user.is_authenticated:
        raise PermissionDenied
    response = HttpResponse(minutes_pdf(minutes), content_type="application/pdf")
    name = f"protokoll-{minutes.meeting.body.short_name}-{minutes.meeting.date}-v{minutes.version}.pdf".replace(
        " ", "-"
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def body_ical(request, pk):
    body = get_object_or_404(Body, pk=pk)
    response = HttpResponse(
        body_calendar(body, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{body.short_name.replace(" ", "-")}.ics"'
    return response


# --- decisions and assignments ------------------------------------------------------------


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
    signed = decision.item.meeting.minutes.filter(signed_at__isnull=False).exists()
    if not signed and not request.user.is_authenticated:
        raise PermissionDenied
    can_assign = can(request.user, "meetings.assignment:change")
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "signed": signed,
            "assignments": decision.assignments.select_related("assignee_body", "assignee_person"),
            "form": form
            or (
                AssignmentForm()
                if can_assign and decision.outcome == Decision.Outcome.DECIDED
                else None
            ),
            "report_form": AssignmentReportForm() if can_assign else None,
            "signed_minutes": decision.item.meeting.minutes.filter(signed_at__isnull=False)
            .order_by("-version")
            .first(),
            "today": dt.date.today(),
            "can_amend": can(request.user, "meetings.decision:record")
            and not services.meeting_locked(decision.item.meeting),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def decision_amend(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
    try:
        services.decision_amend(
            actor=request.user, decision=decision, text=request.POST.get("text", "")
        )
        messages.success(request, _("Beslutstexten är ändrad."))
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:decision", pk=pk)


@login_required
@require_POST
def assignment_give(request, pk):
    decision = get_object_or_404(Decision, pk=pk)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        result = call_service(
            form,
            lambda: services.assignment_give(
                actor=request.user, decision=decision, **form.cleaned_data
            ),
        )
        if result is not None:
            messages.success(request, _("Uppdraget är givet."))
            return redirect("meetings:decision", pk=pk)
    return decision_detail(request, pk, form=form)


@login_required
@require_POST
def assignment_report(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk)
    form = AssignmentReportForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Ange datum och återrapport."), field="report")
        services.assignment_report(actor=request.user, assignment=assignment, **form.cleaned_data)
        messages.success(request, _("Uppdraget är återrapporterat."))
    except DomainError as err:
        _flash_error(request, err)
    return redirect("meetings:decision", pk=assignment.decision_id)
