"""Writes for scenarios (seed 004): the alternatives of a review (wind up, continue, widen),
each with a yearly cost split 50/50 and the municipal half spread across the
municipalities."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.core.changes import Recorded
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


SCENARIO = Recorded(Scenario, SCENARIO_FIELDS, clean=_clean_scenario)
# An alternative is recorded on its scenario, as `finance.scenario.alternative_added`.
ALTERNATIVE = Recorded(
    ScenarioAlternative, ALTERNATIVE_FIELDS, name="finance.scenario", parent="scenario"
)


def scenario_create(
    *,
    actor: Any,
    alternatives: list[tuple[str, Any]] | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Scenario:
    """A review's alternatives (wind up, continue, widen) with a yearly cost each."""
    with transaction.atomic():
        scenario = SCENARIO.create(actor=actor, check_right=check_right, values=fields)
        for name, cost in alternatives or []:
            alternative_add(
                actor=actor, scenario=scenario, name=name, total_cost=cost, check_right=False
            )
    return scenario


def scenario_update(
    *, actor: Any, scenario: Scenario, version: int | None, **fields: Any
) -> Scenario:
    return SCENARIO.update(scenario, actor=actor, version=version, values=fields)


def alternative_add(
    *, actor: Any, scenario: Scenario, name: str, total_cost: Any, check_right: bool = True
) -> ScenarioAlternative:
    alternative = ScenarioAlternative(scenario=scenario)
    with ALTERNATIVE.creating(
        obj=alternative, actor=actor, check_right=check_right, verb="alternative_added"
    ) as change:
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
