"""Budget line pages (R-22, R-23, R-26): a line with its financing shares, its split across
the municipalities, its users per organisation and the payback of a surplus."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.formviews import form_page, initial_from, post_action
from gits.finance import services
from gits.finance.forms import LineForm, PaybackForm, UserCountsForm
from gits.finance.models import Budget, BudgetLine, FinancingShare
from gits.finance.selectors import budget_overview, line_split, municipalities
from gits.finance.services.party_plans import payback_plan
from gits.finance.views.common import confirm_issue, reader, rights
from gits.finance.views.parties import run_follows
from gits.organisations.models import Organisation


def _line_saved(request, budget, saved):
    """Say the line is saved, warning when its financing does not balance (R-22)."""
    row = next(r for r in budget_overview(budget, with_checks=False).rows if r.line.pk == saved.pk)
    if row.problem:
        messages.warning(
            request,
            _("Raden %(n)s är sparad men balanserar inte: %(p)s")
            % {"n": saved.name, "p": row.problem},
        )
    else:
        messages.success(request, _("Raden %(n)s är sparad.") % {"n": saved.name})


def _line_form_view(request, budget, line=None):
    initial = {"spread_method": "per_capita", "vat_category": "O"}
    if line is not None:
        initial = initial_from(line, services.LINE_FIELDS) or {}
        initial.update({f"share_{s.financier_id}": s.amount for s in line.shares.all()})
    form = LineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, shares = form.service_data()
        if line is None:
            target = {"budget": budget}
            save = services.line_create
        else:
            target = {"line": line, "version": form.cleaned_data.get("version")}
            save = services.line_update
        saved = call_service(
            form, lambda: save(actor=request.user, shares=shares, **target, **data)
        )
        if saved is not None:
            _line_saved(request, budget, saved)
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
    return post_action(
        request,
        lambda: services.line_delete(actor=request.user, line=line),
        success=_("Raden %(n)s är borttagen.") % {"n": line.name},
        next_url=reverse("finance:budget", args=[line.budget.year]),
    )


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
            **rights(request.user),
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
        initial={"version": line.version, **{f"org_{k}": v for k, v in counts.items()}},
    )
    return form_page(
        request,
        form,
        template="finance/line_users.html",
        save=lambda _data, version: services.user_counts_set(
            actor=request.user, line=line, counts=form.counts(), version=version
        ),
        success=_("Antal användare för %(n)s är sparat.") % {"n": line.name},
        next_url=reverse("finance:line_split", args=[line.pk]),
        context={"line": line},
        error_status=400,
        right="finance.budget:change",
        refuse_to=reverse("finance:line_split", args=[line.pk]),
    )


def _confirm_payback(request, line, form):
    """Paying back issues numbered documents (R-26): the form asks first and says what
    follows; a refused plan goes back to the line with the reason."""
    back = reverse("finance:line_split", args=[line.pk])
    try:
        if line.budget.seller is None:
            raise DomainError(_("Budgeten saknar fakturerande part."), field="amount")
        planned = payback_plan(line, form.cleaned_data["amount"], seller=line.budget.seller)
        if not any(p.amount for p in planned):
            raise DomainError(_("Det finns inget att betala tillbaka."), field="amount")
    except DomainError as err:
        messages.error(request, str(err.message))
        return redirect(back)
    return confirm_issue(
        request,
        form,
        title=_("Betala tillbaka överskott: %(n)s %(y)s") % {"n": line.name, "y": line.budget.year},
        follows=[
            _(
                "Överskottet fördelas på radens finansiärer efter deras andelar; kommunkollektivets del fördelas på kommunerna enligt radens metod."
            ),
            *run_follows(planned, period=str(line.budget.year), payback=True),
        ],
        action=reverse("finance:line_payback", args=[line.pk]),
        button=_("Ja, utfärda återbetalningarna"),
        cancel=back,
        progress=_("Utfärdar en återbetalning per part …"),
    )


@reader
@require_http_methods(["GET", "POST"])
def line_payback(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("budget__seller"), pk=pk)
    form = PaybackForm(request.POST if request.method == "POST" else request.GET)
    if form.is_valid():
        if request.method == "GET":
            return _confirm_payback(request, line, form)
        try:
            result = services.payback_run(
                actor=request.user,
                line=line,
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
            )
            messages.success(
                request,
                _("%(n)s återbetalningar utfärdade, %(e)s fanns redan.")
                % {"n": len(result.created), "e": len(result.existing)},
            )
            return redirect("finance:party_run", pk=result.run.pk)
        except DomainError as err:
            messages.error(request, str(err.message))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("finance:line_split", pk=pk)
