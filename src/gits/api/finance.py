"""Money through the API: the same services, rules and rights as the web pages (R-22 to R-26).

Finance is for signed-in users: every endpoint needs a token, reads need the right to see
budgets. Amounts are decimal strings in kronor with öre ("1460000.00"), never floats."""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Router, Schema, Status

from gits.api.common import ERRORS, AuditEntryOut, get_or_404, history
from gits.core.permissions import require
from gits.finance import services
from gits.finance.apps import VIEW
from gits.finance.models import (
    Budget,
    BudgetLine,
    Financier,
    FinancierSide,
    FinancingShare,
    Invoice,
    Scenario,
    SpreadMethod,
    VatCategory,
)
from gits.finance.peppol import invoice_ubl
from gits.finance.selectors import (
    budget_calendar,
    budget_overview,
    line_split,
    per_capita_levy,
    scenario_comparison,
)
from gits.finance.sie import sie_4i
from gits.organisations.models import Organisation

router = Router(tags=["Ekonomi"])


def _read(request) -> None:
    require(request.auth, VIEW)


# --- schemas ----------------------------------------------------------------------------


class FinancierOut(Schema):
    id: int
    name: str
    short_name: str
    side: str
    organisation_id: int | None
    position: int


class FinancierIn(Schema):
    name: str
    short_name: str = ""
    side: FinancierSide = FinancierSide.OTHER
    organisation_id: int | None = None
    position: int = 0


class ShareIO(Schema):
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


class LineIn(Schema):
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
    shares: list[ShareIO] | None = None


class LinePatch(Schema):
    version: int
    name: str | None = None
    amount: Decimal | None = None
    managed_object_id: int | None = None
    joint_function: bool | None = None
    invoiced: bool | None = None
    spread_method: SpreadMethod | None = None
    population_date: dt.date | None = None
    accept_earlier: bool | None = None
    actual_amount: Decimal | None = None
    vat_category: VatCategory | None = None
    vat_rate: Decimal | None = None
    note: str | None = None
    shares: list[ShareIO] | None = None


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


class BudgetIn(Schema):
    year: int
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


class BudgetPatch(Schema):
    version: int
    title: str | None = None
    deadline: dt.date | None = None
    warning_days: int | None = None
    decision_reference: str | None = None
    decided_on: dt.date | None = None
    seller_id: int | None = None
    buyer_id: int | None = None
    buyer_reference: str | None = None
    bankgiro: str | None = None
    note: str | None = None


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


class UserCountIn(Schema):
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
    credited_invoice_id: int | None
    net_amount: Decimal
    vat_amount: Decimal
    total_amount: Decimal
    lines: list[InvoiceLineOut]

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())


class RunIn(Schema):
    year: int
    quarter: int


class RunOut(Schema):
    created: list[InvoiceOut]
    existing: list[InvoiceOut]


class SettlementIn(Schema):
    year: int


class CreditIn(Schema):
    reason: str


class PaybackIn(Schema):
    amount: Decimal


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


class ScenarioIn(Schema):
    name: str
    description: str = ""
    reference_date: dt.date
    accept_earlier: bool = False
    spread_method: SpreadMethod = SpreadMethod.PER_CAPITA


class AlternativeIn(Schema):
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


# --- helpers ----------------------------------------------------------------------------


def _shares(items: list[ShareIO] | None) -> dict[Financier, Decimal] | None:
    if items is None:
        return None
    found = {f.pk: f for f in Financier.objects.filter(pk__in=[i.financier_id for i in items])}
    result = {}
    for item in items:
        if item.financier_id not in found:
            get_or_404(Financier, pk=item.financier_id)
        result[found[item.financier_id]] = item.amount
    return result


def _line_fields(data: dict) -> dict:
    if "managed_object_id" in data:
        from gits.portfolio.models import ManagedObject

        oid = data.pop("managed_object_id")
        data["managed_object"] = get_or_404(ManagedObject, pk=oid) if oid else None
    return data


def _line_out(line: BudgetLine, row=None) -> dict:
    data = LineOut.from_orm(line).dict()
    data["shares"] = [
        {"financier_id": s.financier_id, "amount": s.amount} for s in line.shares.all()
    ]
    if row is not None:
        data.update(financing=row.financing, difference=row.difference, problem=row.problem)
    return data


