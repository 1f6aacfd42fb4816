"""Budget pages (R-22, R-24): the overview, a year's budget with its exports and splits,
the import from Excel, the financiers, the per-capita levy and a municipality's years."""

from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.formviews import form_page, import_page, initial_from
from gits.core.permissions import require
from gits.core.uploads import MB, XLSX_TYPES, read_upload
from gits.finance import excel, services
from gits.finance.charts import bar_chart
from gits.finance.forms import BudgetForm, BudgetImportForm, FinancierForm, LevyForm
from gits.finance.models import Budget, BudgetLine, Financier
from gits.finance.selectors import (
    budget_calendar,
    budget_overview,
    budget_splits,
    municipalities,
    municipality_history,
    per_capita_levy,
    quarterly_plan,
)
from gits.finance.views.common import XLSX, download, reader, rights
from gits.organisations.models import Organisation


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
        {"rows": rows, "calendar": budget_calendar(), **rights(request.user)},
    )


@reader
def budget_form(request, year=None):
    """Open the budget of a year, or (with a year) change it."""
    budget = None if year is None else get_object_or_404(Budget, year=year)
    form = BudgetForm(
        request.POST or None,
        initial=initial_from(budget, services.BUDGET_FIELDS) or {"warning_days": 30},
        editing=budget is not None,
    )

    def save(data, version):
        if budget is not None:
            return services.budget_update(
                actor=request.user, budget=budget, version=version, **data
            )
        # A party left empty is the default one.
        data = {k: v for k, v in data.items() if v is not None or k not in ("seller", "buyer")}
        return services.budget_create(actor=request.user, **data)

    return form_page(
        request,
        form,
        template="finance/budget_form.html",
        save=save,
        success=lambda saved: _("Budgeten för %(y)s har sparats.") % {"y": saved.year},
        next_url=lambda saved: reverse("finance:budget", args=[saved.year]),
        context={"budget": budget},
        right="finance.budget:change",
        refuse_to=reverse("finance:budget", args=[year]) if budget else reverse("finance:overview"),
    )


@reader
def budget_detail(request, year):
    budget = get_object_or_404(Budget.objects.select_related("seller", "buyer"), year=year)
    data = budget_overview(budget)
    by_object = [(r.line.name, r.line.amount or Decimal("0")) for r in data.rows]
    by_financier = [(str(f), t) for f, t in data.financier_pairs() if t]
    shown = rights(request.user)
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
            "history": history_for(budget)[:30] if shown["can_history"] else None,
            **shown,
        },
    )


@reader
def budget_export(request, year):
    budget = get_object_or_404(Budget, year=year)
    splits, _refused = budget_splits(budget)
    content = excel.budget_workbook(budget_overview(budget), splits)
    return download(content, f"budget-{year}.xlsx", XLSX)


@reader
def splits_export(request, year):
    budget = get_object_or_404(Budget, year=year)
    splits, _refused = budget_splits(budget)
    return download(excel.splits_workbook(splits), f"fordelning-{year}.xlsx", XLSX)


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
    def run(data):
        require(request.user, "finance.budget:change")
        return excel.budget_import_workbook(
            actor=request.user,
            year=data["year"],
            # An .xlsx of at most 10 MB, read no further (gits.core.uploads).
            data=read_upload(data["file"], types=XLSX_TYPES, max_bytes=10 * MB),
            replace=data["replace"],
        )

    return import_page(
        request,
        BudgetImportForm(request.POST or None, request.FILES or None),
        template="finance/budget_import.html",
        run=run,
        rejected=excel.BudgetImportRejected,
        success=lambda imported: (
            _("Budgeten för %(y)s är importerad med %(n)s rader.")
            % {"y": imported[0].year, "n": imported[1]}
        ),
        next_url=lambda imported: reverse("finance:budget", args=[imported[0].year]),
    )


# --- financiers, levy, municipality -----------------------------------------------------


@reader
def financiers(request):
    return form_page(
        request,
        FinancierForm(request.POST or None),
        template="finance/financiers.html",
        save=lambda data, _version: services.financier_create(actor=request.user, **data),
        success=lambda saved: _("Finansiären %(n)s är registrerad.") % {"n": saved.name},
        next_url="finance:financiers",
        context={
            "financiers": Financier.objects.select_related("organisation"),
            **rights(request.user),
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
