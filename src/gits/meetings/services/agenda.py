"""Writes for the agenda (R-12): a body's standard agenda, cases, free items and standing
items on a meeting's agenda, their order and their paragraph numbers.

Paragraphs are numbered per body and year without gaps. A meeting's paragraphs hold a set of
numbers; whatever the order of the items, the numbers follow it: the first item has the
lowest number. Standing closing items (other business, closing) stay last: a case or a free
item added later goes before them. Nothing on the agenda changes once a version of the
minutes is being signed or locked (R-14), and an item that has a decision keeps its number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gits.bodies.models import Body
from gits.core.audit import audit_record
from gits.core.changes import Recorded, lock
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.meetings.models import AgendaItem, AgendaTemplate, Case, Meeting
from gits.meetings.rules import clean_agenda_lines, state_label
from gits.meetings.selectors import agenda_template_of
from gits.meetings.services.cases import set_case_state
from gits.meetings.services.meetings import refuse_if_signed
from gits.meetings.services.numbering import last_number, lock_series

TEMPLATE_FIELDS = ["opening", "closing"]
FREE_ITEM_FIELDS = ["title", "text"]
# Numbers are moved out of the way through this offset, so that the unique paragraph number
# per body and year holds at every step of a renumbering.
_OFFSET = 1_000_000
MAX_TEMPLATE_ITEMS = 30


def _label(item: AgendaItem) -> str:
    return f"§ {item.number} {item.title}"


def _clean_template(template: AgendaTemplate) -> None:
    for field in TEMPLATE_FIELDS:
        value = getattr(template, field)
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DomainError(_("Ange punkterna som text, en per rad."), field=field)
        lines = clean_agenda_lines(value)
        if any(len(line) > 300 for line in lines):
            raise DomainError(_("En punkt får vara högst 300 tecken lång."), field=field)
        setattr(template, field, lines)
    if len(template.opening) + len(template.closing) > MAX_TEMPLATE_ITEMS:
        raise DomainError(
            _("En standarddagordning har högst %(n)s punkter.") % {"n": MAX_TEMPLATE_ITEMS},
            field="opening",
        )
    if not template.opening and not template.closing:
        raise DomainError(_("Ange minst en stående punkt."), field="opening")


TEMPLATE = Recorded(
    AgendaTemplate, TEMPLATE_FIELDS, clean=_clean_template, name="meetings.agenda_template"
)
# An item is put on the agenda by whoever plans the meeting; its entry shows on the meeting.
AGENDA = Recorded(
    AgendaItem, FREE_ITEM_FIELDS, right="meetings.meeting:change", action="meetings.agenda"
)


def agenda_template_save(
    *,
    actor: Any,
    body: Body,
    opening: Sequence[str],
    closing: Sequence[str],
    version: int | None = None,
) -> AgendaTemplate:
    """Save a body's standard agenda: the standing items before the cases of the day
    (opening, choice of the member who checks the minutes, approval of the agenda, reports)
    and after them (other business, closing). The secretary or the function lead keeps it;
    meetings already planned keep their agenda."""
    values = {"opening": list(opening), "closing": list(closing)}
    template = AgendaTemplate.objects.filter(body=body).first() or AgendaTemplate(body=body)
    return TEMPLATE.save(template, actor=actor, version=version, values=values, parent=body)


def _ordered(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.select_related("decision").order_by("number"))


def _renumber(meeting: Meeting, order: list[AgendaItem]) -> list[str]:
    """Give the meeting's items in `order` the meeting's paragraph numbers in rising order.
    Refused when an item with a decision would change its number. Returns the order as
    labels "§ n title" after the change."""
    numbers = sorted(i.number for i in order)
    moves = {i.pk: n for i, n in zip(order, numbers, strict=True) if i.number != n}
    for item in order:
        if item.pk in moves and hasattr(item, "decision"):
            raise DomainError(
                _("§ %(n)s har redan ett beslut och behåller sitt nummer.") % {"n": item.number}
            )
    if moves:
        AgendaItem.objects.filter(pk__in=moves).update(number=F("number") + _OFFSET)
        for pk, number in moves.items():
            AgendaItem.objects.filter(pk=pk).update(number=number)
        for item in order:
            item.number = moves.get(item.pk, item.number)
    return [_label(i) for i in order]


def _insert_number(meeting: Meeting) -> int:
    """The number a new item takes: before the meeting's standing closing items, which move
    one number on; at the end when there are none, or when one of them has a decision."""
    items = _ordered(meeting)
    new = last_number(AgendaItem, body_id=meeting.body_id, year=meeting.date.year) + 1
    at = next((n for n, i in enumerate(items) if i.kind == AgendaItem.Kind.CLOSING), len(items))
    if any(hasattr(i, "decision") for i in items[at:]):
        at = len(items)
    numbers = sorted([*(i.number for i in items), new])
    order: list[AgendaItem | None] = [*items[:at], None, *items[at:]]
    moves = {
        i.pk: n for i, n in zip(order, numbers, strict=True) if i is not None and i.number != n
    }
    if moves:
        AgendaItem.objects.filter(pk__in=moves).update(number=F("number") + _OFFSET)
        for pk, number in moves.items():
            AgendaItem.objects.filter(pk=pk).update(number=number)
    return numbers[at]


def _new_item(meeting: Meeting, **fields: Any) -> AgendaItem:
    return AgendaItem(meeting=meeting, body_id=meeting.body_id, year=meeting.date.year, **fields)


def _next_item(meeting: Meeting, **fields: Any) -> AgendaItem:
    number = last_number(AgendaItem, body_id=meeting.body_id, year=meeting.date.year) + 1
    return _new_item(meeting, number=number, **fields)


def agenda_add(*, actor: Any, meeting: Meeting, case: Case) -> AgendaItem:
    """Put a prepared case on the agenda as a paragraph of the body and year (R-12), before
    the standing closing items."""
    with AGENDA.creating(
        obj=_new_item(meeting), actor=actor, verb="added", fields=(), parent=meeting
    ) as change:
        lock_series(meeting.body_id)
        case = lock(case)
        refuse_if_signed(meeting)
        if case.body_id != meeting.body_id:
            raise DomainError(_("Ärendet hör till ett annat organ."), field="case")
        if case.state != Case.State.PREPARED:
            raise DomainError(
                _("Bara beredda ärenden kan tas upp på dagordningen; %(case)s är %(state)s.")
                % {"case": case.diary_number, "state": state_label(case.state)},
                field="case",
            )
        item = change.obj
        item.number = _insert_number(meeting)
        item.case, item.title, item.kind = case, case.title, AgendaItem.Kind.CASE
        set_case_state(case, Case.State.ON_AGENDA)
        change.note("paragraf", None, f"§ {item.number}")
        change.note("ärende", None, case.diary_number)
    return item


def agenda_add_free(*, actor: Any, meeting: Meeting, title: str, text: str = "") -> AgendaItem:
    """Put a free item without a case on the agenda (information, a report, a question of the
    day), before the standing closing items (R-12)."""
    values = {"title": title, "text": text}
    with AGENDA.creating(
        obj=_new_item(meeting), actor=actor, values=values, verb="free_added", parent=meeting
    ) as change:
        lock_series(meeting.body_id)
        refuse_if_signed(meeting)
        item = change.obj
        item.title = (item.title or "").strip()
        item.text = (item.text or "").strip()
        if not item.title:
            raise DomainError(_("Ange en rubrik för punkten."), field="title")
        if len(item.title) > 300:
            raise DomainError(_("Rubriken får vara högst 300 tecken lång."), field="title")
        item.kind = AgendaItem.Kind.FREE
        item.number = _insert_number(meeting)
        change.note("paragraf", None, f"§ {item.number}")
    return item


def _record_order(
    meeting: Meeting, *, actor: Any, verb: str, before: list[str], after: list[str]
) -> None:
    """The entry of a change of the agenda's order: its items as "§ n title", before and
    after, on the meeting and its body's page."""
    audit_record(
        action=f"{AGENDA.action}.{verb}",
        obj=meeting,
        actor=actor,
        parent=meeting.body,
        changes={"dagordning": [before, after]},
    )


