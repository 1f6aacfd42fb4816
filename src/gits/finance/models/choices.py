"""The choices and constants the money models share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ZERO = Decimal("0.00")

# Next year's budget is fixed no later than 1 September; a budget may set its own date.
DEFAULT_DEADLINE = (9, 1)
DEFAULT_WARNING_DAYS = 30


def default_deadline(year: int) -> dt.date:
    month, day = DEFAULT_DEADLINE
    return dt.date(year - 1, month, day)


class FinancierSide(models.TextChoices):
    REGION = "region", pgettext_lazy("sida", "Regionen")
    MUNICIPALITIES = "municipalities", pgettext_lazy("sida", "Kommunerna")
    OTHER = "other", _("Annan finansiär")


class SpreadMethod(models.TextChoices):
    """How the municipal collective's share is spread across the municipalities (R-23)."""

    PER_CAPITA = "per_capita", _("Per invånare")
    USERS = "users", _("Efter antal användare")
    EQUAL = "equal", _("Lika per kommun")


class VatCategory(models.TextChoices):
    OUTSIDE_SCOPE = "O", _("Utanför momsens tillämpningsområde (O)")
    STANDARD = "S", _("Momspliktig (S)")


# --- cost categories of a budget line (seed 002 Bilaga 2) --------------------------------


class CostCategory(models.TextChoices):
    """What the joint function's budget consists of (seed 002: "löner, lokaler,
    utbildning/konferenser och kontorsutrustning"), and everything else."""

    SALARIES = "salaries", _("Löner")
    PREMISES = "premises", _("Lokaler")
    TRAINING = "training", _("Utbildning och konferenser")
    EQUIPMENT = "equipment", _("Kontorsutrustning")
    OTHER = "other", _("Övrigt")


# --- field shapes the money models repeat -------------------------------------------------


def vat_category_field() -> models.CharField:
    """The VAT category of a line or run, outside the scope of VAT unless chosen (R-25)."""
    return models.CharField(
        _("momskategori"),
        max_length=1,
        choices=VatCategory.choices,
        default=VatCategory.OUTSIDE_SCOPE,
    )


def vat_rate_field() -> models.DecimalField:
    return models.DecimalField(_("momssats (%)"), max_digits=4, decimal_places=1, default=0)


def accept_earlier_field() -> models.BooleanField:
    """Whether a split may use a municipality's latest figure before the reference date (R-2)."""
    return models.BooleanField(_("godta tidigare folkmängdssiffror"), default=False)
