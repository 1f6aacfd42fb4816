"""Cases (ärenden): the register, registration, preparation, moves and attachments (R-10)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.bodies.models import Body
from gits.core.audit import history_for
from gits.core.formviews import form_page, initial_from, post_action
from gits.core.permissions import can
from gits.core.uploads import download_type
from gits.meetings import services
from gits.meetings.forms import AttachmentForm, CaseForm, CasePreparationForm
from gits.meetings.models import Case, CaseAttachment
from gits.meetings.rules import MANUAL_MOVES
from gits.meetings.views.common import form_on_page, posted_form


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
    return form_on_page(
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
    return posted_form(
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
        # The type its allowed extension gives, whatever the sender claimed (gits.core.uploads).
        content_type=download_type(attachment.original_name),
    )
