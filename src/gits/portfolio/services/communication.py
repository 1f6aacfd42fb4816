"""Writes for communication plans and their stakeholders' information needs."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import Recorded, required_text
from gits.portfolio.models import CommunicationPlan, ManagedObject, Stakeholder
from gits.portfolio.services.base import OBJECT_RIGHT

PLAN_FIELDS = ["title", "purpose"]
STAKEHOLDER_FIELDS = ["name", "information_needs", "channel", "timing"]


def _clean_plan(plan: CommunicationPlan) -> None:
    required_text(plan, "title", _("Ange planens benämning."))


def _clean_stakeholder(row: Stakeholder) -> None:
    required_text(row, "name", _("Ange intressent."))


# A plan and its stakeholders are recorded as the plan's actions.
ACTION = "portfolio.communication"
PLAN = Recorded(
    CommunicationPlan, PLAN_FIELDS, clean=_clean_plan, right=OBJECT_RIGHT, action=ACTION
)
STAKEHOLDER = Recorded(
    Stakeholder, STAKEHOLDER_FIELDS, clean=_clean_stakeholder, right=OBJECT_RIGHT, action=ACTION
)


def communication_plan_create(
    *,
    actor: Any,
    title: str,
    purpose: str = "",
    managed_object: ManagedObject | None = None,
    stakeholders: list[dict[str, str]] | None = None,
    check_right: bool = True,
) -> CommunicationPlan:
    """A communication plan with its stakeholders and their information needs."""
    rows = [row for row in stakeholders or [] if (row.get("name") or "").strip()]
    with PLAN.creating(
        obj=CommunicationPlan(managed_object=managed_object),
        actor=actor,
        check_right=check_right,
        values={"title": title, "purpose": purpose},
        parent=managed_object,
    ) as change:
        change.note("intressenter", None, len(rows))
        change.after_save.append(lambda plan: _stakeholders_add(plan, rows))
    return change.obj


def _stakeholders_add(plan: CommunicationPlan, rows: list[dict[str, str]]) -> None:
    Stakeholder.objects.bulk_create(
        Stakeholder(
            plan=plan,
            name=row["name"].strip(),
            information_needs=row.get("information_needs", ""),
            channel=row.get("channel", ""),
            timing=row.get("timing", ""),
        )
        for row in rows
    )


def stakeholder_add(
    *,
    actor: Any,
    plan: CommunicationPlan,
    name: str,
    **needs: str,
) -> Stakeholder:
    """Add a stakeholder to a plan with their `information_needs`, and the `channel` and
    `timing` of the information they get."""
    return STAKEHOLDER.create(
        obj=Stakeholder(plan=plan),
        actor=actor,
        values={"name": name, **needs},
        verb="stakeholder",
        parent=plan.managed_object or plan,
    )
