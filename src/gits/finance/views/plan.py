"""Pages for the long view of money: the multi-year financing plan with the years side by side
(seed 001), and budget and outcome per cost category of a line and of a budget (seed 002)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.formviews import form_page
from gits.finance import services
from gits.finance.models import Budget, BudgetLine
from gits.finance.overviews import category_summary, financing_plan
from gits.finance.party_forms import LineCategoriesForm, PlanYearsForm
from gits.finance.views.common import reader, rights


@reader
def financing_plan_view(request):
    form = PlanYearsForm(request.GET or None)
    first = last = None
    if form.is_bound and form.is_valid():
        first, last = form.cleaned_data["first"], form.cleaned_data["last"]
    return render(
        request,
        "finance/financing_plan.html",
        {"form": form, "plan": financing_plan(first, last), **rights(request.user)},
    )


@reader
def budget_categories(request, year):
    budget = get_object_or_404(Budget, year=year)
    return render(
        request,
        "finance/budget_categories.html",
        {"budget": budget, "summary": category_summary(budget), **rights(request.user)},
    )


@reader
def line_categories(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget"), pk=pk)
    initial = {"version": line.version}
    for c in line.categories.all():
        initial[f"budget_{c.category}"] = c.budget
        initial[f"outcome_{c.category}"] = c.outcome
    form = LineCategoriesForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="finance/line_categories.html",
        save=lambda _data, version: services.line_categories_set(
            actor=request.user, line=line, rows=form.rows(), version=version
        ),
        success=_("Kostnadsslagen för %(n)s är sparade.") % {"n": line.name},
        next_url=reverse("finance:budget_categories", args=[line.budget.year]),
        context={"line": line},
        error_status=400,
        right="finance.budget:change",
        refuse_to=reverse("finance:budget", args=[line.budget.year]),
    )
