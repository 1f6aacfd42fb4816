"""The shapes of money in the API: what comes in, what goes out, and the functions that
turn budgets, splits and scenarios into the shapes that go out. Amounts are decimal strings
in kronor with öre ("1460000.00"), never floats."""

import datetime as dt
from decimal import Decimal

from ninja import Schema, Status

from gits.api.common import In, Quarter, Year, amount_of, patch_of, text_of
from gits.finance.models import (
    Budget,
    BudgetLine,
    Financier,
    FinancierSide,
    FinancingShare,
    PartyRun,
    Scenario,
    ScenarioAlternative,
    SpreadMethod,
    UserCount,
    VatCategory,
)
from gits.finance.selectors import budget_overview, scenario_comparison

# --- schemas ----------------------------------------------------------------------------


class FinancierOut(Schema):
    id: int
    name: str
    short_name: str
    side: str
    organisation_id: int | None
    position: int


class FinancierIn(In):
    __model__ = Financier

    name: str
    short_name: str = ""
    side: FinancierSide = FinancierSide.OTHER
    organisation_id: int | None = None
    position: int = 0


class ShareIO(Schema):
    financier_id: int
    amount: Decimal


class ShareIn(In):
    __model__ = FinancingShare

    financier_id: int
    amount: Decimal


class LineOut(Schema):
    id: int
    name: str
    managed_object_id: int | None
    amount: Decimal | None
    joint_function: bool
    invoiced: bool
    spread_method: str
    population_date: dt.date | None
    accept_earlier: bool
    actual_amount: Decimal | None
    vat_category: str
    vat_rate: Decimal
    note: str
    version: int
    shares: list[ShareIO] = []
    financing: Decimal | None = None
    difference: Decimal | None = None
    problem: str = ""


class LineIn(In):
    __model__ = BudgetLine

    name: str
    amount: Decimal | None = None
    managed_object_id: int | None = None
    joint_function: bool = False
    invoiced: bool = False
    spread_method: SpreadMethod = SpreadMethod.PER_CAPITA
    population_date: dt.date | None = None
    accept_earlier: bool = False
    actual_amount: Decimal | None = None
    vat_category: VatCategory = VatCategory.OUTSIDE_SCOPE
    vat_rate: Decimal = Decimal("0")
    note: str = ""
    shares: list[ShareIn] | None = None


LinePatch = patch_of(LineIn)


class TotalOut(Schema):
    financier_id: int
    name: str
    amount: Decimal


class CheckOut(Schema):
    label: str
    stated: Decimal
    computed: Decimal
    difference: Decimal
    explanation: list[list[str]]


class BudgetOut(Schema):
    id: int
    year: int
    title: str
    deadline: dt.date
    warning_days: int
    decision_reference: str
    decided_on: dt.date | None
    seller_id: int | None
    buyer_id: int | None
    buyer_reference: str
    bankgiro: str
    note: str
    version: int


class BudgetDetailOut(BudgetOut):
    lines: list[LineOut]
    totals: list[TotalOut]
    amount_total: Decimal
    financing_total: Decimal
    difference: Decimal
    flagged: int
    checks: list[CheckOut]


class BudgetIn(In):
    __model__ = Budget

    year: Year
    title: str = ""
    deadline: dt.date | None = None
    warning_days: int = 30
    decision_reference: str = ""
    decided_on: dt.date | None = None
    seller_id: int | None = None
    buyer_id: int | None = None
    buyer_reference: str = ""
    bankgiro: str = ""
    note: str = ""


BudgetPatch = patch_of(BudgetIn, exclude={"year"})


class SplitRowOut(Schema):
    municipality_id: int
    municipality: str
    weight: Decimal
    amount: Decimal
    figure_date: dt.date | None = None


class SplitOut(Schema):
    method: str
    base: Decimal
    region: Decimal | None
    reference_date: dt.date | None
    substitutes: list[str]
    rows: list[SplitRowOut]
    total: Decimal


class UserCountIn(In):
    __model__ = UserCount

    organisation_id: int
    users: int | None


class InvoiceLineOut(Schema):
    position: int
    description: str
    net_amount: Decimal
    vat_category: str
    vat_rate: Decimal
    budget_line_id: int | None


