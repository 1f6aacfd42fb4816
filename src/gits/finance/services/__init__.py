"""Writes for money (R-22 to R-26), by concern:

- `budgets`: financiers, budgets, lines and their financing shares, users per organisation,
  stated totals and the import of a whole budget;
- `invoicing`: quarterly invoices, the settlement after the third quarter and credit notes,
  numbered without gaps, with the seller's payment details and an OCR reference;
- `parties`: invoices to each party (a levy per inhabitant, a share of a line, paybacks),
  one transaction per party;
- `settings`: the payment and accounting settings per party;
- `categories`: budget and outcome per cost category of a line;
- `scenarios`: the alternatives of a review.

Splits live in `gits.finance.allocation` and the selectors, exports in `excel`, `peppol`,
`sie` and `pdf`. Each service checks the right, validates, writes and records the audit
entry in one transaction; callers use `from gits.finance import services`."""

from gits.finance.services.budgets import (
    BUDGET_FIELDS,
    FINANCIER_FIELDS,
    LINE_FIELDS,
    VAT_RATES,
    ImportedLine,
    budget_create,
    budget_import,
    budget_update,
    financier_create,
    line_create,
    line_delete,
    line_update,
    stated_totals_set,
    user_counts_set,
)
from gits.finance.services.categories import line_categories_set
from gits.finance.services.common import Progress
from gits.finance.services.invoicing import (
    PAYMENT_DAYS,
    Item,
    RunResult,
    invoice_credit,
    invoice_run,
    quarter_period,
    settlement_run,
)
from gits.finance.services.parties import levy_run, payback_run, run_resume, share_run
from gits.finance.services.scenarios import (
    SCENARIO_FIELDS,
    alternative_add,
    scenario_create,
    scenario_update,
)
from gits.finance.services.settings import SETTINGS_FIELDS, party_settings_save

__all__ = [
    "BUDGET_FIELDS",
    "FINANCIER_FIELDS",
    "LINE_FIELDS",
    "PAYMENT_DAYS",
    "SCENARIO_FIELDS",
    "SETTINGS_FIELDS",
    "VAT_RATES",
    "ImportedLine",
    "Item",
    "Progress",
    "RunResult",
    "alternative_add",
    "budget_create",
    "budget_import",
    "budget_update",
    "financier_create",
    "invoice_credit",
    "invoice_run",
    "levy_run",
    "line_categories_set",
    "line_create",
    "line_delete",
    "line_update",
    "party_settings_save",
    "payback_run",
    "quarter_period",
    "run_resume",
    "scenario_create",
    "scenario_update",
    "settlement_run",
    "share_run",
    "stated_totals_set",
    "user_counts_set",
]
