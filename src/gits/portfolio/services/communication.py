"""Writes for communication plans and their stakeholders' information needs."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.core.changes import record_create
from gits.portfolio.models import CommunicationPlan, ManagedObject, Stakeholder
from gits.portfolio.services.base import required_text

PLAN_FIELDS = ["title", "purpose"]
STAKEHOLDER_FIELDS = ["name", "information_needs", "channel", "timing"]


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
    with transaction.atomic():
        with record_create(
            CommunicationPlan(managed_object=managed_object),
            actor=actor,
            right="portfolio.object:change" if check_right else None,
            fields=PLAN_FIELDS,
            values={"title": title, "purpose": purpose},
            action="portfolio.communication.created",
            parent=managed_object,
        ) as change:
            required_text(change.obj, "title", _("Ange planens benämning."))
            change.note("intressenter", None, len(rows))
        Stakeholder.objects.bulk_create(
            Stakeholder(
                plan=change.obj,
                name=row["name"].strip(),
                information_needs=row.get("information_needs", ""),
                channel=row.get("channel", ""),
                timing=row.get("timing", ""),
            )
            for row in rows
        )
    return change.obj


def stakeholder_add(
    *,
    actor: Any,
    plan: CommunicationPlan,
    name: str,
    information_needs: str = "",
    channel: str = "",
    timing: str = "",
) -> Stakeholder:
    with record_create(
        Stakeholder(plan=plan),
        actor=actor,
        right="portfolio.object:change",
        fields=STAKEHOLDER_FIELDS,
        values={
            "name": name,
            "information_needs": information_needs,
            "channel": channel,
            "timing": timing,
        },
        action="portfolio.communication.stakeholder",
        parent=plan.managed_object or plan,
    ) as change:
        required_text(change.obj, "name", _("Ange intressent."))
    return change.obj
