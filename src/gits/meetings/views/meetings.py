"""Meetings: the year's plan, planning a meeting, and the meeting page, the secretary's home
for a meeting (agenda, attendance, decisions, the pack, minutes and signatures, with the next
step); attendance and decisions are posted from it."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gits.bodies.models import Body
from gits.bodies.selectors import body_composition
from gits.core import navigation
from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.formviews import button, form_on_page, form_page, posted_version, record_post
from gits.core.pagination import query_int
from gits.core.permissions import can
from gits.meetings import services
from gits.meetings.calendar import body_calendar
from gits.meetings.forms import (
    AgendaAddForm,
    CorrectionForm,
    DecisionForm,
    FreeItemForm,
    MeetingForm,
    WithdrawForm,
)
from gits.meetings.models import AgendaItem, Meeting
from gits.meetings.selectors import (
    agenda_items,
    meeting_presiding,
    open_assignments,
    year_plan,
)

STANDING = (AgendaItem.Kind.OPENING, AgendaItem.Kind.CLOSING)


@dataclass
class Step:
    """One step of a meeting's work, in order; the first not done is the next step."""

    order: int
    label: str
    done: bool
    url: str
    note: str = ""
    current: bool = False


def meeting_list(request):
    bodies = list(Body.objects.order_by("pk"))
    # A year whose next and previous years are still dates.
    year = query_int(request, "ar", dt.date.today().year, low=2, high=dt.MAXYEAR - 1)
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
            "can_template": can(request.user, "meetings.agenda_template:change"),
            "today": dt.date.today(),
        },
    )


def _chair_missing(meeting: Meeting) -> bool:
    composition = body_composition(meeting.body, meeting.date)
    return composition.chair is None and composition.vice_chair is None


@login_required
def meeting_create(request):
    def done(meeting):
        if _chair_missing(meeting):
            messages.warning(
                request,
                _(
                    "%(body)s har ingen ordförande eller vice ordförande den %(date)s. Ange vem som leder sammanträdet under organets uppdrag innan något registreras."
                )
                % {"body": meeting.body.short_name, "date": meeting.date.isoformat()},
            )
        return reverse("meetings:meeting", args=[meeting.pk])

    return form_page(
        request,
        MeetingForm(
            request.POST or None,
            initial={
                "body": Body.objects.order_by("pk").first(),
                "kind": "ordinary",
                "standard_agenda": True,
            },
        ),
        template="meetings/meeting_form.html",
        save=lambda data, _version: services.meeting_plan(actor=request.user, **data),
        success=_("Sammanträdet är planerat."),
        next_url=done,
        right="meetings.meeting:change",
        refuse_to="meetings:meetings",
    )


def _steps(meeting, *, items, attendance, current, record, chair_missing, panels, happened):
    """The meeting's work in order: who presides, the agenda, what panels of other apps add
    (status reports, the pack), attendance, decisions, minutes, signatures."""
    page = reverse("meetings:meeting", args=[meeting.pk])
    cases = [i for i in items if i.kind not in STANDING]
    steps = [
        Step(
            10,
            _("Ordförande"),
            not chair_missing,
            reverse("bodies:detail", args=[meeting.body_id]),
            _("Organet har ingen ordförande eller vice ordförande på sammanträdesdagen.")
            if chair_missing
            else "",
        ),
        Step(20, _("Dagordning"), bool(cases), page + "#agenda-heading"),
        Step(
            50,
            _("Närvaro"),
            bool(attendance),
            page + "#attendance-heading",
            ""
            if happened
            else _("Registreras på sammanträdesdagen %(d)s.") % {"d": meeting.date.isoformat()},
        ),
        Step(
            60,
            _("Beslut"),
            bool(cases) and all(hasattr(i, "decision") for i in cases),
            page + "#agenda-heading",
        ),
        Step(
            70,
            _("Protokoll"),
            current is not None and not current.is_withdrawn,
            page + "#minutes-heading",
        ),
        Step(
            80, _("Justering"), record is not None and record is current, page + "#minutes-heading"
        ),
    ]
    for panel in panels:
        for extra in panel["data"].get("steps", []) if isinstance(panel["data"], dict) else []:
            steps.append(Step(**extra))
    steps.sort(key=lambda s: s.order)
    upcoming = next((s for s in steps if not s.done), None)
    if upcoming is not None:
        upcoming.current = True
    return steps, upcoming


