"""The alternatives of a review (seed 004), each with its total cost per year."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.core.fields import money_field, optional_text
from gits.core.models import Named, VersionedModel, unique
from gits.finance.models.choices import SpreadMethod, accept_earlier_field


class Scenario(Named, VersionedModel):
    """Alternatives for a review (seed 004: wind up, continue, widen), each with a total
    cost split 50/50 and the municipal half spread across the municipalities."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = optional_text(_("beskrivning"))
    reference_date = models.DateField(_("folkmängd per"))
    accept_earlier = accept_earlier_field()
    spread_method = models.CharField(
        _("fördelning mellan kommunerna"),
        max_length=20,
        choices=[c for c in SpreadMethod.choices if c[0] != SpreadMethod.USERS],
        default=SpreadMethod.PER_CAPITA,
    )

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarier")
        ordering = ["name"]


class ScenarioAlternative(Named):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="alternatives")
    name = models.CharField(_("alternativ"), max_length=200)
    total_cost = money_field(_("total kostnad per år"))
    position = models.PositiveSmallIntegerField(default=0)
    note = optional_text(_("anmärkning"), 300)

    class Meta:
        verbose_name = _("alternativ i scenariot")
        verbose_name_plural = _("alternativ i scenariot")
        ordering = ["scenario", "position", "pk"]
        constraints = [
            unique("scenario", "name", name="alternative_unique_name"),
            models.CheckConstraint(condition=Q(total_cost__gte=0), name="alternative_cost_ge_0"),
        ]
