"""Budgets (R-22, R-24): the financiers, a year's budget and its lines with their financing
shares, the users per organisation that drive splits, stated totals and cost categories."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.core.fields import (
    MANAGED_OBJECT,
    money_field,
    optional_date,
    optional_money,
    optional_text,
    organisation_fk,
    parent_fk,
    protected_fk,
    weak_fk,
)
from gits.core.models import Named, VersionedModel, unique
from gits.finance.models.choices import (
    DEFAULT_WARNING_DAYS,
    CostCategory,
    FinancierSide,
    SpreadMethod,
    accept_earlier_field,
    vat_category_field,
    vat_rate_field,
)


class Financier(VersionedModel):
    """Who pays for a budget line: the municipalities, their association, the region, another
    financier (e.g. SITIV), or others the user adds."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    short_name = optional_text(_("kortnamn"), 40)
    side = models.CharField(
        _("sida"), max_length=20, choices=FinancierSide.choices, default=FinancierSide.OTHER
    )
    organisation = organisation_fk(_("organisation"), optional=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("finansiär")
        verbose_name_plural = _("finansiärer")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Budget(VersionedModel):
    """The budget of one year (R-22) with its calendar (R-24) and invoicing parties (R-25)."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = optional_text(_("rubrik"), 200)
    deadline = models.DateField(_("fastställs senast"))
    warning_days = models.PositiveSmallIntegerField(
        _("varna dagar före"), default=DEFAULT_WARNING_DAYS
    )
    decision_reference = optional_text(_("beslut som fastställde budgeten"), 300)
    decided_on = optional_date(_("fastställd den"))
    seller = organisation_fk(_("fakturerande part"), optional=True)
    buyer = organisation_fk(_("fakturerad part"), optional=True)
    buyer_reference = optional_text(_("köparens referens"), 100)
    bankgiro = optional_text(_("bankgiro"), 20)
    note = optional_text(_("anmärkning"))

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title or f"Budget {self.year}"


class BudgetLine(Named, VersionedModel):
    """One line of a budget: an object or portfolio with its amount and financing shares."""

    budget = parent_fk(Budget, _("budget"), related_name="lines")
    name = models.CharField(_("benämning"), max_length=200)
    managed_object = weak_fk(MANAGED_OBJECT, _("förvaltningsobjekt"), related_name="budget_lines")
    amount = optional_money(_("belopp"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    joint_function = models.BooleanField(_("gemensamma funktionens kostnad (50/50)"), default=False)
    invoiced = models.BooleanField(_("faktureras kvartalsvis"), default=False)
    spread_method = models.CharField(
        _("fördelning mellan kommunerna"),
        max_length=20,
        choices=SpreadMethod.choices,
        default=SpreadMethod.PER_CAPITA,
    )
    population_date = optional_date(_("folkmängd per"))
    accept_earlier = accept_earlier_field()
    actual_amount = optional_money(_("utfall/prognos efter kvartal 3"))
    vat_category = vat_category_field()
    vat_rate = vat_rate_field()
    note = optional_text(_("anmärkning"), 300)

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["budget", "position", "pk"]
        constraints = [
            unique("budget", "name", name="budgetline_unique_name"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="budgetline_amount_not_negative",
            ),
        ]

    @property
    def reference_date(self) -> dt.date:
        """The population date of a per-capita split: by default 31 December two years before
        the budget year, the latest figures known when the budget is fixed (R-2, R-24)."""
        return self.population_date or dt.date(self.budget.year - 2, 12, 31)


class FinancingShare(models.Model):
    """How much of a line one financier pays."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="shares")
    financier = protected_fk(Financier, _("finansiär"), related_name="shares")
    amount = money_field(_("belopp"))

    class Meta:
        verbose_name = _("finansieringsandel")
        verbose_name_plural = _("finansieringsandelar")
        ordering = ["financier__position", "financier__name"]
        constraints = [
            unique("line", "financier", name="share_one_per_financier"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="share_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.financier}: {self.amount}"


class StatedTotal(models.Model):
    """A total as a source document states it (e.g. the TOTALT row of seed 003), kept only to
    be compared with the computed total; it is never used as a figure."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="stated_totals")
    label = models.CharField(_("kolumn"), max_length=100)
    financier = protected_fk(Financier, optional=True)
    side = models.CharField(
        _("sida"), max_length=20, blank=True, default="", choices=FinancierSide.choices
    )
    amount = money_field(_("angiven summa"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("angiven summa")
        verbose_name_plural = _("angivna summor")
        ordering = ["budget", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


class UserCount(models.Model):
    """Number of users of a line's object per organisation (drives splits by users and the
    settlement after the third quarter, R-23, R-25)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="user_counts")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    users = models.PositiveIntegerField(_("antal användare"))

    class Meta:
        verbose_name = _("antal användare")
        verbose_name_plural = _("antal användare")
        constraints = [unique("line", "organisation", name="usercount_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.users}"


class LineCategory(models.Model):
    """Budget and outcome of one cost category of a budget line."""

    line = parent_fk(BudgetLine, _("budgetrad"), related_name="categories")
    category = models.CharField(_("kostnadsslag"), max_length=20, choices=CostCategory.choices)
    budget = money_field(_("budget"), default=0)
    outcome = optional_money(_("utfall"))

    class Meta:
        verbose_name = _("kostnadsslag")
        verbose_name_plural = _("kostnadsslag")
        ordering = ["line", "category"]
        constraints = [
            unique("line", "category", name="linecategory_unique"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="linecategory_budget_ge_0"),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.get_category_display()}"
