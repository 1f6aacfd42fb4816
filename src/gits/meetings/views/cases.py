"""Cases (ärenden): the register, registration, preparation, moves and attachments (R-10)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body
from gits.core.audit import history_for
from gits.core.formviews import (
    RecordPage,
    form_on_page,
    form_page,
    initial_from,
    posted_version,
    record_post,
    refuse_without,
)
from gits.core.pagination import get_page
from gits.core.permissions import can
from gits.core.uploads import download_type
from gits.meetings import services
from gits.meetings.forms import AttachmentForm, CaseForm, CasePreparationForm
from gits.meetings.models import Case, CaseAttachment
from gits.meetings.rules import EDITABLE, MANUAL_MOVES
from gits.meetings.selectors import case_register, case_rows


@login_required
def case_list(request):
    state = request.GET.get("lage", "")
    page = get_page(request, case_register(state=state), 50)
    page.object_list = case_rows(page.object_list)
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
        right="meetings.case:change",
        refuse_to="meetings:cases",
    )


@login_required
def case_detail(request, pk, form=None, attachment_form=None):
    case = get_object_or_404(
        Case.objects.select_related(
            "body", "managed_object", "preparer_region", "preparer_municipalities"
        ),
        pk=pk,
    )
    initial = initial_from(case, services.CASE_FIELDS)
    can_change = can(request.user, "meetings.case:change")
    # A case on an agenda or decided is not offered a form its service would refuse.
    editable = case.state in EDITABLE
    return render(
        request,
        "meetings/case_detail.html",
        {
            "case": case,
            "form": form
            or (
                CasePreparationForm(initial=initial, case=case) if can_change and editable else None
            ),
            "locked": can_change and not editable,
            "attachment_form": attachment_form or (AttachmentForm() if can_change else None),
            "moves": [(s, Case.State(s).label) for s in MANUAL_MOVES.get(case.state, set())]
            if can_change
            else [],
            "items": case.agenda_items.select_related("meeting", "decision"),
            "attachments": case.attachments.all(),
            "history": history_for(case) if can(request.user, "core.audit:view") else None,
        },
        status=400 if form is not None or attachment_form is not None else 200,
    )


CASE_PAGE = RecordPage(Case, "meetings:case", case_detail)


@record_post(Case.objects.select_related("body"))
def case_edit(request, case):
    """The preparation form, offering as preparers only the officials of each side (R-7)."""
    form = CasePreparationForm(request.POST, case=case)
    return form_on_page(
        request,
        form,
        lambda data: services.case_update(actor=request.user, case=case, **data),
        success=_("Beredningen är sparad."),
        next_url=CASE_PAGE.url_of(case),
        page=lambda: case_detail(request, case.pk, form=form),
    )


@CASE_PAGE.button(success=_("Ärendet har flyttats."))
def case_move(request, case):
    to_state = request.POST.get("state", "")
    return services.case_move(
        actor=request.user, case=case, to_state=to_state, version=posted_version(request)
    )


@record_post(Case.objects.select_related("body"))
def case_attach(request, case):
    """A file to the case; a refused one is named beside the field on the case's page."""
    refused = refuse_without(request, "meetings.case:change", CASE_PAGE.url_of(case))
    if refused:
        return refused
    form = AttachmentForm(request.POST, request.FILES)
    return form_on_page(
        request,
        form,
        lambda data: services.case_attach(actor=request.user, case=case, upload=data["file"]),
        success=_("Bilagan är sparad."),
        next_url=CASE_PAGE.url_of(case),
        page=lambda: case_detail(request, case.pk, attachment_form=form),
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
