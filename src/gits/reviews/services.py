"""Writes for reviews (seed 004, seed 000): a review with its assignment, its parts (timeline,
deliverables, stakeholders, alternatives) and its closing by a decision. Each write checks the
right, validates, writes and records the audit entry in one transaction (core.changes)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import models, transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from gits.core.audit import audit_record, diff, snapshot
from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.core.permissions import require
from gits.reviews.models import (
    Deliverable,
    Milestone,
    Review,
    ReviewAlternative,
    ReviewStakeholder,
)

CHANGE = "reviews.review:change"
REVIEW_FIELDS = [
    "title",
    "purpose",
    "assignment",
    "assignment_decision",
    "client",
    "led_by",
    "start_date",
    "due_date",
    "scenario",
]
CLOSE_FIELDS = ["state", "closing_decision", "closed_on", "chosen_alternative", "outcome"]
# The parts of a review: their model, the fields a user sets and the action code's middle.
ITEMS: dict[str, tuple[type[Model], list[str]]] = {
    "milestone": (Milestone, ["period", "activity", "due_date", "done_on", "position"]),
    "deliverable": (Deliverable, ["name", "description", "due_date", "delivered_on", "position"]),
    "stakeholder": (ReviewStakeholder, ["name", "information_needs", "channel", "position"]),
    "alternative": (
        ReviewAlternative,
        ["kind", "name", "consequences", "scenario_alternative", "position"],
    ),
}
# How each part is written: with the review's right, as `reviews.<part>.<verb>`.
PARTS = {
    part: Recorded(model, names, name=f"reviews.{part}", right=CHANGE)
    for part, (model, names) in ITEMS.items()
}


# Control characters and lone surrogates cannot be exported or printed; a one-line field may
# not hold line breaks or tabs either.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile("[\t\n\r]")


def _texts(obj: Model) -> None:
    """Refuse, naming the field, a text that holds a control character or is longer than
    its field."""
    for model_field in obj._meta.concrete_fields:
        value = getattr(obj, model_field.attname)
        if not isinstance(value, str) or not isinstance(
            model_field, models.CharField | models.TextField
        ):
            continue
        one_line = isinstance(model_field, models.CharField)
        if _CONTROL.search(value) or (one_line and _LINE_BREAK.search(value)):
            raise DomainError(
                _("Fältet ”%(f)s” innehåller ett otillåtet tecken.")
                % {"f": model_field.verbose_name},
                field=model_field.name,
            )
        limit = getattr(model_field, "max_length", None)
        if one_line and limit and len(value) > limit:
            raise DomainError(_("Högst %(n)s tecken.") % {"n": limit}, field=model_field.name)


def _decided(decision: Any, field: str) -> None:
    if decision is not None and decision.outcome != decision.Outcome.DECIDED:
        raise DomainError(
            _("%(d)s är inget beslut (ärendet återremitterades eller avfördes).") % {"d": decision},
            field=field,
        )


def _meeting_date(decision: Any) -> dt.date:
    return decision.item.meeting.date


def _clean_review(review: Review) -> None:
    _texts(review)
    review.title = (review.title or "").strip()
    if not review.title:
        raise DomainError(_("Ange översynens rubrik."), field="title")
    if Review.objects.filter(title__iexact=review.title).exclude(pk=review.pk).exists():
        raise DomainError(
            _("Det finns redan en översyn som heter %(t)s.") % {"t": review.title}, field="title"
        )
    if review.start_date and review.due_date and review.due_date < review.start_date:
        raise DomainError(_("Slutleveransen kan inte ligga före starten."), field="due_date")
    _decided(review.assignment_decision, "assignment_decision")


def _open(review: Review) -> None:
    if not review.is_open:
        raise DomainError(
            _("Översynen %(t)s är avslutad och kan inte ändras.") % {"t": review.title},
            field="state",
        )


REVIEW = Recorded(Review, REVIEW_FIELDS)


def review_create(*, actor: Any, **fields: Any) -> Review:
    """Open a review with its assignment and the decision that gave it (seed 000: "SITIV
    beslutar att genomföra en översyn ...")."""
    return REVIEW.create(actor=actor, values=fields, check=lambda change: _clean_review(change.obj))


def review_update(*, actor: Any, review: Review, version: int | None, **fields: Any) -> Review:
    """Change an open review's assignment, leadership, timeline dates or scenario."""
    with REVIEW.updating(review, actor=actor, version=version, values=fields) as change:
        _open(change.obj)
        _clean_review(change.obj)
        if (
            "scenario" in fields
            and change.obj.alternatives.exclude(scenario_alternative=None)
            .exclude(scenario_alternative__scenario=change.obj.scenario)
            .exists()
        ):
            raise DomainError(
                _("Alternativen hänvisar till ett annat scenario; ändra dem först."),
                field="scenario",
            )
    return change.obj


def review_close(
    *,
    actor: Any,
    review: Review,
    version: int | None,
    closing_decision: Any,
    chosen_alternative: ReviewAlternative | None,
    outcome: str = "",
    closed_on: dt.date | None = None,
) -> Review:
    """Close a review by the decision that ends it, naming the alternative chosen. The
    decision must be a decision (not a referral), taken no earlier than the one that gave the
    assignment; the alternative must be one of the review's own."""
    with REVIEW.updating(
        review, actor=actor, version=version, verb="closed", fields=CLOSE_FIELDS
    ) as change:
        locked = change.obj
        _open(locked)
        if closing_decision is None:
            raise DomainError(_("Ange beslutet som avslutar översynen."), field="closing_decision")
        _decided(closing_decision, "closing_decision")
        given = locked.assignment_decision
        if given is not None and _meeting_date(closing_decision) < _meeting_date(given):
            raise DomainError(
                _("Beslutet %(c)s är fattat före uppdraget (%(g)s).")
                % {"c": closing_decision, "g": given},
                field="closing_decision",
            )
        if chosen_alternative is None:
            raise DomainError(_("Ange vilket alternativ som valdes."), field="chosen_alternative")
        if chosen_alternative.review_id != locked.pk:
            raise DomainError(
                _("Alternativet hör till en annan översyn."), field="chosen_alternative"
            )
        locked.state = Review.State.CLOSED
        locked.closing_decision = closing_decision
        locked.chosen_alternative = chosen_alternative
        locked.closed_on = closed_on or _meeting_date(closing_decision)
        locked.outcome = (outcome or "").strip()
        _texts(locked)
    return change.obj


# --- the parts of a review --------------------------------------------------------------------


def _clean_item(part: str, item: Any) -> None:
    _texts(item)
    if not 0 <= int(item.position or 0) <= 32767:
        raise DomainError(_("Ange en ordning mellan 0 och 32767."), field="position")
    required = {
        "milestone": ("period", _("Ange tidpunkt.")),
        "deliverable": ("name", _("Ange leveransen.")),
        "stakeholder": ("name", _("Ange intressenten.")),
        "alternative": ("name", _("Ange alternativet.")),
    }[part]
    name, message = required
    setattr(item, name, (getattr(item, name) or "").strip())
    if not getattr(item, name):
        raise DomainError(message, field=name)
    if part == "milestone" and not (item.activity or "").strip():
        raise DomainError(_("Ange aktiviteten."), field="activity")
    if part == "alternative":
        if item.kind not in ReviewAlternative.Kind.values:
            raise DomainError(_("Välj typ av alternativ."), field="kind")
        chosen = item.scenario_alternative
        scenario_id = item.review.scenario_id
        if chosen is not None and chosen.scenario_id != scenario_id:
            raise DomainError(
                _("Kostnaden ska komma från översynens scenario."), field="scenario_alternative"
            )
        clash = ReviewAlternative.objects.filter(review=item.review, name__iexact=item.name)
        if clash.exclude(pk=item.pk).exists():
            raise DomainError(
                _("Översynen har redan alternativet %(n)s.") % {"n": item.name}, field="name"
            )


def _item_part(item: Model) -> str:
    for part, (model, _fields) in ITEMS.items():
        if isinstance(item, model):
            return part
    raise DomainError(_("Okänd del av en översyn."), field="part")


def item_add(*, actor: Any, review: Review, part: str, **fields: Any) -> Any:
    """Add a part to an open review: a step of the timeline, a deliverable, a stakeholder
    with its information needs, or an alternative with its cost from the scenario."""
    if part not in ITEMS:
        raise DomainError(_("Okänd del av en översyn."), field="part")
    model = ITEMS[part][0]
    with PARTS[part].creating(
        obj=model(review=review), actor=actor, values=fields, verb="added", parent=review
    ) as change:
        _open(review)
        item: Any = change.obj
        if "position" not in fields:
            last = model._default_manager.filter(review=review).aggregate(m=Max("position"))
            item.position = (last["m"] or 0) + 1
        _clean_item(part, item)
    return change.obj


def item_update(*, actor: Any, item: Any, version: int | None = None, **fields: Any) -> Any:
    """Change a part of an open review (e.g. a deliverable delivered, a step done), read at
    `version`."""
    part = _item_part(item)
    return PARTS[part].update(
        item,
        actor=actor,
        version=version,
        values=fields,
        parent=item.review,
        check=lambda change: _check_item(part, change.obj),
    )


def _check_item(part: str, item: Any) -> None:
    _open(item.review)
    _clean_item(part, item)


def item_remove(*, actor: Any, item: Any) -> None:
    """Remove a part of an open review; the alternative a closed review chose stays."""
    part = _item_part(item)
    _model, names = ITEMS[part]
    with transaction.atomic():
        require(actor, CHANGE)
        _open(item.review)
        audit_record(
            action=f"reviews.{part}.removed",
            obj=item,
            actor=actor,
            parent=item.review,
            changes=diff(snapshot(item, names), {}),
        )
        item.delete()
