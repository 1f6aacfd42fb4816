"""Management plans, status reports and the meeting pack. The function's own reports
(deviations, the quarterly and annual reports, the activity plan) are in `report_views.py`."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gits.core.audit import history_for
from gits.core.documents import Document, rendered
from gits.core.errors import DomainError
from gits.core.fields import YEAR_MAX, YEAR_MIN, whole_or_none
from gits.core.formviews import (
    form_page,
    initial_from,
    post_action,
    refuse_without,
    valid_data,
)
from gits.core.pagination import get_page, query_string
from gits.core.permissions import can
from gits.meetings.models import Meeting
from gits.plans import services
from gits.plans.documents import (
    plan_document,
    status_report_document,
)
from gits.plans.forms import (
    ApproveForm,
    PlanCreateForm,
    PlanForm,
    QuarterlyDraftForm,
    ResourceFormSet,
    StatusReportForm,
    SubmitForm,
    WordReportForm,
)
from gits.plans.models import (
    PLAN_SECTIONS,
    SECTION_FIELDS,
    ActivityPlan,
    ManagementPlan,
    MeetingPack,
    QuarterlyReport,
    StatusReport,
)
from gits.plans.selectors import (
    changes_since_approval,
    expected_objects,
    objects_without_plan,
    person_for,
    plan_content,
    plan_rows,
    status_overview,
)
from gits.plans.word_import import WordImportError, field_label, find_object, read_status_report
from gits.portfolio.models import ManagedObject


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'{"inline" if content_type == "application/pdf" else "attachment"}; filename="{name}"'
    )
    return response


def _document(doc: Document, name: str, fmt: str = "pdf") -> HttpResponse:
    file = rendered(doc, fmt)
    if file is None:
        raise Http404  # only .pdf and .docx
    content, content_type = file
    return _file(content, f"{name}.{fmt}", content_type)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


PAGE_SIZE = 50


@login_required
def index(request):
    today = dt.date.today()
    form = QuarterlyDraftForm(initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1})
    return render(request, "plans/index.html", {"form": form, **index_context(request)})


def index_context(request) -> dict:
    """The plans page but for its form to draft a quarterly report, which the page and a
    refused draft (`report_views.quarterly_draft`) each give."""
    year = dt.date.today().year
    meetings = (
        Meeting.objects.filter(
            # A date range, not the year of each meeting's date: the index on the date serves.
            body__kind="steering_group",
            date__gte=dt.date(year - 1, 1, 1),
            date__lte=dt.date(year + 1, 12, 31),
        )
        .select_related("body")
        .order_by("date")
    )
    # The plans a page at a time (issue 15): a plan a year per object adds up.
    plans = ManagementPlan.objects.select_related("managed_object")
    page = get_page(request, plans.order_by("-year", "managed_object__name", "pk"), PAGE_SIZE)
    return {
        "plans": plan_rows(page),
        "page_obj": page,
        "query_string": query_string(request),
        "meetings": meetings,
        "today": dt.date.today(),
        "quarterlies": QuarterlyReport.objects.all(),
        "activity_plans": ActivityPlan.objects.all(),
        "years": [year - 1, year],
        "can_plan": can(request.user, "plans.plan:change"),
        "can_quarterly": can(request.user, "plans.quarterly:change"),
    }


def _plan_year(value, default: int) -> int:
    """The year a new plan is for, as posted or asked (`?ar=`), else `default`."""
    year = whole_or_none(str(value or "").strip(), YEAR_MIN, YEAR_MAX)
    return default if year is None else year


@login_required
def plan_create(request):
    """A new management plan on its own page (issue 15): the year first, then the objects
    that have no plan for it, narrowed by a search, not every object on the plans page."""
    year = _plan_year(request.POST.get("year") or request.GET.get("ar"), dt.date.today().year + 1)
    search = request.GET.get("q", "").strip()[:100]
    offered = objects_without_plan(year, search)
    return form_page(
        request,
        PlanCreateForm(request.POST or None, initial={"year": year}, offered=offered),
        template="plans/plan_new.html",
        save=lambda data, _version: services.plan_create(actor=request.user, **data),
        success=lambda plan: _("%(plan)s är upprättad.") % {"plan": plan},
        next_url=lambda plan: reverse("plans:plan", args=[plan.pk]),
        context={"year": year, "search": search, "offered_count": offered.count()},
        error_status=400,
        right="plans.plan:change",
        refuse_to="plans:index",
    )


def _approve_form(plan: ManagementPlan) -> ApproveForm:
    """The approval's choice of SITIV decisions that may concern the plan's object; when
    there is none yet, the field says where one comes from."""
    form = ApproveForm()
    field = form.fields["decision"]
    field.about(plan.managed_object)
    if not field.queryset.exists():
        field.help_text = _(
            "Det finns inget fattat SITIV-beslut om %(obj)s ännu. Beslutet förs in på "
            "sammanträdets sida."
        ) % {"obj": plan.managed_object.name}
    return form


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
            "submit_form": SubmitForm(plan=plan) if may else None,
            "approve_form": _approve_form(plan)
            if can(request.user, "plans.plan:approve")
            else None,
            "can_change": may,
            "history": history_for(plan) if can(request.user, "core.audit:view") else None,
        },
    )


@login_required
def plan_edit(request, pk):
    plan = get_object_or_404(ManagementPlan.objects.select_related("managed_object"), pk=pk)
    form = PlanForm(request.POST or None, initial=initial_from(plan, [*SECTION_FIELDS, "budget"]))
    resources = ResourceFormSet(
        request.POST or None, prefix="r", initial=plan_content(plan)["resources"]
    )
    context = {"plan": plan, "resources": resources}
    if request.method == "POST" and not resources.is_valid():
        return render(request, "plans/plan_form.html", {"form": form, **context})

    def save(data, version):
        rows = [r for r in resources.cleaned_data if r and (r.get("role") or "").strip()]
        for r in rows:
            r["fte"] = r.get("fte") if r.get("fte") is not None else 1
        services.plan_update(actor=request.user, plan=plan, version=version, **data)
        return services.plan_resources_set(actor=request.user, plan=plan, rows=rows)

    return form_page(
        request,
        form,
        template="plans/plan_form.html",
        save=save,
        success=_("Förvaltningsplanen är sparad."),
        next_url=reverse("plans:plan", args=[pk]),
        context=context,
    )


# The plan's buttons that take one choice: the form, what to say when it is missing, the
# service and what to say when it is done.
PLAN_CHOICES = {
    "submit": (
        SubmitForm,
        gettext_lazy("Välj sammanträde."),
        services.plan_submit,
        gettext_lazy("Planen ingår i utskicket till sammanträdet."),
    ),
    "approve": (
        ApproveForm,
        gettext_lazy("Välj SITIV-beslutet."),
        services.plan_approve,
        gettext_lazy("Planen är godkänd."),
    ),
}


@login_required
@require_POST
def plan_action(request, pk, action):
    plan = get_object_or_404(ManagementPlan, pk=pk)
    if action == "copy":
        try:
            new = services.plan_copy_to_next_year(actor=request.user, plan=plan)
        except DomainError as err:
            messages.error(request, str(err.message))
            return redirect("plans:plan", pk=pk)
        messages.success(
            request, _("Planen för %(y)s är skapad från %(o)s.") % {"y": new.year, "o": plan.year}
        )
        return redirect("plans:plan", pk=new.pk)
    if action not in PLAN_CHOICES:
        raise Http404
    form_class, missing, service, success = PLAN_CHOICES[action]
    return post_action(
        request,
        lambda: service(
            actor=request.user, plan=plan, **valid_data(form_class(request.POST), missing)
        ),
        success=success,
        next_url=reverse("plans:plan", args=[pk]),
    )


@login_required
def plan_file(request, pk, fmt):
    plan = get_object_or_404(ManagementPlan.objects.select_related("managed_object"), pk=pk)
    name = f"forvaltningsplan-{_slug(plan.managed_object.short_name)}-{plan.year}"
    return _document(plan_document(plan), name, fmt)


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
    person = person_for(request.user)
    initial = initial_from(report, services.STATUS_REPORT_FIELDS) or {
        "date": dt.date.today(),
        "coordinators": str(person) if person else "",
    }
    submit = "submit" in request.POST
    response = form_page(
        request,
        StatusReportForm(request.POST or None, initial=initial),
        template="plans/status_form.html",
        save=lambda data, version: services.status_report_save(
            actor=request.user,
            managed_object=obj,
            meeting=meeting,
            submit=submit,
            version=version,
            coordinator=person,
            **data,
        ),
        success=_("Statusrapporten är inlämnad.") if submit else _("Utkastet är sparat."),
        next_url=reverse("plans:status_overview", args=[meeting.pk]),
        context={"meeting": meeting, "object": obj, "report": report},
    )
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400  # the form is back with what is wrong
    return response


@login_required
def status_report_word(request, pk):
    """From Word to GITS: read the old status report form (.docx) and show its eight fields
    in the status report form, to check before anything is saved. The save is the form's
    own (status_report_edit), through the same service as always."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    refused = refuse_without(request, "plans.status:write", "plans:status_overview", pk)
    if refused:
        return refused
    objects = expected_objects(meeting)
    form = WordReportForm(
        request.POST or None,
        request.FILES or None,
        objects=objects,
        initial={"managed_object": request.GET.get("objekt") or None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            parsed = read_status_report(form.cleaned_data["file"])
        except WordImportError as err:
            form.add_error("file", str(err.message))
        else:
            named = find_object(parsed.managed_object, objects)
            obj = form.cleaned_data["managed_object"] or named
            if obj is None:
                form.add_error(
                    "managed_object",
                    _(
                        "Förvaltningsobjektet ”%(name)s” i filen rapporterar inte till "
                        "sammanträdet. Välj vilket objekt rapporten gäller."
                    )
                    % {"name": parsed.managed_object or "–"},
                )
            else:
                return _word_confirmation(request, meeting, obj, parsed, named)
    return render(
        request,
        "plans/status_word.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


def _word_confirmation(request, meeting, obj, parsed, named):
    """The status report form filled in from the file, with what to check."""
    notes = []
    if named is None or named.pk != obj.pk:
        notes.append(
            _(
                "Filen anger förvaltningsobjektet ”%(name)s”, men rapporten skrivs för %(obj)s. "
                "Kontrollera att det är rätt fil."
            )
            % {"name": parsed.managed_object or "–", "obj": obj.name}
        )
    empty = [field_label(name) for name in parsed.empty if name != "managed_object"]
    if empty:
        notes.append(
            _("Tomma i filen: %(fields)s. Fyll i dem innan du lämnar in.")
            % {"fields": ", ".join(empty)}
        )
    report = StatusReport.objects.filter(meeting=meeting, managed_object=obj).first()
    if report is not None:
        notes.append(
            _("Det finns redan en rapport för objektet; sparar du ersätts den med det här.")
        )
    initial = {"date": dt.date.today(), **parsed.form_initial()}
    if report is not None:
        initial["version"] = report.version
    return render(
        request,
        "plans/status_form.html",
        {
            "form": StatusReportForm(initial=initial),
            "meeting": meeting,
            "object": obj,
            "report": report,
            "imported": {"name": request.FILES["file"].name, "notes": notes},
        },
    )


@login_required
def status_report_file(request, pk, fmt):
    report = get_object_or_404(
        StatusReport.objects.select_related("managed_object", "meeting__body"), pk=pk
    )
    name = f"statusrapport-{_slug(report.managed_object.short_name)}-{report.meeting.date}"
    return _document(status_report_document(report), name, fmt)


@login_required
def pack_compile(request, pk):
    """GET asks for confirmation and says what follows (what goes into the pack, what is
    missing); POST compiles. From the meeting page (`fran=sammantrade`) it goes back there."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    from_meeting = request.POST.get("fran", request.GET.get("fran", "")) == "sammantrade"
    back = (
        reverse("meetings:meeting", args=[pk])
        if from_meeting
        else reverse("plans:status_overview", args=[pk])
    )
    if request.method != "POST":
        rows = status_overview(meeting)
        return render(
            request,
            "plans/pack_confirm.html",
            {
                "meeting": meeting,
                "missing": [r for r in rows if r.state in ("missing", "draft")],
                "items": meeting.items.count(),
                "packs": meeting.packs.defer("pdf").count(),
                "back": back,
                "from_meeting": from_meeting,
                "can_compile": can(request.user, "plans.pack:compile"),
            },
        )
    return post_action(
        request,
        lambda: services.pack_compile(actor=request.user, meeting=meeting),
        success=_("Utskicket är sammanställt."),
        next_url=back,
    )


@login_required
def pack_download(request, pk):
    pack = get_object_or_404(MeetingPack.objects.select_related("meeting__body"), pk=pk)
    return _file(
        bytes(pack.pdf),
        f"utskick-{_slug(pack.meeting.body.short_name)}-{pack.meeting.date}.pdf",
        "application/pdf",
    )
