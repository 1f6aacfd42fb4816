"""Thin views: forms check shape, the services check the rules (R-22 to R-26)."""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.permissions import can, require
from gits.finance import excel, services
from gits.finance.apps import VIEW
from gits.finance.charts import bar_chart
from gits.finance.forms import (
    AlternativeForm,
    BudgetForm,
    BudgetImportForm,
    CreditForm,
    FinancierForm,
    InvoiceRunForm,
    LevyForm,
    LineForm,
    PaybackForm,
    ScenarioForm,
    SettlementForm,
    UserCountsForm,
)
from gits.finance.models import (
    Budget,
    BudgetLine,
    Financier,
    FinancingShare,
    Invoice,
    Scenario,
)
from gits.finance.pdf import invoice_pdf
from gits.finance.peppol import invoice_ubl
from gits.finance.selectors import (
    budget_calendar,
    budget_overview,
    budget_splits,
    line_split,
    municipalities,
    municipality_history,
    per_capita_levy,
    quarterly_plan,
    scenario_comparison,
)
from gits.finance.sie import sie_4i
from gits.organisations.models import Organisation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def reader(view):
    """Finance pages are for signed-in users holding the read right."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not can(request.user, VIEW):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rights(user) -> dict[str, bool]:
    return {
        "can_change": can(user, "finance.budget:change"),
        "can_run": can(user, "finance.invoice:run"),
        "can_credit": can(user, "finance.invoice:credit"),
        "can_scenario": can(user, "finance.scenario:change"),
        "can_history": can(user, "core.audit:view"),
    }


# --- overview and budgets ---------------------------------------------------------------


@reader
def overview(request):
    budgets = Budget.objects.prefetch_related(
        Prefetch("lines", queryset=BudgetLine.objects.prefetch_related("shares"))
    ).order_by("-year")
    rows = []
    for budget in budgets:
        amount = financing = Decimal("0")
        flagged = 0
        for line in budget.lines.all():
            share_sum = sum((s.amount for s in line.shares.all()), Decimal("0"))
            amount += line.amount or 0
            financing += share_sum
            if (line.amount or 0) != share_sum:
                flagged += 1
        rows.append(
            {"budget": budget, "amount": amount, "financing": financing, "flagged": flagged}
        )
    return render(
        request,
        "finance/overview.html",
        {"rows": rows, "calendar": budget_calendar(), **_rights(request.user)},
    )


def _budget_form_view(request, budget=None):
    initial = {"warning_days": 30}
    if budget is not None:
        initial = {f: getattr(budget, f) for f in services.BUDGET_FIELDS}
        initial.update(version=budget.version, seller=budget.seller_id, buyer=budget.buyer_id)
    form = BudgetForm(request.POST or None, initial=initial, editing=budget is not None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        if budget is None:
            year = data.pop("year")
            if data.get("seller") is None:
                data.pop("seller")
            if data.get("buyer") is None:
                data.pop("buyer")
            saved = call_service(
                form, lambda: services.budget_create(actor=request.user, year=year, **data)
            )
        else:
            saved = call_service(
                form,
                lambda: services.budget_update(
                    actor=request.user, budget=budget, version=version, **data
                ),
            )
        if saved is not None:
            messages.success(request, _("Budgeten för %(y)s har sparats.") % {"y": saved.year})
            return redirect("finance:budget", year=saved.year)
    return render(request, "finance/budget_form.html", {"form": form, "budget": budget})


@reader
def budget_create(request):
    return _budget_form_view(request)


@reader
def budget_edit(request, year):
    return _budget_form_view(request, get_object_or_404(Budget, year=year))


@reader
def budget_detail(request, year):
    budget = get_object_or_404(Budget.objects.select_related("seller", "buyer"), year=year)
    data = budget_overview(budget)
    by_object = [(r.line.name, r.line.amount or Decimal("0")) for r in data.rows]
    by_financier = [(str(f), t) for f, t in data.financier_pairs() if t]
    rights = _rights(request.user)
    return render(
        request,
        "finance/budget_detail.html",
        {
            "budget": budget,
            "o": data,
            "chart_objects": bar_chart(
                "chart-objects", _("Budget per rad %(y)s") % {"y": year}, by_object
            ),
            "chart_financiers": bar_chart(
                "chart-financiers",
                _("Finansiering per finansiär %(y)s") % {"y": year},
                by_financier,
            ),
            "by_object": by_object,
            "by_financier": by_financier,
            "plan": quarterly_plan(budget),
            "history": history_for(budget)[:30] if rights["can_history"] else None,
            **rights,
        },
    )


@reader
def budget_export(request, year):
    budget = get_object_or_404(Budget, year=year)
    splits, _refused = budget_splits(budget)
    content = excel.budget_workbook(budget_overview(budget), splits)
    return _download(content, f"budget-{year}.xlsx", XLSX)


@reader
def splits_export(request, year):
    budget = get_object_or_404(Budget, year=year)
    splits, _refused = budget_splits(budget)
    return _download(excel.splits_workbook(splits), f"fordelning-{year}.xlsx", XLSX)


@reader
def budget_splits_view(request, year):
    budget = get_object_or_404(Budget, year=year)
    splits, refused = budget_splits(budget)
    return render(
        request,
        "finance/budget_splits.html",
        {"budget": budget, "splits": splits, "refused": refused},
    )


@reader
def budget_import(request):
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        from gits.portfolio.models import ManagedObject

        objects = {o.short_name.lower(): o for o in ManagedObject.objects.all()}
        try:
            require(request.user, "finance.budget:change")
            parsed = excel.parse_budget_workbook(form.cleaned_data["file"].read(), objects=objects)
            budget = services.budget_import(
                actor=request.user,
                year=form.cleaned_data["year"],
                lines=parsed.lines,
                stated=parsed.stated,
                replace=form.cleaned_data["replace"],
            )
        except excel.BudgetImportRejected as err:
            problems = err.problems
            form.add_error(
                "file",
                _("Inget importerades: filen har %(n)s fel, se listan.") % {"n": len(problems)},
            )
        except DomainError as err:
            form.add_error(err.field if err.field in form.fields else None, str(err.message))
        else:
            messages.success(
                request,
                _("Budgeten för %(y)s är importerad med %(n)s rader.")
                % {"y": budget.year, "n": len(parsed.lines)},
            )
            return redirect("finance:budget", year=budget.year)
    return render(request, "finance/budget_import.html", {"form": form, "problems": problems})


# --- lines ------------------------------------------------------------------------------


def _line_form_view(request, budget, line=None):
    initial = {"spread_method": "per_capita", "vat_category": "O"}
    if line is not None:
        initial = {f: getattr(line, f) for f in services.LINE_FIELDS if f != "managed_object"}
        initial.update(managed_object=line.managed_object_id, version=line.version)
        for share in line.shares.all():
            initial[f"share_{share.financier_id}"] = share.amount
    form = LineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, shares = form.service_data()
        version = form.cleaned_data.get("version")
        if line is None:
            saved = call_service(
                form,
                lambda: services.line_create(
                    actor=request.user, budget=budget, shares=shares, **data
                ),
            )
        else:
            saved = call_service(
                form,
                lambda: services.line_update(
                    actor=request.user, line=line, version=version, shares=shares, **data
                ),
            )
        if saved is not None:
            row = next(
                r for r in budget_overview(budget, with_checks=False).rows if r.line.pk == saved.pk
            )
            if row.problem:
                messages.warning(
                    request,
                    _("Raden %(n)s är sparad men balanserar inte: %(p)s")
                    % {"n": saved.name, "p": row.problem},
                )
            else:
                messages.success(request, _("Raden %(n)s är sparad.") % {"n": saved.name})
            return redirect("finance:budget", year=budget.year)
    return render(request, "finance/line_form.html", {"form": form, "budget": budget, "line": line})


@reader
def line_create(request, year):
    return _line_form_view(request, get_object_or_404(Budget, year=year))


@reader
def line_edit(request, pk):
    line = get_object_or_404(
        BudgetLine.objects.select_related("budget").prefetch_related("shares"), pk=pk
    )
    return _line_form_view(request, line.budget, line)


@reader
@require_POST
def line_delete(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget"), pk=pk)
    year = line.budget.year
    try:
        services.line_delete(actor=request.user, line=line)
        messages.success(request, _("Raden %(n)s är borttagen.") % {"n": line.name})
    except DomainError as err:
        messages.error(request, str(err.message))
    return redirect("finance:budget", year=year)


@reader
def line_split_view(request, pk):
    line = get_object_or_404(
        BudgetLine.objects.select_related("budget", "managed_object").prefetch_related(
            Prefetch("shares", queryset=FinancingShare.objects.select_related("financier"))
        ),
        pk=pk,
    )
    result, error = None, None
    try:
        result = line_split(line)
    except DomainError as err:
        error = str(err.message)
    return render(
        request,
        "finance/line_split.html",
        {
            "line": line,
            "result": result,
            "error": error,
            "payback_form": PaybackForm(),
            **_rights(request.user),
        },
    )


@reader
def line_users(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget"), pk=pk)
    organisations = (
        list(Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("name"))
        + municipalities()
    )
    counts = dict(line.user_counts.values_list("organisation_id", "users"))
    form = UserCountsForm(
        request.POST or None,
        organisations=organisations,
        initial={f"org_{k}": v for k, v in counts.items()},
    )
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            lambda: services.user_counts_set(actor=request.user, line=line, counts=form.counts()),
        )
        if done is not None:
            messages.success(request, _("Antal användare för %(n)s är sparat.") % {"n": line.name})
            return redirect("finance:line_split", pk=line.pk)
    return render(request, "finance/line_users.html", {"form": form, "line": line})


@reader
@require_POST
def line_payback(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget"), pk=pk)
    form = PaybackForm(request.POST)
    if form.is_valid():
        try:
            result = services.payback_run(
                actor=request.user, line=line, amount=form.cleaned_data["amount"]
            )
            messages.success(
                request,
                _("%(n)s återbetalningar utfärdade, %(e)s fanns redan.")
                % {"n": len(result.created), "e": len(result.existing)},
            )
            return redirect("finance:invoices")
        except DomainError as err:
            messages.error(request, str(err.message))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("finance:line_split", pk=pk)


# --- financiers, levy, municipality -----------------------------------------------------


@reader
def financiers(request):
    form = FinancierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, lambda: services.financier_create(actor=request.user, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("Finansiären %(n)s är registrerad.") % {"n": saved.name})
            return redirect("finance:financiers")
    return render(
        request,
        "finance/financiers.html",
        {
            "financiers": Financier.objects.select_related("organisation"),
            "form": form,
            **_rights(request.user),
        },
    )


@reader
def levy(request):
    form = LevyForm(request.GET or None)
    result, error = None, None
    if form.is_bound and form.is_valid():
        try:
            result = per_capita_levy(
                form.cleaned_data["rate"],
                form.cleaned_data["reference_date"],
                accept_earlier=form.cleaned_data["accept_earlier"],
            )
        except DomainError as err:
            error = str(err.message)
            form.add_error("reference_date", error)
    return render(request, "finance/levy.html", {"form": form, "result": result, "error": error})


@reader
def municipality_view(request, pk):
    municipality = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.MUNICIPALITY)
    years, problems = municipality_history(municipality)
    items = [(str(y), a) for y, a in years]
    return render(
        request,
        "finance/municipality.html",
        {
            "municipality": municipality,
            "years": years,
            "problems": problems,
            "chart": bar_chart(
                "chart-municipality",
                _("%(m)s: andel av budgeten per år") % {"m": municipality.name},
                items,
            ),
            "municipalities": municipalities(),
        },
    )


# --- invoices ---------------------------------------------------------------------------


@reader
def invoices(request, run_form=None, settlement_form=None):
    today = dt.date.today()
    last_quarter = (today.month - 1) // 3
    year = today.year
    if last_quarter == 0:
        year, last_quarter = today.year - 1, 4
    qs = Invoice.objects.select_related("seller", "buyer", "credited_invoice").prefetch_related(
        "credit_notes"
    )
    return render(
        request,
        "finance/invoices.html",
        {
            "invoices": qs.order_by("-issue_date", "-serial")[:200],
            "run_form": run_form or InvoiceRunForm(initial={"year": year, "quarter": last_quarter}),
            "settlement_form": settlement_form or SettlementForm(initial={"year": today.year}),
            "years": sorted(set(Budget.objects.values_list("year", flat=True)), reverse=True),
            **_rights(request.user),
        },
        status=400 if (run_form or settlement_form) else 200,
    )


@reader
@require_POST
def invoice_run(request):
    form = InvoiceRunForm(request.POST)
    if form.is_valid():
        result = call_service(
            form,
            lambda: services.invoice_run(
                actor=request.user,
                year=form.cleaned_data["year"],
                quarter=form.cleaned_data["quarter"],
            ),
        )
        if result is not None:
            if result.created:
                messages.success(
                    request,
                    _("Faktura %(n)s är utfärdad för kvartal %(q)s %(y)s.")
                    % {
                        "n": result.created[0].number,
                        "q": form.cleaned_data["quarter"],
                        "y": form.cleaned_data["year"],
                    },
                )
            else:
                messages.info(
                    request,
                    _("Kvartalet var redan fakturerat (%(n)s); inget nytt skapades.")
                    % {"n": ", ".join(i.number for i in result.existing)},
                )
            return redirect("finance:invoices")
    return invoices(request, run_form=form)


@reader
@require_POST
def settlement_run(request):
    form = SettlementForm(request.POST)
    if form.is_valid():
        result = call_service(
            form,
            lambda: services.settlement_run(actor=request.user, year=form.cleaned_data["year"]),
        )
        if result is not None:
            invoice = (result.created or result.existing)[0]
            messages.success(
                request,
                _("Avräkningen för %(y)s: %(n)s.") % {"y": invoice.year, "n": invoice.number},
            )
            return redirect("finance:invoice", pk=invoice.pk)
    return invoices(request, settlement_form=form)


def _invoice(pk):
    return get_object_or_404(
        Invoice.objects.select_related("seller", "buyer", "credited_invoice", "budget"), pk=pk
    )


@reader
def invoice_detail(request, pk, credit_form=None):
    invoice = _invoice(pk)
    rights = _rights(request.user)
    return render(
        request,
        "finance/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "credit_notes": invoice.credit_notes.all(),
            "credit_form": credit_form or CreditForm(),
            "history": history_for(invoice) if rights["can_history"] else None,
            **rights,
        },
        status=400 if credit_form else 200,
    )


@reader
@require_POST
def invoice_credit(request, pk):
    invoice = _invoice(pk)
    form = CreditForm(request.POST)
    if form.is_valid():
        credit = call_service(
            form,
            lambda: services.invoice_credit(
                actor=request.user, invoice=invoice, reason=form.cleaned_data["reason"]
            ),
        )
        if credit is not None:
            messages.success(
                request,
                _("Kreditnota %(c)s krediterar %(n)s.") % {"c": credit.number, "n": invoice.number},
            )
            return redirect("finance:invoice", pk=credit.pk)
    return invoice_detail(request, pk, credit_form=form)


@reader
def invoice_xml(request, pk):
    invoice = _invoice(pk)
    try:
        content = invoice_ubl(invoice)
    except DomainError as err:
        messages.error(request, str(err.message))
        return redirect("finance:invoice", pk=pk)
    return _download(content, f"{invoice.number}.xml", "application/xml")


@reader
def invoice_pdf_view(request, pk):
    invoice = _invoice(pk)
    return _download(invoice_pdf(invoice), f"{invoice.number}.pdf", "application/pdf")


@reader
def invoices_export(request):
    qs = Invoice.objects.select_related("seller", "buyer", "credited_invoice").order_by("serial")
    return _download(excel.invoices_workbook(list(qs)), "fakturor.xlsx", XLSX)


@reader
def sie_export(request, year):
    qs = list(
        Invoice.objects.filter(year=year)
        .select_related("seller", "buyer")
        .prefetch_related("lines__budget_line")
        .order_by("serial")
    )
    seller = qs[0].seller if qs else Organisation.objects.filter(kind="region").first()
    content = sie_4i(
        qs,
        company=seller.name if seller else "GITS",
        org_number=seller.org_number if seller else "",
    )
    return _download(content, f"gits-{year}.si", "text/plain; charset=IBM437")


# --- scenarios --------------------------------------------------------------------------


@reader
def scenarios(request):
    form = ScenarioForm(
        request.POST or None,
        initial={
            "reference_date": dt.date(dt.date.today().year - 2, 12, 31),
            "spread_method": "per_capita",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        saved = call_service(form, lambda: services.scenario_create(actor=request.user, **data))
        if saved is not None:
            messages.success(request, _("Scenariot %(n)s är upprättat.") % {"n": saved.name})
            return redirect("finance:scenario", pk=saved.pk)
    return render(
        request,
        "finance/scenarios.html",
        {
            "scenarios": Scenario.objects.prefetch_related("alternatives"),
            "form": form,
            **_rights(request.user),
        },
    )


@reader
def scenario_detail(request, pk):
    scenario = get_object_or_404(Scenario.objects.prefetch_related("alternatives"), pk=pk)
    form = AlternativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.alternative_add(
                actor=request.user, scenario=scenario, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Alternativet %(n)s är tillagt.") % {"n": saved.name})
            return redirect("finance:scenario", pk=pk)
    columns, error = [], None
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
    rights = _rights(request.user)
    return render(
        request,
        "finance/scenario_detail.html",
        {
            "scenario": scenario,
            "columns": columns,
            "rows": rows,
            "substitutes": substitutes,
            "error": error,
            "form": form,
            "history": history_for(scenario) if rights["can_history"] else None,
            **rights,
        },
    )