def meeting_detail(request, pk, decision_forms=None, free_form=None):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair"), pk=pk)
    items = agenda_items(meeting)
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
    can_meeting = can(user, "meetings.meeting:change")
    can_decide = can(user, "meetings.decision:record")
    can_generate = can(user, "meetings.minutes:generate")
    happened = meeting.date <= dt.date.today()
    decision_forms = decision_forms or {}
    editable = can_meeting and not frozen
    for n, item in enumerate(items):
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
        item.form = decision_forms.get(item.pk) or (
            DecisionForm(prefix=f"i{item.pk}")
            if can_decide and decision is None and not frozen and happened
            else None
        )
        item.standing = item.kind in STANDING
        item.can_up = editable and n > 0 and decision is None
        item.can_down = editable and n < len(items) - 1 and decision is None
    composition = body_composition(meeting.body, meeting.date)
    chair_missing = composition.chair is None and composition.vice_chair is None
    expected_chair = composition.chair or composition.vice_chair
    present_ids = {a.person_id for a in attendance if a.present}
    draft = current if current and not current.is_signed and not current.is_withdrawn else None
    panels = navigation.page_panels("meeting", request, meeting)
    steps, next_step = (
        _steps(
            meeting,
            items=items,
            attendance=attendance,
            current=current,
            record=record,
            chair_missing=chair_missing,
            panels=panels,
            happened=happened,
        )
        if can_meeting
        else ([], None)
    )
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
            "expected_chair": expected_chair,
            "chair_missing": chair_missing,
            "composition": composition if can_meeting and not frozen and happened else None,
            "present_ids": present_ids,
            "happened": happened,
            "quorum_missing": services.meeting_quorum_missing(meeting) if attendance else set(),
            "assignments": open_assignments(meeting.body, before=meeting.date),
            "today": dt.date.today(),
            "agenda_form": AgendaAddForm(meeting=meeting) if editable else None,
            "free_form": free_form or (FreeItemForm() if editable else None),
            "has_standing": any(i.standing for i in items),
            "editable": editable,
            "can_meeting": can_meeting,
            "can_generate": can_generate,
            "can_sign": can(user, "meetings.minutes:sign"),
            "can_template": can(user, "meetings.agenda_template:change"),
            "signed": frozen,
            "frozen": frozen,
            "withdraw_form": WithdrawForm() if draft and frozen and can_generate else None,
            "correction_form": CorrectionForm()
            if current and current.is_signed and can_generate
            else None,
            "history": history_for(meeting) if can(user, "core.audit:view") else None,
            "panels": panels,
            "steps": steps,
            "next_step": next_step,
        },
        status=400 if decision_forms or free_form is not None else 200,
    )


def _meeting(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


@button(Meeting, success=gettext_lazy("Närvaron är registrerad."), back=_meeting)
def attendance(request, meeting):
    try:
        present = {int(v) for v in request.POST.getlist("present")}
    except ValueError:
        raise DomainError(_("Välj närvarande bland organets ledamöter.")) from None
    return services.attendance_record(
        actor=request.user, meeting=meeting, present=present, version=posted_version(request)
    )


@button(
    Meeting,
    success=gettext_lazy(
        "Alla ledamöter och sekreteraren är registrerade som närvarande. Avmarkera den som var frånvarande och spara."
    ),
    back=lambda meeting: _meeting(meeting) + "#attendance-heading",
)
def attendance_all_present(request, meeting):
    return services.attendance_all_present(actor=request.user, meeting=meeting)


@record_post(AgendaItem.objects.select_related("meeting"))
def decision(request, item):
    form = DecisionForm(request.POST, prefix=f"i{item.pk}")
    return form_on_page(
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


def body_ical(request, pk):
    body = get_object_or_404(Body, pk=pk)
    response = HttpResponse(
        body_calendar(body, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{body.short_name.replace(" ", "-")}.ics"'
    return response