def agenda_apply_template(*, actor: Any, meeting: Meeting) -> list[AgendaItem]:
    """Put the body's standard agenda on a meeting's agenda: its opening items before what is
    already there, its closing items after. Refused when the meeting already has standing
    items (R-12)."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        lock_series(meeting.body_id)
        meeting = lock(meeting)
        refuse_if_signed(meeting)
        items = _ordered(meeting)
        if any(i.kind in (AgendaItem.Kind.OPENING, AgendaItem.Kind.CLOSING) for i in items):
            raise DomainError(_("Dagordningen har redan standarddagordningens punkter."))
        opening, closing = agenda_template_of(meeting.body)
        before = [_label(i) for i in items]
        added: dict[str, list[AgendaItem]] = {"opening": [], "closing": []}
        for kind, titles in (
            (AgendaItem.Kind.OPENING, opening),
            (AgendaItem.Kind.CLOSING, closing),
        ):
            for title in titles:
                item = _next_item(meeting, title=title, kind=kind)
                item.save()
                added[kind].append(item)
        after = _renumber(meeting, [*added["opening"], *items, *added["closing"]])
        _record_order(meeting, actor=actor, verb="standard_applied", before=before, after=after)
    return [*added["opening"], *added["closing"]]


def agenda_reorder(*, actor: Any, meeting: Meeting, order: Sequence[int]) -> list[AgendaItem]:
    """Put the meeting's items in the order given (item ids, every item once); the paragraph
    numbers follow the order (R-12). An item with a decision keeps its number."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        lock_series(meeting.body_id)
        refuse_if_signed(meeting)
        items = {i.pk: i for i in _ordered(meeting)}
        if sorted(order) != sorted(items) or len(set(order)) != len(order):
            raise DomainError(
                _("Ange varje punkt på sammanträdets dagordning en gång."), field="order"
            )
        before = [_label(i) for i in sorted(items.values(), key=lambda i: i.number)]
        after = _renumber(meeting, [items[pk] for pk in order])
        if before != after:
            _record_order(meeting, actor=actor, verb="reordered", before=before, after=after)
    return sorted(items.values(), key=lambda i: i.number)


