"""Writes for an object's development initiatives and projects (for the quarterly report);
budgets in kronor and öre, never floats."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.portfolio.models import Initiative, ManagedObject
from gits.portfolio.services.base import record_save

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
    with record_save(
        initiative or Initiative(managed_object=managed_object),
        actor=actor,
        right="portfolio.object:change" if check_right else None,
        version=version,
        fields=INITIATIVE_FIELDS,
        values=fields,
        action="portfolio.initiative.saved",
        parent=managed_object,
    ) as change:
        _clean_initiative(change.obj)
    return change.obj
