"""Writes for scenarios (seed 004): the alternatives of a review (wind up, continue, widen),
each with a yearly cost split 50/50 and the municipal half spread across the
municipalities."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.core.changes import record_create, record_update
from gits.core.errors import DomainError
from gits.finance.models import Scenario, ScenarioAlternative, SpreadMethod
from gits.finance.services.common import checked_amount, checked_texts

CHANGE = "finance.scenario:change"
SCENARIO_FIELDS = ["name", "description", "reference_date", "accept_earlier", "spread_method"]
ALTERNATIVE_FIELDS = ["name", "total_cost"]


def _clean_scenario(scenario: Scenario) -> None:
    scenario.name = (scenario.name or "").strip()
    checked_texts(scenario, ["name"], multiline=["description"])
    if not scenario.name:
        raise DomainError(_("Ange scenariots namn."), field="name")
    if Scenario.objects.exclude(pk=scenario.pk).filter(name__iexact=scenario.name).exists():
        raise DomainError(_("Det finns redan ett scenario med det namnet."), field="name")
    if scenario.reference_date is None:
        raise DomainError(_("Ange vilket datum folkmängden ska avse."), field="reference_date")
    if scenario.spread_method not in (SpreadMethod.PER_CAPITA, SpreadMethod.EQUAL):
        raise DomainError(_("Välj per invånare eller lika per kommun."), field="spread_method")


def scenario_create(
    *,
    actor: Any,
    alternatives: list[tuple[str, Any]] | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Scenario:
    """A review's alternatives (wind up, continue, widen) with a yearly cost each."""
    with transaction.atomic():
        with record_create(
            Scenario(),
            actor=actor,
            right=CHANGE if check_right else None,
            fields=SCENARIO_FIELDS,
            values=fields,
            action="finance.scenario.created",
        ) as change:
            _clean_scenario(change.obj)
        for name, cost in alternatives or []:
            alternative_add(
                actor=actor, scenario=change.obj, name=name, total_cost=cost, check_right=False
            )
    return change.obj


def scenario_update(
    *, actor: Any, scenario: Scenario, version: int | None, **fields: Any
) -> Scenario:
    with record_update(
        scenario,
        actor=actor,
        right=CHANGE,
        version=version,
        fields=SCENARIO_FIELDS,
        values=fields,
        action="finance.scenario.changed",
    ) as change:
        _clean_scenario(change.obj)
    return change.obj


def alternative_add(
    *, actor: Any, scenario: Scenario, name: str, total_cost: Any, check_right: bool = True
) -> ScenarioAlternative:
    with record_create(
        ScenarioAlternative(scenario=scenario),
        actor=actor,
        right=CHANGE if check_right else None,
        fields=ALTERNATIVE_FIELDS,
        action="finance.scenario.alternative_added",
        parent=scenario,
    ) as change:
        alternative = change.obj
        alternative.name = (name or "").strip()
        checked_texts(alternative, ["name"])
        if not alternative.name:
            raise DomainError(_("Ange alternativets namn."), field="name")
        if scenario.alternatives.filter(name__iexact=alternative.name).exists():
            raise DomainError(
                _("Scenariot har redan alternativet %(n)s.") % {"n": alternative.name},
                field="name",
            )
        alternative.total_cost = checked_amount(total_cost, "total_cost")
        alternative.position = scenario.alternatives.count() + 1
    return change.obj
