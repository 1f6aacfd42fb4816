"""The agenda like a real one through the API: a body's standard agenda, free items, the
order of the items, and "all present"."""

from typing import Literal

from ninja import Router, Schema, Status

from gits.api.common import ERRORS, In, get_or_404
from gits.api.meetings import AttendanceOut, ItemOut
from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.models import AgendaItem, Meeting

router = Router(tags=["Ärenden, sammanträden och beslut"])


class AgendaTemplateOut(Schema):
    """A body's standard agenda: standing items before and after the cases of the day;
    `stored` is false while the body uses the default."""

    body_id: int
    opening: list[str]
    closing: list[str]
    stored: bool
    version: int | None


class AgendaTemplateIn(In):
    opening: list[str]
    closing: list[str]
    version: int | None = None


class FreeItemIn(In):
    __model__ = AgendaItem

    title: str
    text: str = ""


class MoveItemIn(In):
    direction: Literal["up", "down"]


class AgendaOrderIn(In):
    item_ids: list[int]


def _template_out(body):
    from gits.meetings.models import AgendaTemplate
    from gits.meetings.selectors import agenda_template_of

    stored = AgendaTemplate.objects.filter(body=body).first()
    opening, closing = agenda_template_of(body)
    return {
        "body_id": body.pk,
        "opening": opening,
        "closing": closing,
        "stored": stored is not None,
        "version": stored.version if stored else None,
    }


@router.get("/bodies/{body_id}/agenda-template", response={200: AgendaTemplateOut, **ERRORS})
def get_agenda_template(request, body_id: int):
    return _template_out(get_or_404(Body, pk=body_id))


@router.put("/bodies/{body_id}/agenda-template", response={200: AgendaTemplateOut, **ERRORS})
def save_agenda_template(request, body_id: int, payload: AgendaTemplateIn):
    """Save the body's standard agenda (secretary or function lead); planned meetings keep
    theirs. Send `version` from GET when the body has one of its own."""
    body = get_or_404(Body, pk=body_id)
    services.agenda_template_save(actor=request.auth, body=body, **payload.dict())
    return _template_out(body)


@router.post("/meetings/{meeting_id}/agenda/standard", response={201: list[ItemOut], **ERRORS})
def apply_standard_agenda(request, meeting_id: int):
    """Put the body's standard agenda on the meeting: opening items first, closing items
    last; the paragraph numbers follow the order (R-12)."""
    meeting = get_or_404(Meeting, pk=meeting_id)
    services.agenda_apply_template(actor=request.auth, meeting=meeting)
    return Status(201, list(meeting.items.select_related("decision").order_by("number")))


@router.post("/meetings/{meeting_id}/agenda/free", response={201: ItemOut, **ERRORS})
def add_free_item(request, meeting_id: int, payload: FreeItemIn):
    """A free item without a case, before the standing closing items."""
    meeting = get_or_404(Meeting, pk=meeting_id)
    return Status(
        201, services.agenda_add_free(actor=request.auth, meeting=meeting, **payload.dict())
    )


@router.put("/meetings/{meeting_id}/agenda/order", response={200: list[ItemOut], **ERRORS})
def reorder_agenda(request, meeting_id: int, payload: AgendaOrderIn):
    """Put the items in the order given (every item of the meeting once); the paragraph
    numbers follow. An item with a decision keeps its number."""
    meeting = get_or_404(Meeting, pk=meeting_id)
    services.agenda_reorder(actor=request.auth, meeting=meeting, order=payload.item_ids)
    return list(meeting.items.select_related("decision").order_by("number"))


@router.post("/agenda-items/{item_id}/move", response={200: ItemOut, **ERRORS})
def move_item(request, item_id: int, payload: MoveItemIn):
    """Move an item one step up or down; it swaps paragraph numbers with its neighbour."""
    item = get_or_404(AgendaItem.objects.select_related("meeting"), pk=item_id)
    return services.agenda_move(actor=request.auth, item=item, direction=payload.direction)


@router.post(
    "/meetings/{meeting_id}/attendance/all-present",
    response={200: list[AttendanceOut], **ERRORS},
)
def record_all_present(request, meeting_id: int):
    """Every member with a seat, and the secretary, present: the expected attendance, from
    which absences are then recorded with POST /attendance."""
    return services.attendance_all_present(
        actor=request.auth, meeting=get_or_404(Meeting, pk=meeting_id)
    )
