"""Money (R-22 to R-26): budgets with financiers, cost splits, invoices and scenarios.

Every amount is a Decimal in kronor with öre precision; totals are computed, never typed.
By concern: `choices` (the choices, constants and repeated field shapes), `budgets`
(financiers, budgets, lines, financing shares, users, stated totals, cost categories),
`invoices` (issued invoices, credit notes, number series), `parties` (payment and
accounting settings per party, invoicing each party at once) and `scenarios`. Everything is
re-exported here: import from `gits.finance.models`."""

from gits.core.fields import money_field
from gits.finance.models.budgets import (
    Budget,
    BudgetLine,
    Financier,
    FinancingShare,
    LineCategory,
    StatedTotal,
    UserCount,
)
from gits.finance.models.choices import (
    DEFAULT_DEADLINE,
    DEFAULT_WARNING_DAYS,
    ZERO,
    CostCategory,
    FinancierSide,
    SpreadMethod,
    VatCategory,
    default_deadline,
)
from gits.finance.models.invoices import (
    Invoice,
    InvoiceImmutable,
    InvoiceLine,
    InvoiceQuerySet,
    NumberSeries,
)
from gits.finance.models.parties import PartyRun, PartyRunShare, PartySettings
from gits.finance.models.scenarios import Scenario, ScenarioAlternative

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_WARNING_DAYS",
    "ZERO",
    "Budget",
    "BudgetLine",
    "CostCategory",
    "Financier",
    "FinancierSide",
    "FinancingShare",
    "Invoice",
    "InvoiceImmutable",
    "InvoiceLine",
    "InvoiceQuerySet",
    "LineCategory",
    "NumberSeries",
    "PartyRun",
    "PartyRunShare",
    "PartySettings",
    "Scenario",
    "ScenarioAlternative",
    "SpreadMethod",
    "StatedTotal",
    "UserCount",
    "VatCategory",
    "default_deadline",
    "money_field",
]