class InvoiceOut(Schema):
    id: int
    number: str
    kind: str
    year: int
    quarter: int
    seller_id: int
    buyer_id: int
    issue_date: dt.date
    due_date: dt.date
    period_start: dt.date
    period_end: dt.date
    buyer_reference: str
    note: str
    basis_note: str
    bankgiro: str
    plusgiro: str
    iban: str
    bic: str
    payment_reference: str
    payment_terms: str
    run_id: int | None
    credited_invoice_id: int | None
    net_amount: Decimal
    vat_amount: Decimal
    total_amount: Decimal
    lines: list[InvoiceLineOut]


class RunIn(In):
    year: Year
    quarter: Quarter


class RunOut(Schema):
    created: list[InvoiceOut]
    existing: list[InvoiceOut]
    run_id: int | None = None


class SettlementIn(In):
    year: Year


class CreditIn(In):
    reason: text_of(PartyRun, "reference")


class PaybackIn(In):
    __model__ = PartyRun

    amount: amount_of(FinancingShare, "amount")
    reference: str = ""


class CalendarOut(Schema):
    year: int
    deadline: dt.date
    warning_days: int
    status: str
    days_left: int
    message: str
    decision_reference: str


class LevyOut(Schema):
    rate: Decimal
    reference_date: dt.date
    population: int
    total: Decimal
    substitutes: list[str]
    rows: list[SplitRowOut]


class ScenarioIn(In):
    __model__ = Scenario

    name: str
    description: str = ""
    reference_date: dt.date
    accept_earlier: bool = False
    spread_method: SpreadMethod = SpreadMethod.PER_CAPITA


class AlternativeIn(In):
    __model__ = ScenarioAlternative

    name: str
    total_cost: Decimal


class ColumnOut(Schema):
    name: str
    total: Decimal
    region: Decimal
    municipalities: Decimal
    split: SplitOut


class ComparisonOut(Schema):
    scenario_id: int
    name: str
    columns: list[ColumnOut]


# --- what goes out ----------------------------------------------------------------------


def substitutes_out(figures) -> list[str]:
    """The earlier population figures a split used where the asked-for date was missing."""
    return [f"{f.municipality}: {f.population} ({f.reference_date.isoformat()})" for f in figures]


def rows_out(rows) -> list[dict]:
    return [
        {
            "municipality_id": r.municipality.pk,
            "municipality": r.municipality.name,
            "weight": r.weight,
            "amount": r.amount,
            "figure_date": r.figure.reference_date if r.figure else None,
        }
        for r in rows
    ]


def split_out(result) -> dict:
    return {
        "method": result.method,
        "base": result.base,
        "region": result.region,
        "reference_date": result.reference_date,
        "substitutes": substitutes_out(result.substitutes),
        "rows": rows_out(result.rows),
        "total": result.total,
    }


def line_out(line: BudgetLine, row=None) -> dict:
    data = LineOut.from_orm(line).dict()
    data["shares"] = [
        {"financier_id": s.financier_id, "amount": s.amount} for s in line.shares.all()
    ]
    if row is not None:
        data.update(financing=row.financing, difference=row.difference, problem=row.problem)
    return data


def budget_detail_out(budget: Budget) -> dict:
    o = budget_overview(budget)
    data = BudgetOut.from_orm(budget).dict()
    data.update(
        lines=[line_out(r.line, r) for r in o.rows],
        totals=[
            {"financier_id": f.pk, "name": f.name, "amount": t} for f, t in o.financier_pairs()
        ],
        amount_total=o.amount_total,
        financing_total=o.financing_total,
        difference=o.difference,
        flagged=len(o.flagged),
        checks=[
            {
                "label": c.stated.label,
                "stated": c.stated.amount,
                "computed": c.computed,
                "difference": c.difference,
                "explanation": c.explanation,
            }
            for c in o.checks
        ],
    )
    return data


def comparison_out(scenario: Scenario) -> dict:
    columns, _towns = scenario_comparison(scenario)
    return {
        "scenario_id": scenario.pk,
        "name": scenario.name,
        "columns": [
            {
                "name": c.name,
                "total": c.total,
                "region": c.region,
                "municipalities": c.municipalities,
                "split": split_out(c.split),
            }
            for c in columns
        ],
    }


def run_response(result) -> Status:
    """201 with what a run created; 200 with what already was (a run is idempotent)."""
    return Status(201 if result.created else 200, run_out(result))


def run_out(result) -> dict:
    return {
        "created": result.created,
        "existing": result.existing,
        "run_id": result.run.pk if result.run else None,
    }
