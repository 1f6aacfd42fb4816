"""Money per party through the API, with the same services, rules and rights as the pages:
invoicing each party (a levy per inhabitant, a share of a budget line, resuming a run), the
payment and accounting settings per party, the cost categories of a line and a budget, and
the multi-year financing plan. Amounts are decimal strings in kronor with öre."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Router, Schema, Status
from pydantic import Field

from gits.api.common import ERRORS, In, Year, filtered, get_or_404, resolve_ids
from gits.api.finance.schemas import RunOut, run_response
from gits.core.permissions import require
from gits.finance import services
from gits.finance.apps import VIEW
from gits.finance.models import (
    Budget,
    BudgetLine,
    LineCategory,
    PartyRun,
    PartySettings,
    VatCategory,
)
from gits.finance.overviews import (
    category_summary,
    financing_plan,
    parties_with_settings,
    run_overview,
)
from gits.organisations.models import Organisation

router = Router(tags=["Ekonomi per part"])


# --- schemas --------------------------------------------------------------------------------


class SettingsOut(Schema):
    organisation_id: int
    bankgiro: str
    plusgiro: str
    iban: str
    bic: str
    use_ocr: bool
    ocr_length_digit: bool
    payment_days: int
    payment_terms: str
    f_tax: bool
    buyer_reference: str
    receivable_account: str
    income_account: str
    vat_account: str
    payback_account: str
    cost_centre: str
    voucher_series: str
    version: int


class PartyOut(Schema):
    organisation_id: int
    name: str
    org_number: str
    kind: str
    settings: SettingsOut | None


class SettingsIn(In):
    __model__ = PartySettings

    version: int | None = None
    bankgiro: str | None = None
    plusgiro: str | None = None
    iban: str | None = None
    bic: str | None = None
    use_ocr: bool | None = None
    ocr_length_digit: bool | None = None
    payment_days: int | None = None
    payment_terms: str | None = None
    f_tax: bool | None = None
    buyer_reference: str | None = None
    receivable_account: str | None = None
    income_account: str | None = None
    vat_account: str | None = None
    payback_account: str | None = None
    cost_centre: str | None = None
    voucher_series: str | None = None


class LevyRunIn(In):
    __model__ = PartyRun

    title: str
    rate: Decimal
    year: Year
    reference_date: dt.date
    accept_earlier: bool = False
    quarter: Annotated[int, Field(ge=0, le=4)] = 0
    reference: str = ""
    seller_id: int | None = None
    vat_category: VatCategory = VatCategory.OUTSIDE_SCOPE
    vat_rate: Decimal = Decimal("0")


class ShareRunIn(In):
    __model__ = PartyRun

    line_id: int
    quarter: Annotated[int, Field(ge=0, le=4)] = 0
    reference: str = ""


class RunShareOut(Schema):
    party_id: int
    party: str
    amount: Decimal
    basis: str
    invoice_id: int | None
    invoice_number: str | None


# A run's own fields; PartyRunOut adds what it has issued to each party.
class PartyRunFields(Schema):
    id: int
    kind: str
    title: str
    reference: str
    year: int
    period_start: dt.date
    period_end: dt.date
    seller_id: int
    line_id: int | None
    rate: Decimal | None
    amount: Decimal
    method: str
    reference_date: dt.date | None
    accept_earlier: bool
    vat_category: str
    vat_rate: Decimal


class PartyRunOut(PartyRunFields):
    issued: int
    missing: int
    shares: list[RunShareOut] = []


class CategoryIn(In):
    __model__ = LineCategory

    category: str
    budget: Decimal | None = None
    outcome: Decimal | None = None


class CategoryOut(Schema):
    category: str
    label: str
    budget: Decimal
    outcome: Decimal | None


class CategoryTotalOut(Schema):
    label: str
    budget: Decimal
    outcome: Decimal
    difference: Decimal


class CategoryLineOut(Schema):
    line_id: int
    name: str
    amount: Decimal | None
    budget: Decimal
    outcome: Decimal | None
    difference: Decimal
    categories: list[CategoryOut]


class BudgetCategoriesOut(Schema):
    year: int
    totals: list[CategoryTotalOut]
    lines: list[CategoryLineOut]


class PlanRowOut(Schema):
    name: str
    amounts: list[Decimal | None]


class PlanSumOut(Schema):
    name: str
    amounts: list[Decimal]


class FinancingPlanOut(Schema):
    years: list[int]
    rows: list[PlanRowOut]
    financiers: list[PlanSumOut]
    sides: list[PlanSumOut]
    totals: list[Decimal]
    unfinanced: list[Decimal]


# --- what goes out ----------------------------------------------------------------------------


def _run_out(run: PartyRun) -> dict:
    overview = run_overview(run)
    return {
        **PartyRunFields.from_orm(run).dict(),
        "issued": overview.issued,
        "missing": overview.missing,
        "shares": [
            {
                "party_id": r.party.pk,
                "party": r.party.name,
                "amount": r.amount,
                "basis": r.basis,
                "invoice_id": r.invoice.pk if r.invoice else None,
                "invoice_number": r.invoice.number if r.invoice else None,
            }
            for r in overview.rows
        ],
    }


def _categories_out(line: BudgetLine) -> list[dict]:
    return [
        {
            "category": c.category,
            "label": c.get_category_display(),
            "budget": c.budget,
            "outcome": c.outcome,
        }
        for c in LineCategory.objects.filter(line=line)
    ]


# --- settings per party -------------------------------------------------------------------------


@router.get("/finance/parties", response={200: list[PartyOut], **ERRORS})
def list_parties(request):
    """The parties with their payment and accounting settings (None where none are set)."""
    require(request.auth, VIEW)
    return [
        {
            "organisation_id": org.pk,
            "name": org.name,
            "org_number": org.org_number,
            "kind": org.kind,
            "settings": settings,
        }
        for org, settings in parties_with_settings()
    ]


@router.get(
    "/finance/parties/{int:organisation_id}/settings", response={200: SettingsOut, **ERRORS}
)
def get_settings(request, organisation_id: int):
    require(request.auth, VIEW)
    return get_or_404(PartySettings, organisation_id=organisation_id)


@router.put(
    "/finance/parties/{int:organisation_id}/settings",
    response={200: SettingsOut, 201: SettingsOut, **ERRORS},
)
def put_settings(request, organisation_id: int, payload: SettingsIn):
    """Set the party's payment details, terms, buyer's reference and accounting settings
    (created the first time: 201; changed after that with the version read: 200)."""
    organisation = get_or_404(Organisation, pk=organisation_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    existed = PartySettings.objects.filter(organisation=organisation).exists()
    saved = services.party_settings_save(
        actor=request.auth, organisation=organisation, version=version, **data
    )
    return Status(200 if existed else 201, saved)


# --- runs to each party ---------------------------------------------------------------------------


@router.get("/finance/party-runs", response={200: list[PartyRunOut], **ERRORS})
def list_runs(request, year: Year | None = None):
    require(request.auth, VIEW)
    runs = filtered(PartyRun.objects.order_by("-created_at", "-pk"), year=year)
    return [_run_out(r) for r in runs[:100]]


@router.get("/finance/party-runs/{int:run_id}", response={200: PartyRunOut, **ERRORS})
def get_run(request, run_id: int):
    """A run's parties, each with its amount, basis (population and date) and invoice."""
    require(request.auth, VIEW)
    return _run_out(get_or_404(PartyRun, pk=run_id))


