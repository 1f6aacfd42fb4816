"""The agenda (R-12): prepared cases, free items, the body's standard agenda, the order of
the items and the body's standard agenda itself."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.bodies.models import Body
from gits.core.formviews import form_page, post_action, refuse_without
from gits.meetings import services
from gits.meetings.forms import AgendaAddForm, AgendaTemplateForm, FreeItemForm
from gits.meetings.models import AgendaItem, AgendaTemplate, Meeting
from gits.meetings.selectors import agenda_template_of
from gits.meetings.views.common import form_on_page, posted_form
from gits.meetings.views.meetings import meeting_detail


def _agenda(meeting_id: int, anchor: str = "agenda-heading") -> str:
    return reverse("meetings:meeting", args=[meeting_id]) + f"#{anchor}"


@login_required
@require_POST
def agenda_add(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return posted_form(
        request,
        AgendaAddForm(request.POST, meeting=meeting),
        lambda data: services.agenda_add(actor=request.user, meeting=meeting, case=data["case"]),
        invalid=_("Välj ett berett ärende."),
        success=lambda item: (
            _("%(case)s är tillagt som § %(n)s.")
            % {"case": item.case.diary_number, "n": item.number}
        ),
        next_url=_agenda(pk),
    )


@login_required
@require_POST
def agenda_free(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = FreeItemForm(request.POST)
    return form_on_page(
        request,
        form,
        lambda data: services.agenda_add_free(actor=request.user, meeting=meeting, **data),
        success=lambda item: (
            _("%(title)s är tillagd som § %(n)s.") % {"title": item.title, "n": item.number}
        ),
        next_url=lambda item: _agenda(pk, f"p{item.number}"),
        page=lambda: meeting_detail(request, pk, free_form=form),
    )


@login_required
@require_POST
def agenda_standard(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return post_action(
        request,
        lambda: services.agenda_apply_template(actor=request.user, meeting=meeting),
        success=_("Standarddagordningens punkter är tillagda."),
        next_url=_agenda(pk),
    )


@login_required
@require_POST
def agenda_move(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    direction = request.POST.get("direction", "")
    return post_action(
        request,
        lambda: services.agenda_move(actor=request.user, item=item, direction=direction),
        success=lambda moved: (
            _("%(title)s är nu § %(n)s.") % {"title": moved.title, "n": moved.number}
        ),
        next_url=_agenda(item.meeting_id),
        done_url=lambda moved: _agenda(item.meeting_id, f"p{moved.number}"),
    )


@login_required
@require_POST
def agenda_remove(request, pk):
    item = get_object_or_404(AgendaItem, pk=pk)
    return post_action(
        request,
        lambda: services.agenda_remove(actor=request.user, item=item),
        success=_("Paragrafen är borttagen."),
        next_url=_agenda(item.meeting_id),
    )


@login_required
def agenda_template(request, pk):
    """A body's standard agenda, one item per line, before and after the cases of the day."""
    body = get_object_or_404(Body, pk=pk)
    refused = refuse_without(request, "meetings.agenda_template:change", "meetings:meetings")
    if refused:
        return refused
    stored = AgendaTemplate.objects.filter(body=body).first()
    opening, closing = agenda_template_of(body)
    form = AgendaTemplateForm(
        request.POST or None,
        initial={
            "opening": "\n".join(opening),
            "closing": "\n".join(closing),
            "version": stored.version if stored else None,
        },
    )
    back = request.GET.get("sammantrade", "")
    return form_page(
        request,
        form,
        template="meetings/agenda_template.html",
        save=lambda data, version: services.agenda_template_save(
            actor=request.user,
            body=body,
            opening=data["opening"].splitlines(),
            closing=data["closing"].splitlines(),
            version=version,
        ),
        success=_("Standarddagordningen för %(body)s är sparad.") % {"body": body.short_name},
        next_url=lambda _template: (
            reverse("meetings:meeting", args=[int(back)])
            if back.isdigit()
            else reverse("meetings:agenda_template", args=[pk])
        ),
        context={"body": body, "stored": stored, "meeting_id": back if back.isdigit() else ""},
    )
