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
from gits.core import navigation
from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.formviews import form_page, initial_from, post_action
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
    WithdrawForm,
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
from gits.meetings.selectors import (
    decision_register,
    locked_minutes,
    meeting_presiding,
    open_assignments,
    year_plan,
)
from gits.portfolio.models import ManagedObject


def _posted_form(request, form, save, *, invalid, success, next_url):
    """A small form posted from a page and answered there: a form not filled in says
    `invalid`, otherwise `save(cleaned_data)` runs as a button would."""

    def run():
        if not form.is_valid():
            raise DomainError(invalid)
        return save(form.cleaned_data)

    return post_action(request, run, success=success, next_url=next_url)


def _form_on_page(request, form, save, *, success, next_url, page):
    """A form posted from a detail page: on success say so and go on; otherwise show the
    page again with the form and why (status 400)."""
    if form.is_valid():
        saved = call_service(form, lambda: save(dict(form.cleaned_data)))
        if saved is not None:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(next_url(saved) if callable(next_url) else next_url)
    return page()


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
    return form_page(
        request,
        CaseForm(request.POST or None, initial={"body": Body.objects.order_by("pk").first()}),
        template="meetings/case_form.html",
        save=lambda data, _version: services.case_register(actor=request.user, **data),
        success=lambda case: _("Ärendet %(nr)s är registrerat.") % {"nr": case.diary_number},
        next_url=lambda case: reverse("meetings:case", args=[case.pk]),
    )


@login_required
def case_detail(request, pk, form=None):
    case = get_object_or_404(
        Case.objects.select_related(
            "body", "managed_object", "preparer_region", "preparer_municipalities"
        ),
        pk=pk,
    )
    initial = initial_from(case, services.CASE_FIELDS)
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
    return _form_on_page(
        request,
        form,
        lambda data: services.case_update(actor=request.user, case=case, **data),
        success=_("Beredningen är sparad."),
        next_url=reverse("meetings:case", args=[pk]),
        page=lambda: case_detail(request, pk, form=form),
    )


@login_required
@require_POST
def case_move(request, pk):
    case = get_object_or_404(Case, pk=pk)
    return post_action(
        request,
        lambda: services.case_move(
            actor=request.user,
            case=case,
            to_state=request.POST.get("state", ""),
            version=int(request.POST.get("version") or case.version),
        ),
        success=_("Ärendet har flyttats."),
        next_url=reverse("meetings:case", args=[pk]),
    )


@login_required
@require_POST
def case_attach(request, pk):
    case = get_object_or_404(Case, pk=pk)
    return _posted_form(
        request,
        AttachmentForm(request.POST, request.FILES),
        lambda data: services.case_attach(actor=request.user, case=case, upload=data["file"]),
        invalid=_("Välj en fil att bifoga."),
        success=_("Bilagan är sparad."),
        next_url=reverse("meetings:case", args=[pk]),
    )


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
    return form_page(
        request,
        MeetingForm(
            request.POST or None,
            initial={"body": Body.objects.order_by("pk").first(), "kind": "ordinary"},
        ),
        template="meetings/meeting_form.html",
        save=lambda data, _version: services.meeting_plan(actor=request.user, **data),
        success=_("Sammanträdet är planerat."),
        next_url=lambda meeting: reverse("meetings:meeting", args=[meeting.pk]),
    )


def meeting_detail(request, pk, decision_forms=None):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair"), pk=pk)
    items = list(meeting.items.select_related("case", "decision").order_by("number"))
    attendance = list(meeting.attendance.select_related("person"))
    user = request.user
    signed_in = user.is_authenticated
    minutes = list(
        meeting.minutes.defer("archive_pdf")
        .select_related("withdrawn_by")
        .prefetch_related("signatures__person")
        .order_by("version")
    )
    current = minutes[-1] if minutes else None
    record = next((m for m in reversed(minutes) if m.is_signed), None)
    frozen = (
        current is not None
        and not current.is_withdrawn
        and (current.is_signed or bool(current.signatures.all()))
    )
    # the public sees decision text only from the latest locked version.
    correction_pending = record is not None and current is not record and not current.is_withdrawn
    for item in items:
        decision = getattr(item, "decision", None)
        if decision is not None:
            published = decision.published_in_id is not None
            item.shown = decision if signed_in or published else None
            item.shown_text = decision.text if signed_in else decision.published_text
            item.unlocked = signed_in and (
                not published or decision.published_text != decision.text
            )
        else:
            item.shown, item.shown_text, item.unlocked = None, "", False
    can_meeting = can(user, "meetings.meeting:change")
    can_decide = can(user, "meetings.decision:record")
    can_generate = can(user, "meetings.minutes:generate")
    happened = meeting.date <= dt.date.today()
    decision_forms = decision_forms or {}
    for item in items:
        item.form = decision_forms.get(item.pk) or (
            DecisionForm(prefix=f"i{item.pk}")
            if can_decide and not hasattr(item, "decision") and not frozen and happened
            else None
        )
    composition = (
        body_composition(meeting.body, meeting.date)
        if can_meeting and not frozen and happened
        else None
    )
    present_ids = {a.person_id for a in attendance if a.present}
    draft = current if current and not current.is_signed and not current.is_withdrawn else None
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "attendance": attendance,
            "minutes": minutes if signed_in else [m for m in minutes if m.is_signed],
            "latest_minutes": current,
            "record": record,
            "draft": draft,
            "draft_stale": bool(draft and signed_in and services.minutes_stale(draft)),
            "correction_pending": correction_pending,
            "presiding": meeting_presiding(meeting) if attendance else None,
            "composition": composition,
            "present_ids": present_ids,
            "happened": happened,
            "quorum_missing": services.meeting_quorum_missing(meeting) if attendance else set(),
            "assignments": open_assignments(meeting.body, before=meeting.date),
            "today": dt.date.today(),
            "agenda_form": AgendaAddForm(meeting=meeting) if can_meeting and not frozen else None,
            "can_meeting": can_meeting,
            "can_generate": can_generate,
            "can_sign": can(user, "meetings.minutes:sign"),
            "signed": frozen,
            "frozen": frozen,
            "withdraw_form": WithdrawForm() if draft and frozen and can_generate else None,
            "correction_form": CorrectionForm()
            if current and current.is_signed and can_generate
            else None,
            "history": history_for(meeting) if can(user, "core.audit:view") else None,
            "panels": navigation.page_panels("meeting", request, meeting),
        },
        status=400 if decision_forms else 200,
    )