@router.post("/finance/party-runs/levy", response={200: RunOut, 201: RunOut, **ERRORS})
def run_levy(request, payload: LevyRunIn):
    """Invoice each municipality rate kronor per inhabitant for the year (quarter 0) or a
    quarter: one invoice each, showing its population and date. 201 with what was created,
    200 when everything already was (idempotent; an interrupted run is resumed)."""
    data = resolve_ids(payload.dict(), seller=Organisation)
    return run_response(services.levy_run(actor=request.auth, **data))


@router.post("/finance/party-runs/share", response={200: RunOut, 201: RunOut, **ERRORS})
def run_share(request, payload: ShareRunIn):
    """Invoice each financing party its share of a budget line (the municipalities' share
    spread across them by the line's method)."""
    line = get_or_404(BudgetLine, pk=payload.line_id)
    return run_response(
        services.share_run(
            actor=request.auth, line=line, quarter=payload.quarter, reference=payload.reference
        )
    )


@router.post(
    "/finance/party-runs/{int:run_id}/resume", response={200: RunOut, 201: RunOut, **ERRORS}
)
def resume_run(request, run_id: int):
    return run_response(
        services.run_resume(actor=request.auth, run=get_or_404(PartyRun, pk=run_id))
    )


# --- cost categories and the financing plan ------------------------------------------------------


@router.get("/finance/lines/{int:line_id}/categories", response={200: list[CategoryOut], **ERRORS})
def get_line_categories(request, line_id: int):
    require(request.auth, VIEW)
    return _categories_out(get_or_404(BudgetLine, pk=line_id))


@router.put("/finance/lines/{int:line_id}/categories", response={200: list[CategoryOut], **ERRORS})
def put_line_categories(
    request, line_id: int, payload: list[CategoryIn], version: int | None = None
):
    """Replace the line's budget and outcome per cost category (salaries, premises,
    training, equipment, other). With `version` (the line's, as read), a change made since
    is refused with 409."""
    line = get_or_404(BudgetLine, pk=line_id)
    services.line_categories_set(
        actor=request.auth,
        line=line,
        rows={item.category: (item.budget, item.outcome) for item in payload},
        version=version,
    )
    return _categories_out(line)


@router.get("/finance/budgets/{int:year}/categories", response={200: BudgetCategoriesOut, **ERRORS})
def get_budget_categories(request, year: Year):
    require(request.auth, VIEW)
    summary = category_summary(get_or_404(Budget, year=year))
    return {
        "year": year,
        "totals": [
            {"label": label, "budget": b, "outcome": o, "difference": d}
            for label, b, o, d in summary.totals()
        ],
        "lines": [
            {
                "line_id": row.line.pk,
                "name": row.line.name,
                "amount": row.line.amount,
                "budget": row.budget,
                "outcome": row.outcome,
                "difference": row.difference,
                "categories": _categories_out(row.line),
            }
            for row in summary.lines
        ],
    }


@router.get("/finance/financing-plan", response={200: FinancingPlanOut, **ERRORS})
def get_financing_plan(request, first: int | None = None, last: int | None = None):
    """The budget years side by side: lines, financiers, sides and what is not financed."""
    require(request.auth, VIEW)
    plan = financing_plan(first, last)
    return {
        "years": plan.years,
        "rows": [{"name": r.name, "amounts": r.amounts} for r in plan.rows],
        "financiers": [{"name": f.name, "amounts": a} for f, a in plan.financiers],
        "sides": [{"name": s, "amounts": a} for s, a in plan.sides],
        "totals": plan.totals,
        "unfinanced": plan.unfinanced,
    }
