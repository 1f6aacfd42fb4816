"""Writes for objects, their lifecycle (R-18) and the roles held for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from gits.bodies.models import Body
from gits.core.changes import Change, Recorded, required_text
from gits.core.errors import DomainError
from gits.portfolio.models import ManagedObject, ObjectRole, StateChange
from gits.portfolio.rules import MOVES, NEEDS_DECISION, state_label
from gits.portfolio.services.base import OBJECT_RIGHT, username

S = ManagedObject.State
OBJECT_FIELDS = ["name", "short_name", "description", "area", "horizon"]
ROLE_FIELDS = ["role", "body", "person", "organisation", "holder_text", "start_date", "end_date"]


def _clean_object(obj: ManagedObject) -> None:
    required_text(obj, "name", _("Ange objektets namn."))
    required_text(obj, "short_name", _("Ange ett kortnamn."))
    if ManagedObject.objects.exclude(pk=obj.pk).filter(short_name__iexact=obj.short_name).exists():
        raise DomainError(
            _("Kortnamnet %(n)s används redan.") % {"n": obj.short_name}, field="short_name"
        )
    if obj.area not in ManagedObject.Area.values:
        raise DomainError(_("Välj område."), field="area")
    if obj.horizon not in ManagedObject.Horizon.values:
        raise DomainError(_("Välj tidshorisont."), field="horizon")


OBJECT = Recorded(ManagedObject, OBJECT_FIELDS, clean=_clean_object, name="portfolio.object")
# A move in the lifecycle, its own right.
OBJECT_STATE = Recorded(
    ManagedObject, ["state"], right="portfolio.object:move", action="portfolio.object"
)


def object_propose(*, actor: Any, check_right: bool = True, **fields: Any) -> ManagedObject:
    """Register a proposed object (förslag)."""
    proposal = ManagedObject(state=S.PROPOSED)
    return OBJECT.create(
        obj=proposal, actor=actor, check_right=check_right, values=fields, verb="proposed"
    )


def object_update(
    *, actor: Any, managed_object: ManagedObject, version: int | None, **fields: Any
) -> ManagedObject:
    return OBJECT.update(managed_object, actor=actor, version=version, values=fields)


def _check_move(obj: ManagedObject, to_state: str, decision: Any, reference: str) -> None:
    """The lifecycle table (R-18), the evaluation before "evaluated" (R-19) and the SITIV
    decision behind a move that needs one, about this object or none."""
    if to_state not in MOVES.get(obj.state, set()):
        allowed = ", ".join(state_label(S, s) for s in sorted(MOVES.get(obj.state, set()))) or _(
            "inget"
        )
        raise DomainError(
            _("Ett objekt i läget %(from)s kan inte bli %(to)s. Tillåtet härifrån: %(allowed)s.")
            % {
                "from": state_label(S, obj.state),
                "to": state_label(S, to_state),
                "allowed": allowed,
            },
            field="to_state",
        )
    if to_state == S.EVALUATED and not obj.evaluations.exists():
        raise DomainError(
            _("Värdera objektet mot kriterierna innan det markeras som värderat."),
            field="to_state",
        )
    if to_state not in NEEDS_DECISION:
        return
    if decision is None and not reference:
        raise DomainError(
            _("Att bli %(to)s beslutas av SITIV: ange beslutet.")
            % {"to": state_label(S, to_state)},
            field="decision",
        )
    if decision is not None:
        if decision.outcome != "decided":
            raise DomainError(
                _("Beslutet är en återremiss eller ett avförande, inte ett beslut."),
                field="decision",
            )
        if decision.item.body.kind != Body.Kind.STEERING_GROUP:
            raise DomainError(_("Beslutet ska vara fattat av styrgruppen."), field="decision")
        case = decision.item.case
        if case is not None and case.managed_object_id not in (None, obj.pk):
            # A decision on another object's case cannot move this one (as for plans).
            raise DomainError(
                _("Beslutet gäller ett annat förvaltningsobjekt (%(obj)s).")
                % {"obj": case.managed_object},
                field="decision",
            )


def object_move(
    *,
    actor: Any,
    managed_object: ManagedObject,
    to_state: str,
    decision: Any = None,
    decision_reference: str = "",
    date: dt.date | None = None,
    note: str = "",
    version: int | None = None,
    check_right: bool = True,
) -> ManagedObject:
    """Move an object in its lifecycle (R-18). A move SITIV decides (co-management,
    decommissioning) names the decision: a decision in the system, taken (not referred back)
    by a steering group, or for older decisions a reference. An evaluation must exist before
    an object counts as evaluated (R-19)."""
    reference = (decision_reference or "").strip()
    with OBJECT_STATE.updating(
        managed_object, actor=actor, version=version, verb="moved", check_right=check_right
    ) as change:
        obj = change.obj
        _check_move(obj, to_state, decision, reference)
        moved = StateChange.objects.create(
            managed_object=obj,
            from_state=obj.state,
            to_state=to_state,
            date=date or dt.date.today(),
            decision=decision,
            decision_reference=reference,
            note=note,
            actor_name=username(actor),
        )
        change.set({"state": to_state})
        change.note("beslut", None, moved.decision_label or None)
    return change.obj


# --- roles ------------------------------------------------------------------------------


def _check_term(change: Change[ObjectRole]) -> None:
    role = change.obj
    if role.end_date is not None and role.end_date < role.start_date:
        raise DomainError(_("Rollen kan inte sluta före den börjar."), field="end_date")


def _check_assignment(change: Change[ObjectRole]) -> None:
    """Who may hold a role, and its term."""
    role = change.obj
    if role.role not in ObjectRole.Role.values:
        raise DomainError(_("Välj roll."), field="role")
    if not any([role.body, role.person, role.organisation, role.holder_text.strip()]):
        raise DomainError(
            _("Ange vem som har rollen: ett organ, en person eller en part."), field="person"
        )
    if role.role == ObjectRole.Role.COORDINATOR and role.person is None:
        raise DomainError(_("Funktionskoordinatorn är en person."), field="person")
    if role.role == ObjectRole.Role.INFORMATION_OWNER and (
        role.organisation is None or not role.organisation.is_party
    ):
        raise DomainError(_("Informationsägare är en av parterna."), field="organisation")
    _check_term(change)


ROLE = Recorded(
    ObjectRole, ROLE_FIELDS, right=OBJECT_RIGHT, action="portfolio.role", parent="managed_object"
)


def role_assign(
    *,
    actor: Any,
    managed_object: ManagedObject,
    role: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    body: Any = None,
    person: Any = None,
    organisation: Any = None,
    holder_text: str = "",
    check_right: bool = True,
) -> ObjectRole:
    """Give a role for an object to a body, person or party for a term."""
    values = {
        "role": role,
        "body": body,
        "person": person,
        "organisation": organisation,
        "holder_text": holder_text,
        "start_date": start_date,
        "end_date": end_date,
    }
    return ROLE.create(
        obj=ObjectRole(managed_object=managed_object),
        actor=actor,
        check_right=check_right,
        values=values,
        verb="assigned",
        check=_check_assignment,
    )


def role_end(*, actor: Any, role: ObjectRole, end_date: dt.date) -> ObjectRole:
    """End a role on end_date (always recorded, even on the day it already ends)."""
    values = {"end_date": end_date}
    return ROLE.update(
        role, actor=actor, version=None, values=values, verb="ended", always=True, check=_check_term
    )
