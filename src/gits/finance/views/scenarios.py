"""Scenario pages (seed 004): the alternatives of a review and what each costs every party."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.formviews import form_page
from gits.finance import services
from gits.finance.forms import AlternativeForm, ScenarioForm
from gits.finance.models import Scenario
from gits.finance.selectors import ScenarioColumn, scenario_comparison
from gits.finance.views.common import reader, rights


@reader
def scenarios(request):
    form = ScenarioForm(
        request.POST or None,
        initial={
            "reference_date": dt.date(dt.date.today().year - 2, 12, 31),
            "spread_method": "per_capita",
        },
    )
    return form_page(
        request,
        form,
        template="finance/scenarios.html",
        save=lambda data, _version: services.scenario_create(actor=request.user, **data),
        success=lambda saved: _("Scenariot %(n)s är upprättat.") % {"n": saved.name},
        next_url=lambda saved: reverse("finance:scenario", args=[saved.pk]),
        context={
            "scenarios": Scenario.objects.prefetch_related("alternatives"),
            **rights(request.user),
        },
    )


def _comparison(scenario: Scenario) -> dict:
    """Each alternative's split side by side, a row per municipality."""
    columns: list[ScenarioColumn] = []
    error = None
    try:
        columns, _towns = scenario_comparison(scenario)
    except DomainError as err:
        error = str(err.message)
    rows = []
    if columns:
        for i, split_row in enumerate(columns[0].split.rows):
            rows.append(
                {
                    "municipality": split_row.municipality,
                    "amounts": [c.split.rows[i].amount for c in columns],
                }
            )
    substitutes = columns[0].split.substitutes if columns else []
    return {"columns": columns, "rows": rows, "substitutes": substitutes, "error": error}


@reader
def scenario_detail(request, pk):
    scenario = get_object_or_404(Scenario.objects.prefetch_related("alternatives"), pk=pk)
    shown = rights(request.user)
    return form_page(
        request,
        AlternativeForm(request.POST or None),
        template="finance/scenario_detail.html",
        save=lambda data, _version: services.alternative_add(
            actor=request.user, scenario=scenario, **data
        ),
        success=lambda saved: _("Alternativet %(n)s är tillagt.") % {"n": saved.name},
        next_url=reverse("finance:scenario", args=[pk]),
        context={
            "scenario": scenario,
            **_comparison(scenario),
            "history": history_for(scenario) if shown["can_history"] else None,
            **shown,
        },
    )
