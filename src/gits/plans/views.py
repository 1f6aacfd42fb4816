import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.core.audit import history_for
from gits.core.documents import render_docx, render_pdf
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.permissions import can
from gits.meetings.models import Meeting
from gits.plans import services
from gits.plans.documents import (
    annual_document,
    plan_document,
    quarterly_document,
    status_report_document,
)
from gits.plans.forms import (
    ApproveForm,
    DeviationForm,
    FollowUpForm,
    GoalForm,
    PlanCreateForm,
    PlanForm,
    QuarterlyForm,
    ResourceFormSet,
    StatusReportForm,
    SubmitForm,
)
from gits.plans.models import (
    PLAN_SECTIONS,
    STATUS_FIELDS,
    ActivityPlan,
    Deviation,
    Goal,
    ManagementPlan,
    MeetingPack,
    QuarterlyReport,
    StatusReport,
)
from gits.plans.selectors import changes_since_approval, status_overview
from gits.portfolio.models import ManagedObject

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'{"inline" if content_type == "application/pdf" else "attachment"}; filename="{name}"'
    )
    return response


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


@login_required
def index(request):
    year = dt.date.today().year
    meetings = (
        Meeting.objects.filter(
            body__kind="steering_group", date__year__in=[year - 1, year, year + 1]
        )
        .select_related("body")
        .order_by("date")
    )
    return render(
        request,
        "plans/index.html",
        {
            "plans": ManagementPlan.objects.select_related("managed_object").order_by(
                "-year", "managed_object__name"
            ),
            "meetings": meetings,
            "today": dt.date.today(),
            "quarterlies": QuarterlyReport.objects.all(),
            "activity_plans": ActivityPlan.objects.all(),
            "years": [year - 1, year],
            "can_plan": can(request.user, "plans.plan:change"),
            "create_form": PlanCreateForm(initial={"year": year + 1})
            if can(request.user, "plans.plan:change")
            else None,
            "can_quarterly": can(request.user, "plans.quarterly:change"),
            "this_year": year,
            "quarter": (dt.date.today().month - 1) // 3 + 1,
        },
    )


@login_required
@require_POST
def plan_create(request):
    form = PlanCreateForm(request.POST)
    if form.is_valid():
        plan = call_service(
            form, lambda: services.plan_create(actor=request.user, **form.cleaned_data)
        )
        if plan is not None:
            return redirect("plans:plan", pk=plan.pk)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("plans:index")


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(
        ManagementPlan.objects.select_related(
            "managed_object", "approved_by__item__meeting__body", "meeting__body"
        ),
        pk=pk,
    )
    may = can(request.user, "plans.plan:change")
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "sections": [(label, getattr(plan, name)) for name, label in PLAN_SECTIONS],
            "resources": plan.resources.all(),
            "changes": changes_since_approval(plan),
            "submit_form": SubmitForm(initial={"meeting": plan.meeting_id}) if may else None,
            "approve_form": ApproveForm() if can(request.user, "plans.plan:approve") else None,
            "can_change": may,
            "history": history_for(plan) if can(request.user, "core.audit:view") else None,
        },
    )