def _budget_detail(budget: Budget) -> dict:
    o = budget_overview(budget)
    data = BudgetOut.from_orm(budget).dict()
    data.update(
        lines=[_line_out(r.line, r) for r in o.rows],
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


def _split_out(result) -> dict:
    return {
        "method": result.method,
        "base": result.base,
        "region": result.region,
        "reference_date": result.reference_date,
        "substitutes": [
            f"{f.municipality}: {f.population} ({f.reference_date.isoformat()})"
            for f in result.substitutes
        ],
        "rows": _rows_out(result.rows),
        "total": result.total,
    }


def _rows_out(rows) -> list[dict]:
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


def _org(oid):
    return get_or_404(Organisation, pk=oid) if oid else None


def _invoices():
    return Invoice.objects.prefetch_related("lines")


# --- financiers and budgets -------------------------------------------------------------


@router.get("/finance/financiers", response={200: list[FinancierOut], **ERRORS})
def list_financiers(request):
    _read(request)
    return list(Financier.objects.all())


@router.post("/finance/financiers", response={201: FinancierOut, **ERRORS})
def create_financier(request, payload: FinancierIn):
    data = payload.dict()
    data["organisation"] = _org(data.pop("organisation_id"))
    return Status(201, services.financier_create(actor=request.auth, **data))


@router.get("/finance/calendar", response={200: CalendarOut, **ERRORS})
def get_calendar(request, today: dt.date | None = None):
    """Next year's budget deadline and whether to warn (R-24)."""
    _read(request)
    c = budget_calendar(today)
    return {
        "year": c.year,
        "deadline": c.deadline,
        "warning_days": c.warning_days,
        "status": c.status,
        "days_left": c.days_left,
        "message": c.message,
        "decision_reference": c.budget.decision_reference if c.budget else "",
    }


@router.get("/finance/budgets", response={200: list[BudgetOut], **ERRORS})
def list_budgets(request):
    _read(request)
    return list(Budget.objects.order_by("-year"))


@router.get("/finance/budgets/{year}", response={200: BudgetDetailOut, **ERRORS})
def get_budget(request, year: int):
    """The budget with every line's flag and difference and the computed totals (R-22)."""
    _read(request)
    return _budget_detail(get_or_404(Budget, year=year))


@router.post("/finance/budgets", response={201: BudgetOut, **ERRORS})
def create_budget(request, payload: BudgetIn):
    data = payload.dict()
    year = data.pop("year")
    for key in ("seller", "buyer"):
        oid = data.pop(f"{key}_id")
        if oid:
            data[key] = _org(oid)
    return Status(201, services.budget_create(actor=request.auth, year=year, **data))


@router.patch("/finance/budgets/{year}", response={200: BudgetOut, **ERRORS})
def update_budget(request, year: int, payload: BudgetPatch):
    budget = get_or_404(Budget, year=year)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    for key in ("seller", "buyer"):
        if f"{key}_id" in data:
            data[key] = _org(data.pop(f"{key}_id"))
    return services.budget_update(actor=request.auth, budget=budget, version=version, **data)


@router.get("/finance/budgets/{year}/history", response={200: list[AuditEntryOut], **ERRORS})
def budget_history(request, year: int):
    return history(request, get_or_404(Budget, year=year))


@router.post("/finance/budgets/{year}/lines", response={201: LineOut, **ERRORS})
def create_line(request, year: int, payload: LineIn):
    budget = get_or_404(Budget, year=year)
    data = payload.dict()
    shares = _shares(payload.shares)
    data.pop("shares")
    line = services.line_create(
        actor=request.auth, budget=budget, shares=shares, **_line_fields(data)
    )
    return Status(201, _line_out(line))


@router.patch("/finance/lines/{line_id}", response={200: LineOut, **ERRORS})
def update_line(request, line_id: int, payload: LinePatch):
    line = get_or_404(BudgetLine, pk=line_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    shares = _shares(payload.shares) if "shares" in data else None
    data.pop("shares", None)
    line = services.line_update(
        actor=request.auth, line=line, version=version, shares=shares, **_line_fields(data)
    )
    return _line_out(line)


@router.delete("/finance/lines/{line_id}", response={204: None, **ERRORS})
def delete_line(request, line_id: int):
    services.line_delete(actor=request.auth, line=get_or_404(BudgetLine, pk=line_id))
    return Status(204, None)


def _line_with_shares(line_id: int) -> BudgetLine:
    return get_or_404(
        BudgetLine.objects.select_related("budget").prefetch_related(
            Prefetch("shares", queryset=FinancingShare.objects.select_related("financier"))
        ),
        pk=line_id,
    )


@router.get("/finance/lines/{line_id}/split", response={200: SplitOut, **ERRORS})
def get_line_split(request, line_id: int):
    """The municipal side's share spread across the municipalities (R-23, R-2)."""
    _read(request)
    return _split_out(line_split(_line_with_shares(line_id)))


@router.put("/finance/lines/{line_id}/users", response={200: LineOut, **ERRORS})
def set_users(request, line_id: int, payload: list[UserCountIn]):
    line = get_or_404(BudgetLine, pk=line_id)
    orgs = {
        o.pk: o for o in Organisation.objects.filter(pk__in=[p.organisation_id for p in payload])
    }
    counts = {}
    for item in payload:
        counts[orgs.get(item.organisation_id) or _org(item.organisation_id)] = item.users
    services.user_counts_set(actor=request.auth, line=line, counts=counts)
    return _line_out(_line_with_shares(line_id))


@router.post("/finance/lines/{line_id}/payback", response={201: RunOut, **ERRORS})
def payback(request, line_id: int, payload: PaybackIn):
    """Pay a line's surplus back to its financiers (R-26)."""
    result = services.payback_run(
        actor=request.auth, line=get_or_404(BudgetLine, pk=line_id), amount=payload.amount
    )
    return Status(201, {"created": result.created, "existing": result.existing})


@router.get("/finance/levy", response={200: LevyOut, **ERRORS})
def get_levy(
    request, reference_date: dt.date, rate: Decimal = Decimal("6"), accept_earlier: bool = False
):
    """Rate kronor per inhabitant (seed 002: 6 kr per invånare)."""
    _read(request)
    levy = per_capita_levy(rate, reference_date, accept_earlier=accept_earlier)
    return {
        "rate": levy.rate,
        "reference_date": levy.reference_date,
        "population": levy.population,
        "total": levy.total,
        "substitutes": [
            f"{f.municipality}: {f.population} ({f.reference_date.isoformat()})"
            for f in levy.substitutes
        ],
        "rows": _rows_out(levy.rows),
    }


# --- invoices ---------------------------------------------------------------------------


@router.get("/finance/invoices", response={200: list[InvoiceOut], **ERRORS})
def list_invoices(request, year: int | None = None):
    _read(request)
    qs = _invoices().order_by("serial")
    if year:
        qs = qs.filter(year=year)
    return list(qs)


@router.get("/finance/invoices/{invoice_id}", response={200: InvoiceOut, **ERRORS})
def get_invoice(request, invoice_id: int):
    _read(request)
    return get_or_404(_invoices(), pk=invoice_id)


@router.post("/finance/invoice-runs", response={200: RunOut, 201: RunOut, **ERRORS})
def run_invoices(request, payload: RunIn):
    """Invoice a quarter in arrears (R-25). 201 with the new invoice; 200 with the existing
    one when the period was already invoiced (idempotent)."""
    result = services.invoice_run(actor=request.auth, year=payload.year, quarter=payload.quarter)
    return Status(
        201 if result.created else 200, {"created": result.created, "existing": result.existing}
    )


@router.post("/finance/settlements", response={200: RunOut, 201: RunOut, **ERRORS})
def run_settlement(request, payload: SettlementIn):
    """The settlement after the third quarter (R-25)."""
    result = services.settlement_run(actor=request.auth, year=payload.year)
    return Status(
        201 if result.created else 200, {"created": result.created, "existing": result.existing}
    )


@router.post("/finance/invoices/{invoice_id}/credit", response={201: InvoiceOut, **ERRORS})
def credit_invoice(request, invoice_id: int, payload: CreditIn):
    invoice = get_or_404(Invoice, pk=invoice_id)
    return Status(
        201, services.invoice_credit(actor=request.auth, invoice=invoice, reason=payload.reason)
    )


@router.get("/finance/invoices/{invoice_id}/ubl", response={200: None, **ERRORS})
def invoice_xml(request, invoice_id: int):
    """The invoice as Peppol BIS Billing 3.0 UBL XML."""
    _read(request)
    invoice = get_or_404(
        Invoice.objects.select_related("seller", "buyer", "credited_invoice"), pk=invoice_id
    )
    return HttpResponse(invoice_ubl(invoice), content_type="application/xml")


@router.get("/finance/sie/{year}", response={200: None, **ERRORS})
def sie(request, year: int):
    """The year's invoices as SIE 4I vouchers (code page 437)."""
    _read(request)
    invoices = list(
        Invoice.objects.filter(year=year)
        .select_related("seller", "buyer")
        .prefetch_related("lines__budget_line")
        .order_by("serial")
    )
    seller = invoices[0].seller if invoices else None
    content = sie_4i(
        invoices,
        company=seller.name if seller else "GITS",
        org_number=seller.org_number if seller else "",
    )
    return HttpResponse(content, content_type="text/plain; charset=IBM437")


# --- scenarios --------------------------------------------------------------------------


@router.post("/finance/scenarios", response={201: ComparisonOut, **ERRORS})
def create_scenario(request, payload: ScenarioIn):
    scenario = services.scenario_create(actor=request.auth, **payload.dict())
    return Status(201, _comparison(scenario))


@router.post(
    "/finance/scenarios/{scenario_id}/alternatives", response={201: ComparisonOut, **ERRORS}
)
def add_alternative(request, scenario_id: int, payload: AlternativeIn):
    scenario = get_or_404(Scenario, pk=scenario_id)
    services.alternative_add(actor=request.auth, scenario=scenario, **payload.dict())
    return Status(201, _comparison(Scenario.objects.get(pk=scenario_id)))


@router.get("/finance/scenarios/{scenario_id}", response={200: ComparisonOut, **ERRORS})
def get_scenario(request, scenario_id: int):
    """Each alternative's cost per party and per municipality, side by side."""
    _read(request)
    return _comparison(get_or_404(Scenario, pk=scenario_id))


def _comparison(scenario: Scenario) -> dict:
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
                "split": _split_out(c.split),
            }
            for c in columns
        ],
    }
