"""The agenda (R-12): prepared cases, free items, the body's standard agenda, the order of
the items and the body's standard agenda itself."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body
from gits.core.formviews import (
    button,
    form_on_page,
    form_page,
    record_post,
    valid_data,
)
from gits.core.pagination import query_int
from gits.meetings import services
from gits.meetings.forms import AgendaAddForm, AgendaTemplateForm, FreeItemForm
from gits.meetings.models import AgendaItem, AgendaTemplate, Meeting
from gits.meetings.selectors import agenda_template_of
from gits.meetings.views.meetings import meeting_detail


def _agenda(meeting: Meeting | int, anchor: str = "agenda-heading") -> str:
    """The meeting page at its agenda (or at the item `anchor`)."""
    meeting_id = meeting.pk if isinstance(meeting, Meeting) else meeting
    return reverse("meetings:meeting", args=[meeting_id]) + f"#{anchor}"


def _item_agenda(item: AgendaItem) -> str:
    return _agenda(item.meeting_id)


@button(
    Meeting,
    success=lambda item: (
        _("%(case)s är tillagt som § %(n)s.") % {"case": item.case.diary_number, "n": item.number}
    ),
    back=_agenda,
)
def agenda_add(request, meeting):
    form = AgendaAddForm(request.POST, meeting=meeting)
    data = valid_data(form, _("Välj ett berett ärende."))
    return services.agenda_add(actor=request.user, meeting=meeting, case=data["case"])


@record_post(Meeting)
def agenda_free(request, meeting):
    form = FreeItemForm(request.POST)
    return form_on_page(
        request,
        form,
        lambda data: services.agenda_add_free(actor=request.user, meeting=meeting, **data),
        success=lambda item: (
            _("%(title)s är tillagd som § %(n)s.") % {"title": item.title, "n": item.number}
        ),
        next_url=lambda item: _agenda(meeting, f"p{item.number}"),
        page=lambda: meeting_detail(request, meeting.pk, free_form=form),
    )


@button(Meeting, success=_("Standarddagordningens punkter är tillagda."), back=_agenda)
def agenda_standard(request, meeting):
    return services.agenda_apply_template(actor=request.user, meeting=meeting)


@button(
    AgendaItem.objects.select_related("meeting"),
    success=lambda moved: _("%(title)s är nu § %(n)s.") % {"title": moved.title, "n": moved.number},
    back=_item_agenda,
    done=lambda item, moved: _agenda(item.meeting_id, f"p{moved.number}"),
)
def agenda_move(request, item):
    direction = request.POST.get("direction", "")
    return services.agenda_move(actor=request.user, item=item, direction=direction)


@button(AgendaItem, success=_("Paragrafen är borttagen."), back=_item_agenda)
def agenda_remove(request, item):
    return services.agenda_remove(actor=request.user, item=item)


@login_required
def agenda_template(request, pk):
    """A body's standard agenda, one item per line, before and after the cases of the day."""
    body = get_object_or_404(Body, pk=pk)
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
    back = query_int(request, "sammantrade")
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
            reverse("meetings:meeting", args=[back])
            if back
            else reverse("meetings:agenda_template", args=[pk])
        ),
        context={"body": body, "stored": stored, "meeting_id": back or ""},
        right="meetings.agenda_template:change",
        refuse_to="meetings:meetings",
    )
