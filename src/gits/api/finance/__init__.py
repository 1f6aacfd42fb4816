"""Money through the API: the same services, rules and rights as the web pages (R-22 to R-26).

Finance is for signed-in users: every endpoint needs a token, reads need the right to see
budgets. Amounts are decimal strings in kronor with öre ("1460000.00"), never floats. The
shapes in and out are in `schemas`."""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Router, Status

from gits.api.common import (
    ERRORS,
    AuditEntryOut,
    Year,
    created,
    get_or_404,
    history,
    objects_by_ids,
    resolve_ids,
)
from gits.api.finance.schemas import (
    AlternativeIn,
    BudgetDetailOut,
    BudgetIn,
    BudgetOut,
    BudgetPatch,
    CalendarOut,
    ComparisonOut,
    CreditIn,
    FinancierIn,
    FinancierOut,
    InvoiceOut,
    LevyOut,
    LineIn,
    LineOut,
    LinePatch,
    PaybackIn,
    RunIn,
    RunOut,
    ScenarioIn,
    SettlementIn,
    ShareIn,
    SplitOut,
    UserCountIn,
    budget_detail_out,
    comparison_out,
    line_out,
    rows_out,
    run_out,
    run_response,
    split_out,
    substitutes_out,
)
from gits.core.permissions import require
from gits.finance import services
from gits.finance.apps import VIEW
from gits.finance.models import (
    Budget,
    BudgetLine,
    Financier,
    FinancingShare,
    Invoice,
    Scenario,
)
from gits.finance.peppol import invoice_ubl
from gits.finance.selectors import budget_calendar, line_split, per_capita_levy
from gits.finance.selectors.invoices import invoice_filter
from gits.finance.sie import sie_of_year
from gits.organisations.models import Organisation

router = Router(tags=["Ekonomi"])


# --- what comes in ----------------------------------------------------------------------


def _shares(items: list[ShareIn] | None) -> dict[Financier, Decimal] | None:
    if items is None:
        return None
    ids = [i.financier_id for i in items]
    found = {f.pk: f for f in objects_by_ids(Financier.objects, ids, field="shares")}
    return {found[item.financier_id]: item.amount for item in items}


def _line_fields(data: dict) -> dict:
    from gits.portfolio.models import ManagedObject

    data.pop("shares", None)
    return resolve_ids(data, managed_object=ManagedObject)


def _invoices():
    return Invoice.objects.prefetch_related("lines")


# --- financiers and budgets -------------------------------------------------------------


@router.get("/finance/financiers", response={200: list[FinancierOut], **ERRORS})
def list_financiers(request):
    require(request.auth, VIEW)
    return list(Financier.objects.all())


@router.post("/finance/financiers", response={201: FinancierOut, **ERRORS})
def create_financier(request, payload: FinancierIn):
    return created(services.financier_create, request, payload, organisation=Organisation)


@router.get("/finance/calendar", response={200: CalendarOut, **ERRORS})
def get_calendar(request, today: dt.date | None = None):
    """Next year's budget deadline and whether to warn (R-24)."""
    require(request.auth, VIEW)
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
    require(request.auth, VIEW)
    return list(Budget.objects.order_by("-year"))


@router.get("/finance/budgets/{year}", response={200: BudgetDetailOut, **ERRORS})
def get_budget(request, year: Year):
    """The budget with every line's flag and difference and the computed totals (R-22)."""
    require(request.auth, VIEW)
    return budget_detail_out(get_or_404(Budget, year=year))


@router.post("/finance/budgets", response={201: BudgetOut, **ERRORS})
def create_budget(request, payload: BudgetIn):
    data = payload.dict()
    for key in ("seller_id", "buyer_id"):
        if data[key] is None:  # none named: left to the service's default
            del data[key]
    data = resolve_ids(data, seller=Organisation, buyer=Organisation)
    return Status(201, services.budget_create(actor=request.auth, **data))


@router.patch("/finance/budgets/{year}", response={200: BudgetOut, **ERRORS})
def update_budget(request, year: Year, payload: BudgetPatch):
    budget = get_or_404(Budget, year=year)
    data = payload.changes(seller=Organisation, buyer=Organisation)
    return services.budget_update(actor=request.auth, budget=budget, **data)


@router.get("/finance/budgets/{year}/history", response={200: list[AuditEntryOut], **ERRORS})
def budget_history(request, year: Year):
    return history(request, get_or_404(Budget, year=year))


@router.post("/finance/budgets/{year}/lines", response={201: LineOut, **ERRORS})
def create_line(request, year: Year, payload: LineIn):
    budget = get_or_404(Budget, year=year)
    shares = _shares(payload.shares)
    line = services.line_create(
        actor=request.auth, budget=budget, shares=shares, **_line_fields(payload.dict())
    )
    return Status(201, line_out(line))


@router.patch("/finance/lines/{line_id}", response={200: LineOut, **ERRORS})
def update_line(request, line_id: int, payload: LinePatch):
    line = get_or_404(BudgetLine, pk=line_id)
    data = payload.changes()
    shares = _shares(payload.shares) if "shares" in data else None
    line = services.line_update(actor=request.auth, line=line, shares=shares, **_line_fields(data))
    return line_out(line)


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
    require(request.auth, VIEW)
    return split_out(line_split(_line_with_shares(line_id)))


