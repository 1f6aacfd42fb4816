"""Invoice pages (R-25, R-26): the list with the quarterly run and the settlement, an
invoice with its credit note, and the exports (Peppol UBL, PDF, Excel, SIE)."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.finance import excel, services
from gits.finance.forms import CreditForm, InvoiceRunForm, SettlementForm
from gits.finance.models import Budget, Invoice, PartySettings
from gits.finance.pdf import invoice_pdf
from gits.finance.peppol import invoice_ubl
from gits.finance.sie import sie_4i
from gits.finance.views.common import XLSX, download, reader, rights
from gits.organisations.models import Organisation


def _submit(form, run, *, done, again):
    """A form a page posts to a service: on success `done(result)` says what happened and
    where to go next; otherwise `again(form)` shows the page with the reason beside the
    field (status 400)."""
    if form.is_valid():
        result = call_service(form, lambda: run(**form.cleaned_data))
        if result is not None:
            return done(result)
    return again(form)


def quarter_to_invoice(today: dt.date, budget_years: set[int]) -> tuple[int, int]:
    """The quarter the run form proposes (R-25): the last quarter that has ended, in a year
    with a budget, without a live quarterly invoice, looking back two years; if every one is
    invoiced, the last ended quarter (the run then says it is already invoiced). One query."""
    year, quarter = (
        (today.year - 1, 4) if today.month <= 3 else (today.year, (today.month - 1) // 3)
    )
    invoiced = set(
        Invoice.objects.filter(
            kind=Invoice.Kind.QUARTERLY, year__gte=year - 2, credit_notes__isnull=True
        ).values_list("year", "quarter")
    )
    y, q = year, quarter
    for _step in range(8):
        if y in budget_years and (y, q) not in invoiced:
            return y, q
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    return year, quarter


def _asked_quarter(request) -> tuple[int, int] | None:
    """A quarter named in the address (`?ar=2025&kvartal=4`, the start page's link), if it
    is a real one; anything else is ignored and the page proposes its own."""
    form = InvoiceRunForm({"year": request.GET.get("ar"), "quarter": request.GET.get("kvartal")})
    if not form.is_valid():
        return None
    return form.cleaned_data["year"], form.cleaned_data["quarter"]


# Both forms on the page have a year: the settlement's fields get ids of their own.
SETTLE_ID = "settle_%s"


@reader
def invoices(request, run_form=None, settlement_form=None):
    today = dt.date.today()
    budget_years = set(Budget.objects.values_list("year", flat=True))
    year, last_quarter = _asked_quarter(request) or quarter_to_invoice(today, budget_years)
    qs = Invoice.objects.select_related("seller", "buyer", "credited_invoice").prefetch_related(
        "credit_notes"
    )
    return render(
        request,
        "finance/invoices.html",
        {
            "invoices": qs.order_by("-issue_date", "-serial")[:200],
            "run_form": run_form or InvoiceRunForm(initial={"year": year, "quarter": last_quarter}),
            "settlement_form": settlement_form
            or SettlementForm(initial={"year": today.year}, auto_id=SETTLE_ID),
            "years": sorted(budget_years, reverse=True),
            **rights(request.user),
        },
        status=400 if (run_form or settlement_form) else 200,
    )


def _confirm_run(request, form):
    """Issuing is irreversible: the run form asks first and says what follows (the quarter,
    the buyer, and that a mistake is put right with a credit note)."""
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    existing = Invoice.objects.filter(
        kind=Invoice.Kind.QUARTERLY, year=year, quarter=quarter, credit_notes__isnull=True
    ).select_related("buyer")
    return render(
        request,
        "finance/invoice_run_confirm.html",
        {"year": year, "quarter": quarter, "existing": list(existing)},
    )


@reader
@require_http_methods(["GET", "POST"])
def invoice_run(request):
    if request.method == "GET":
        asked = InvoiceRunForm(request.GET)
        if not asked.is_valid():
            return invoices(request, run_form=asked)
        return _confirm_run(request, asked)
    form = InvoiceRunForm(request.POST)

    def done(result):
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

    return _submit(
        form,
        lambda year, quarter: services.invoice_run(actor=request.user, year=year, quarter=quarter),
        done=done,
        again=lambda form: invoices(request, run_form=form),
    )


def _settled(request, result):
    invoice = (result.created or result.existing)[0]
    messages.success(
        request, _("Avräkningen för %(y)s: %(n)s.") % {"y": invoice.year, "n": invoice.number}
    )
    return redirect("finance:invoice", pk=invoice.pk)


@reader
@require_POST
def settlement_run(request):
    return _submit(
        SettlementForm(request.POST, auto_id=SETTLE_ID),
        lambda year: services.settlement_run(actor=request.user, year=year),
        done=lambda result: _settled(request, result),
        again=lambda form: invoices(request, settlement_form=form),
    )


def _invoice(pk):
    return get_object_or_404(
        Invoice.objects.select_related("seller", "buyer", "credited_invoice", "budget"), pk=pk
    )


@reader
def invoice_detail(request, pk, credit_form=None):
    invoice = _invoice(pk)
    shown = rights(request.user)
    return render(
        request,
        "finance/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "credit_notes": invoice.credit_notes.all(),
            "credit_form": credit_form or CreditForm(),
            "history": history_for(invoice) if shown["can_history"] else None,
            **shown,
        },
        status=400 if credit_form else 200,
    )


def _credited(request, invoice, credit):
    messages.success(
        request, _("Kreditnota %(c)s krediterar %(n)s.") % {"c": credit.number, "n": invoice.number}
    )
    return redirect("finance:invoice", pk=credit.pk)


@reader
@require_POST
def invoice_credit(request, pk):
    invoice = _invoice(pk)
    return _submit(
        CreditForm(request.POST),
        lambda reason: services.invoice_credit(actor=request.user, invoice=invoice, reason=reason),
        done=lambda credit: _credited(request, invoice, credit),
        again=lambda form: invoice_detail(request, pk, credit_form=form),
    )


@reader
def invoice_xml(request, pk):
    invoice = _invoice(pk)
    try:
        content = invoice_ubl(invoice)
    except DomainError as err:
        messages.error(request, str(err.message))
        return redirect("finance:invoice", pk=pk)
    return download(content, f"{invoice.number}.xml", "application/xml")


@reader
def invoice_pdf_view(request, pk):
    invoice = _invoice(pk)
    return download(invoice_pdf(invoice), f"{invoice.number}.pdf", "application/pdf")


@reader
def invoices_export(request):
    qs = Invoice.objects.select_related("seller", "buyer", "credited_invoice").order_by("serial")
    return download(excel.invoices_workbook(list(qs)), "fakturor.xlsx", XLSX)


@reader
def sie_export(request, year):
    """The year's vouchers of one invoicing party (?part=<id>; by default the region), with
    the accounts, cost centre and voucher series of its settings."""
    seller = _sie_seller(request.GET.get("part"))
    qs = list(
        Invoice.objects.filter(year=year, seller=seller)
        .select_related("seller", "buyer")
        .prefetch_related("lines__budget_line")
        .order_by("serial")
    )
    content = sie_4i(
        qs,
        company=seller.name if seller else "GITS",
        org_number=seller.org_number if seller else "",
        settings=PartySettings.objects.filter(organisation=seller).first() if seller else None,
    )
    return download(content, f"gits-{year}.si", "text/plain; charset=IBM437")


def _sie_seller(part: str | None) -> Organisation | None:
    if part and part.isdigit():
        return get_object_or_404(Organisation, pk=int(part))
    return Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("pk").first()