@login_required
def plan_edit(request, pk):
    plan = get_object_or_404(ManagementPlan.objects.select_related("managed_object"), pk=pk)
    initial = {name: getattr(plan, name) for name, _l in PLAN_SECTIONS}
    initial.update(budget=plan.budget, version=plan.version)
    form = PlanForm(request.POST or None, initial=initial)
    resources = ResourceFormSet(
        request.POST or None,
        prefix="r",
        initial=[
            {
                "role": r.role,
                "activities": r.activities,
                "employment_form": r.employment_form,
                "fte": r.fte,
            }
            for r in plan.resources.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and resources.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        rows = [r for r in resources.cleaned_data if r and (r.get("role") or "").strip()]
        for r in rows:
            r["fte"] = r.get("fte") if r.get("fte") is not None else 1
        saved = call_service(
            form,
            lambda: (
                services.plan_update(actor=request.user, plan=plan, version=version, **data),
                services.plan_resources_set(actor=request.user, plan=plan, rows=rows),
            ),
        )
        if saved is not None:
            messages.success(request, _("Förvaltningsplanen är sparad."))
            return redirect("plans:plan", pk=pk)
    return render(
        request, "plans/plan_form.html", {"plan": plan, "form": form, "resources": resources}
    )


@login_required
@require_POST
def plan_action(request, pk, action):
    plan = get_object_or_404(ManagementPlan, pk=pk)
    try:
        if action == "submit":
            form = SubmitForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Välj sammanträde."), field="meeting")
            services.plan_submit(
                actor=request.user, plan=plan, meeting=form.cleaned_data["meeting"]
            )
            messages.success(request, _("Planen ingår i utskicket till sammanträdet."))
        elif action == "approve":
            form = ApproveForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Välj SITIV-beslutet."), field="decision")
            services.plan_approve(
                actor=request.user, plan=plan, decision=form.cleaned_data["decision"]
            )
            messages.success(request, _("Planen är godkänd."))
        elif action == "copy":
            new = services.plan_copy_to_next_year(actor=request.user, plan=plan)
            messages.success(
                request,
                _("Planen för %(y)s är skapad från %(o)s.") % {"y": new.year, "o": plan.year},
            )
            return redirect("plans:plan", pk=new.pk)
    except DomainError as err:
        messages.error(request, str(err.message))
    return redirect("plans:plan", pk=pk)


@login_required
def plan_file(request, pk, fmt):
    plan = get_object_or_404(ManagementPlan.objects.select_related("managed_object"), pk=pk)
    doc = plan_document(plan)
    name = f"forvaltningsplan-{_slug(plan.managed_object.short_name)}-{plan.year}"
    if fmt == "pdf":
        return _file(render_pdf(doc), f"{name}.pdf", "application/pdf")
    return _file(render_docx(doc), f"{name}.docx", DOCX)


@login_required
def status_overview_view(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    return render(
        request,
        "plans/status_overview.html",
        {
            "meeting": meeting,
            "rows": status_overview(meeting),
            "packs": meeting.packs.all()[:5],
            "can_compile": can(request.user, "plans.pack:compile"),
            "can_write": can(request.user, "plans.status:write"),
        },
    )


@login_required
def status_report_edit(request, meeting_pk, object_pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk)
    obj = get_object_or_404(ManagedObject, pk=object_pk)
    report = StatusReport.objects.filter(meeting=meeting, managed_object=obj).first()
    person = services.person_for(request.user)
    initial = {"date": dt.date.today(), "coordinators": str(person) if person else ""}
    if report is not None:
        initial = {
            name: getattr(report, name)
            for name in ["date", "coordinators", *[n for n, _l, _h in STATUS_FIELDS]]
        }
        initial["version"] = report.version
    form = StatusReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        submit = "submit" in request.POST
        saved = call_service(
            form,
            lambda: services.status_report_save(
                actor=request.user,
                managed_object=obj,
                meeting=meeting,
                submit=submit,
                version=version,
                coordinator=person,
                **data,
            ),
        )
        if saved is not None:
            messages.success(
                request, _("Statusrapporten är inlämnad.") if submit else _("Utkastet är sparat.")
            )
            return redirect("plans:status_overview", pk=meeting.pk)
    return render(
        request,
        "plans/status_form.html",
        {"form": form, "meeting": meeting, "object": obj, "report": report},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def status_report_file(request, pk, fmt):
    report = get_object_or_404(
        StatusReport.objects.select_related("managed_object", "meeting__body"), pk=pk
    )
    doc = status_report_document(report)
    name = f"statusrapport-{_slug(report.managed_object.short_name)}-{report.meeting.date}"
    if fmt == "pdf":
        return _file(render_pdf(doc), f"{name}.pdf", "application/pdf")
    return _file(render_docx(doc), f"{name}.docx", DOCX)


@login_required
@require_POST
def pack_compile(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.pack_compile(actor=request.user, meeting=meeting)
        messages.success(request, _("Utskicket är sammanställt."))
    except DomainError as err:
        messages.error(request, str(err.message))
    return redirect("plans:status_overview", pk=pk)


@login_required
def pack_download(request, pk):
    pack = get_object_or_404(MeetingPack.objects.select_related("meeting__body"), pk=pk)
    return _file(
        bytes(pack.pdf),
        f"utskick-{_slug(pack.meeting.body.short_name)}-{pack.meeting.date}.pdf",
        "application/pdf",
    )


@login_required
def deviations(request):
    form = DeviationForm(request.POST or None, initial={"date": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.deviation_record(actor=request.user, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("Avvikelsen är registrerad."))
            return redirect("plans:deviations")
    return render(
        request,
        "plans/deviations.html",
        {
            "form": form if can(request.user, "plans.deviation:change") else None,
            "deviations": Deviation.objects.select_related("managed_object")[:200],
        },
    )


@login_required
@require_POST
def quarterly_draft(request):
    try:
        report = services.quarterly_draft(
            actor=request.user, year=int(request.POST["year"]), quarter=int(request.POST["quarter"])
        )
        messages.success(
            request,
            _(
                "Kvartalsrapporten är sammanställd ur systemets uppgifter. Redigera texten och publicera."
            ),
        )
        return redirect("plans:quarterly", pk=report.pk)
    except (DomainError, KeyError, ValueError) as err:
        messages.error(request, str(getattr(err, "message", _("Ange år och kvartal."))))
        return redirect("plans:index")


@login_required
def quarterly_detail(request, pk):
    report = get_object_or_404(QuarterlyReport, pk=pk)
    fields = ["economy_staffing", "objects_status", "development", "deviations", "goals", "other"]
    form = QuarterlyForm(
        request.POST or None,
        initial={**{f: getattr(report, f) for f in fields}, "version": report.version},
    )
    if request.method == "POST":
        if "publish" in request.POST:
            try:
                services.quarterly_publish(actor=request.user, report=report)
                messages.success(request, _("Kvartalsrapporten är publicerad."))
            except DomainError as err:
                messages.error(request, str(err.message))
            return redirect("plans:quarterly", pk=pk)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            if call_service(
                form,
                lambda: services.quarterly_update(
                    actor=request.user, report=report, version=version, **data
                ),
            ):
                messages.success(request, _("Texten är sparad."))
                return redirect("plans:quarterly", pk=pk)
    return render(
        request,
        "plans/quarterly.html",
        {
            "report": report,
            "form": form
            if report.published_at is None and can(request.user, "plans.quarterly:change")
            else None,
            "can_publish": can(request.user, "plans.quarterly:publish")
            and report.published_at is None,
        },
    )


@login_required
def quarterly_pdf(request, pk):
    report = get_object_or_404(QuarterlyReport, pk=pk)
    return _file(
        render_pdf(quarterly_document(report)),
        f"kvartalsrapport-{report.year}-Q{report.quarter}.pdf",
        "application/pdf",
    )


@login_required
def annual_pdf(request, year):
    return _file(
        render_pdf(annual_document(year)), f"verksamhetsrapport-{year}.pdf", "application/pdf"
    )


@login_required
def activity_plan(request, year):
    plan = ActivityPlan.objects.filter(year=year).prefetch_related("goals").first()
    may = can(request.user, "plans.activity:change")
    if request.method == "POST" and may:
        try:
            if plan is None:
                plan = services.activity_plan_create(actor=request.user, year=year)
            elif "goal" in request.POST:
                form = GoalForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Skriv målet."), field="text")
                services.goal_add(actor=request.user, plan=plan, **form.cleaned_data)
            elif "follow_up" in request.POST:
                goal = get_object_or_404(Goal, pk=request.POST["follow_up"], plan=plan)
                form = FollowUpForm(request.POST, prefix=f"g{goal.pk}")
                if not form.is_valid():
                    raise DomainError(_("Välj läge för målet."), field="state")
                services.goal_follow_up(actor=request.user, goal=goal, **form.cleaned_data)
            messages.success(request, _("Verksamhetsplanen är sparad."))
        except DomainError as err:
            messages.error(request, str(err.message))
        return redirect("plans:activity", year=year)
    goals = list(plan.goals.all()) if plan else []
    for goal in goals:
        goal.form = (
            FollowUpForm(
                prefix=f"g{goal.pk}", initial={"state": goal.state, "comment": goal.comment}
            )
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
            "goal_form": GoalForm() if may else None,
        },
    )