@login_required
@require_POST
def agenda_add(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return _posted_form(
        request,
        AgendaAddForm(request.POST, meeting=meeting),
        lambda data: services.agenda_add(actor=request.user, meeting=meeting, case=data["case"]),
        invalid=_("Välj ett berett ärende."),
        success=lambda item: (
            _("%(case)s är tillagt som § %(n)s.")
            % {"case": item.case.diary_number, "n": item.number}
        ),
        next_url=reverse("meetings:meeting", args=[pk]),
    )


@login_required
@require_POST
def agenda_remove(request, pk):
    item = get_object_or_404(AgendaItem, pk=pk)
    return post_action(
        request,
        lambda: services.agenda_remove(actor=request.user, item=item),
        success=_("Paragrafen är borttagen."),
        next_url=reverse("meetings:meeting", args=[item.meeting_id]),
    )


@login_required
@require_POST
def attendance(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        present = {int(v) for v in request.POST.getlist("present")}
    except ValueError as err:
        messages.error(request, str(err))
        return redirect("meetings:meeting", pk=pk)
    return post_action(
        request,
        lambda: services.attendance_record(actor=request.user, meeting=meeting, present=present),
        success=_("Närvaron är registrerad."),
        next_url=reverse("meetings:meeting", args=[pk]),
    )


@login_required
@require_POST
def decision(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = DecisionForm(request.POST, prefix=f"i{item.pk}")
    return _form_on_page(
        request,
        form,
        lambda data: services.decision_record(actor=request.user, item=item, **data),
        success=lambda decision: (
            _("§ %(n)s: %(outcome)s infört.")
            % {"n": item.number, "outcome": decision.get_outcome_display().lower()}
        ),
        next_url=reverse("meetings:meeting", args=[item.meeting_id]) + f"#p{item.number}",
        page=lambda: meeting_detail(request, item.meeting_id, decision_forms={item.pk: form}),
    )


@login_required
@require_POST
def minutes_generate(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return post_action(
        request,
        lambda: services.minutes_generate(actor=request.user, meeting=meeting),
        success=_("Protokollet är upprättat som utkast."),
        next_url=reverse("meetings:meeting", args=[pk]),
    )


@login_required
@require_POST
def minutes_correct(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return _posted_form(
        request,
        CorrectionForm(request.POST),
        lambda data: services.minutes_correct(
            actor=request.user, meeting=meeting, reason=data["reason"]
        ),
        invalid=_("Ange varför protokollet rättas."),
        success=_("En ny version av protokollet är upprättad och ska justeras."),
        next_url=reverse("meetings:meeting", args=[pk]),
    )


@login_required
@require_POST
def minutes_withdraw(request, pk):
    minutes = get_object_or_404(Minutes.objects.defer("archive_pdf"), pk=pk)
    return _posted_form(
        request,
        WithdrawForm(request.POST),
        lambda data: services.minutes_withdraw(
            actor=request.user, minutes=minutes, reason=data["reason"]
        ),
        invalid=_("Ange varför versionen dras tillbaka."),
        success=lambda m: (
            _(
                "Version %(v)s är tillbakadragen och justeringarna gäller inte; de som justerat har fått e-post. Upprätta en ny version när sammanträdets uppgifter är rättade."
            )
            % {"v": m.version}
        ),
        next_url=reverse("meetings:meeting", args=[minutes.meeting_id]),
    )


@login_required
@require_POST
def minutes_sign(request, pk):
    minutes = get_object_or_404(Minutes.objects.defer("archive_pdf"), pk=pk)
    return post_action(
        request,
        lambda: services.minutes_sign(
            actor=request.user, minutes=minutes, digest=request.POST.get("digest", "")
        ),
        success=lambda signature: (
            _("Du har justerat protokollet som %(cap)s.")
            % {"cap": signature.get_capacity_display().lower()}
        ),
        next_url=reverse("meetings:meeting", args=[minutes.meeting_id]),
    )


def minutes_download(request, pk):
    """A locked version is its stored, sealed file (public, R-17); drafts and withdrawn
    versions are rendered for signed-in users only."""
    minutes = get_object_or_404(
        Minutes.objects.defer("archive_pdf").select_related("meeting__body"), pk=pk
    )
    if not minutes.is_signed and not request.user.is_authenticated:
        raise PermissionDenied
    response = HttpResponse(minutes_pdf(minutes), content_type="application/pdf")
    if minutes.archive_sha256:
        response["X-Content-SHA256"] = minutes.archive_sha256
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
    return _form_on_page(
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
    return _posted_form(
        request,
        AssignmentReportForm(request.POST),
        lambda data: services.assignment_report(actor=request.user, assignment=assignment, **data),
        invalid=_("Ange datum och återrapport."),
        success=_("Uppdraget är återrapporterat."),
        next_url=reverse("meetings:decision", args=[assignment.decision_id]),
    )