@router.put("/finance/lines/{line_id}/users", response={200: LineOut, **ERRORS})
def set_users(request, line_id: int, payload: list[UserCountIn], version: int | None = None):
    """Replace the line's user counts. With `version` (the line's, as read), a change made
    since is refused with 409."""
    line = get_or_404(BudgetLine, pk=line_id)
    ids = [p.organisation_id for p in payload]
    orgs = {o.pk: o for o in objects_by_ids(Organisation.objects, ids, field="organisation_id")}
    counts = {orgs[item.organisation_id]: item.users for item in payload}
    services.user_counts_set(actor=request.auth, line=line, counts=counts, version=version)
    return line_out(_line_with_shares(line_id))


@router.post("/finance/lines/{line_id}/payback", response={201: RunOut, **ERRORS})
def payback(request, line_id: int, payload: PaybackIn):
    """Pay a line's surplus back to its financiers (R-26)."""
    result = services.payback_run(
        actor=request.auth,
        line=get_or_404(BudgetLine, pk=line_id),
        amount=payload.amount,
        reference=payload.reference,
    )
    return Status(201, run_out(result))


@router.get("/finance/levy", response={200: LevyOut, **ERRORS})
def get_levy(
    request, reference_date: dt.date, rate: Decimal = Decimal("6"), accept_earlier: bool = False
):
    """Rate kronor per inhabitant (seed 002: 6 kr per invånare)."""
    require(request.auth, VIEW)
    levy = per_capita_levy(rate, reference_date, accept_earlier=accept_earlier)
    return {
        "rate": levy.rate,
        "reference_date": levy.reference_date,
        "population": levy.population,
        "total": levy.total,
        "substitutes": substitutes_out(levy.substitutes),
        "rows": rows_out(levy.rows),
    }


# --- invoices ---------------------------------------------------------------------------


@router.get("/finance/invoices", response={200: list[InvoiceOut], **ERRORS})
def list_invoices(
    request,
    year: Year | None = None,
    kind: Invoice.Kind | None = None,
    buyer_id: int | None = None,
    number: str = "",
):
    """The invoices and credit notes, filtered as the invoice list is: the year of the period,
    the kind, the buyer and the number or its end."""
    require(request.auth, VIEW)
    condition = invoice_filter(year=year, kind=kind or "", buyer=buyer_id, number=number)
    return list(_invoices().filter(condition).order_by("serial"))


@router.get("/finance/invoices/{invoice_id}", response={200: InvoiceOut, **ERRORS})
def get_invoice(request, invoice_id: int):
    require(request.auth, VIEW)
    return get_or_404(_invoices(), pk=invoice_id)


@router.post("/finance/invoice-runs", response={200: RunOut, 201: RunOut, **ERRORS})
def run_invoices(request, payload: RunIn):
    """Invoice a quarter in arrears (R-25). 201 with the new invoice; 200 with the existing
    one when the period was already invoiced (idempotent)."""
    return run_response(
        services.invoice_run(actor=request.auth, year=payload.year, quarter=payload.quarter)
    )


@router.post("/finance/settlements", response={200: RunOut, 201: RunOut, **ERRORS})
def run_settlement(request, payload: SettlementIn):
    """The settlement after the third quarter (R-25)."""
    return run_response(services.settlement_run(actor=request.auth, year=payload.year))


@router.post("/finance/invoices/{invoice_id}/credit", response={201: InvoiceOut, **ERRORS})
def credit_invoice(request, invoice_id: int, payload: CreditIn):
    invoice = get_or_404(Invoice, pk=invoice_id)
    return Status(
        201, services.invoice_credit(actor=request.auth, invoice=invoice, reason=payload.reason)
    )


@router.get("/finance/invoices/{invoice_id}/ubl", response={200: None, **ERRORS})
def invoice_xml(request, invoice_id: int):
    """The invoice as Peppol BIS Billing 3.0 UBL XML."""
    require(request.auth, VIEW)
    invoice = get_or_404(
        Invoice.objects.select_related("seller", "buyer", "credited_invoice"), pk=invoice_id
    )
    return HttpResponse(invoice_ubl(invoice), content_type="application/xml")


@router.get("/finance/sie/{year}", response={200: None, **ERRORS})
def sie(request, year: Year, seller_id: int | None = None):
    """One invoicing party's invoices of the year as SIE 4I vouchers (code page 437), with
    the accounts, cost centre and voucher series of its settings; by default the region's."""
    require(request.auth, VIEW)
    seller = (
        get_or_404(Organisation, pk=seller_id)
        if seller_id
        else Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("pk").first()
    )
    content = sie_of_year(year, seller)
    return HttpResponse(content, content_type="text/plain; charset=IBM437")


# --- scenarios --------------------------------------------------------------------------


@router.post("/finance/scenarios", response={201: ComparisonOut, **ERRORS})
def create_scenario(request, payload: ScenarioIn):
    scenario = services.scenario_create(actor=request.auth, **payload.dict())
    return Status(201, comparison_out(scenario))


@router.post(
    "/finance/scenarios/{scenario_id}/alternatives", response={201: ComparisonOut, **ERRORS}
)
def add_alternative(request, scenario_id: int, payload: AlternativeIn):
    scenario = get_or_404(Scenario, pk=scenario_id)
    services.alternative_add(actor=request.auth, scenario=scenario, **payload.dict())
    return Status(201, comparison_out(Scenario.objects.get(pk=scenario_id)))


@router.get("/finance/scenarios/{scenario_id}", response={200: ComparisonOut, **ERRORS})
def get_scenario(request, scenario_id: int):
    """Each alternative's cost per party and per municipality, side by side."""
    require(request.auth, VIEW)
    return comparison_out(get_or_404(Scenario, pk=scenario_id))


# The parties' runs and settings, cost categories and the financing plan (gits.api.finance.parties).
from gits.api.finance import parties as _parties  # noqa: E402

router.add_router("", _parties.router)
