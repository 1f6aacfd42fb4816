"""Writes for an object's development initiatives and projects (for the quarterly report);
budgets in kronor and öre, never floats."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.portfolio.models import Initiative, ManagedObject
from gits.portfolio.services.base import OBJECT_RIGHT

INITIATIVE_FIELDS = ["title", "goal", "owner", "state", "start_date", "end_date", "budget"]


def _clean_initiative(initiative: Initiative) -> None:
    if not (initiative.title or "").strip():
        raise DomainError(_("Ange benämning."), field="title")
    if initiative.budget is not None:
        try:
            initiative.budget = to_money(initiative.budget)
        except TypeError as exc:
            raise DomainError(
                _("Budgeten anges i kronor och öre, inte som flyttal."), field="budget"
            ) from exc
        if initiative.budget < 0:
            raise DomainError(_("Budgeten kan inte vara negativ."), field="budget")
    if (
        initiative.start_date
        and initiative.end_date
        and initiative.end_date < initiative.start_date
    ):
        raise DomainError(_("Perioden kan inte sluta före den börjar."), field="end_date")


INITIATIVE = Recorded(
    Initiative,
    INITIATIVE_FIELDS,
    clean=_clean_initiative,
    right=OBJECT_RIGHT,
    parent="managed_object",
)


def initiative_save(
    *,
    actor: Any,
    managed_object: ManagedObject,
    initiative: Initiative | None = None,
    version: int | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Initiative:
    """Create or change a development initiative (goal, owner, state, period, budget)."""
    return INITIATIVE.save(
        initiative or Initiative(managed_object=managed_object),
        actor=actor,
        version=version,
        check_right=check_right,
        values=fields,
        always=True,
    )