def agenda_move(*, actor: Any, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one step up or down on its meeting's agenda; the two items swap
    paragraph numbers (R-12)."""
    if direction not in ("up", "down"):
        raise DomainError(_("Ange upp eller ned."), field="direction")
    meeting = item.meeting
    with transaction.atomic():
        lock_series(meeting.body_id)
        items = _ordered(meeting)
        at = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
        if at is None:
            raise DomainError(_("Punkten finns inte längre på dagordningen."))
        to = at - 1 if direction == "up" else at + 1
        if not 0 <= to < len(items):
            where = _("§ %(n)s står redan först.") if to < 0 else _("§ %(n)s står redan sist.")
            raise DomainError(where % {"n": items[at].number}, field="direction")
        items[at], items[to] = items[to], items[at]
        reordered = agenda_reorder(actor=actor, meeting=meeting, order=[i.pk for i in items])
    return next(i for i in reordered if i.pk == item.pk)


def agenda_remove(*, actor: Any, item: AgendaItem) -> None:
    """Take an undecided item off the agenda. Paragraph numbers stay without gaps: the items
    after it on the same agenda move up one number, and an item can go only while no later
    meeting of the year has paragraphs after it and none of the items after it has a
    decision."""
    with transaction.atomic():
        require(actor, "meetings.meeting:change")
        lock_series(item.body_id)
        refuse_if_signed(item.meeting)
        if hasattr(item, "decision"):
            raise DomainError(_("Paragrafen har redan ett beslut."))
        later = list(
            AgendaItem.objects.filter(body_id=item.body_id, year=item.year, number__gt=item.number)
            .select_related("decision")
            .order_by("number")
        )
        if any(i.meeting_id != item.meeting_id for i in later):
            last = later[-1].number
            raise DomainError(
                _(
                    "Bara paragrafer efter vilka inget senare sammanträde har paragrafer kan tas bort (sista är § %(n)s), så att numreringen blir obruten."
                )
                % {"n": last}
            )
        if any(hasattr(i, "decision") for i in later):
            raise DomainError(
                _("En senare paragraf har redan ett beslut och behåller sitt nummer.")
            )
        case = item.case
        audit_record(
            action="meetings.agenda.removed",
            obj=item,
            actor=actor,
            parent=item.meeting,
            changes={"paragraf": [f"§ {item.number}", None]},
        )
        item.delete()
        for moved in later:
            AgendaItem.objects.filter(pk=moved.pk).update(number=moved.number - 1)
        if case is not None:
            set_case_state(case, Case.State.PREPARED)
