"""Invoice pages (R-25, R-26): the list with the quarterly run and the settlement, an
invoice with its credit note, and the exports (Peppol UBL, PDF, Excel, SIE)."""

import datetime as dt
from functools import partial

from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gits.core.audit import history_for
from gits.core.confirm import Follows, Link, confirm_page, confirmed, posted_values
from gits.core.errors import DomainError
from gits.core.pagination import page_number, query_int, query_string
from gits.finance import excel, services
from gits.finance.formatting import kr
from gits.finance.forms import CreditForm, InvoiceRunForm, SettlementForm
from gits.finance.models import Budget, Invoice
from gits.finance.pdf import invoice_pdf
from gits.finance.peppol import invoice_ubl
from gits.finance.selectors.invoices import invoice_filter, invoice_page
from gits.finance.sie import sie_of_year
from gits.finance.views.common import (
    XLSX,
    confirm_issue,
    download,
    reader,
    rights,
    run_view,
)
from gits.organisations.models import Organisation


def _already(existing, message: str) -> dict:
    """When the invoice is already issued, the confirmation says so (`message`, with its
    number) instead of offering the button, and links to it."""
    if not existing:
        return {}
    invoice = existing[0]
    return {
        "blocked": message % {"n": invoice.number},
        "instead": Link(
            reverse("finance:invoice", args=[invoice.pk]),
            _("Visa faktura %(n)s") % {"n": invoice.number},
        ),
    }


def quarter_to_invoice(today: dt.date, budget_years: set[int]) -> tuple[int, int]:
    """The quarter the run form proposes (R-25): the last quarter that has ended, in a year
    with a budget, without a live quarterly invoice, looking back two years; if every one is
    invoiced, the last ended quarter (the run then says it is already invoiced). One query."""
    year, quarter = (
        (today.year - 1, 4) if today.month <= 3 else (today.year, (today.month - 1) // 3)
    )
    invoiced = set(
        Invoice.objects.live()
        .filter(kind=Invoice.Kind.QUARTERLY, year__gte=year - 2)
        .order_by()
        .values_list("year", "quarter")
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


def _list_filters(request) -> dict:
    """The list's filters as the address gives them (`?period=2026&typ=levy&part=7&nummer=12`);
    a value that is none of the choices is no filter."""
    kind = request.GET.get("typ", "")
    return {
        "year": query_int(request, "period", low=1900, high=9999),
        "kind": kind if kind in Invoice.Kind.values else "",
        "buyer": query_int(request, "part"),
        "number": request.GET.get("nummer", "").strip()[:30],
    }


# Both forms on the page have a year: the settlement's fields get ids of their own.
SETTLE_ID = "settle_%s"


@reader
def invoices(request, run_form=None, settlement_form=None):
    today = dt.date.today()
    budget_years = set(Budget.objects.values_list("year", flat=True))
    year, last_quarter = _asked_quarter(request) or quarter_to_invoice(today, budget_years)
    filters = _list_filters(request)
    page = invoice_page(page_number(request), invoice_filter(**filters))
    return render(
        request,
        "finance/invoices.html",
        {
            "invoices": page,
            "page_obj": page,
            "query_string": query_string(request),
            "filters": filters,
            "filtered": any(filters.values()),
            "kinds": Invoice.Kind.choices,
            # The parties invoiced, and the one asked for, so that the choice shows it.
            "buyers": Organisation.objects.filter(
                Q(Exists(Invoice.objects.filter(buyer=OuterRef("pk"))))
                | Q(pk=filters["buyer"] or 0)
            )
            .order_by("name")
            .values("pk", "name"),
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
    existing = list(
        Invoice.objects.live()
        .filter(kind=Invoice.Kind.QUARTERLY, year=year, quarter=quarter)
        .select_related("buyer")
    )
    back = reverse("finance:invoices") + f"?ar={year}&kvartal={quarter}"
    return confirm_issue(
        request,
        form,
        title=_("Fakturera kvartal %(q)s %(y)s") % {"q": quarter, "y": year},
        follows=[
            _(
                "Kommunsidans andel av kvartalets budget faktureras förbundet med nästa nummer i fakturaserien, daterad i dag."
            ),
            _(
                "En utfärdad faktura kan inte ändras eller tas bort; ett fel rättas med en kreditnota och en ny faktura."
            ),
            _("Fakturan kan sedan hämtas som PDF, e-faktura (Peppol) och i SIE-exporten."),
        ],
        action=reverse("finance:invoice_run"),
        button=_("Ja, utfärda fakturan"),
        cancel=reverse("finance:invoices"),
        back=Link(back, _("Tillbaka")),
        progress=_("Fakturerar …"),
        **_already(existing, _("Kvartalet är redan fakturerat (%(n)s); inget nytt skapas.")),
    )


def _ran_quarter(request, result):
    if result.created:
        invoice = result.created[0]
        messages.success(
            request,
            _("Faktura %(n)s är utfärdad för kvartal %(q)s %(y)s.")
            % {"n": invoice.number, "q": invoice.quarter, "y": invoice.year},
        )
    else:
        messages.info(
            request,
            _("Kvartalet var redan fakturerat (%(n)s); inget nytt skapades.")
            % {"n": ", ".join(i.number for i in result.existing)},
        )
    return redirect("finance:invoices")


invoice_run = run_view(
    InvoiceRunForm, _confirm_run, services.invoice_run, _ran_quarter, again=(invoices, "run_form")
)


def _settled(request, result):
    invoice = (result.created or result.existing)[0]
    messages.success(
        request, _("Avräkningen för %(y)s: %(n)s.") % {"y": invoice.year, "n": invoice.number}
    )
    return redirect("finance:invoice", pk=invoice.pk)


def _confirm_settlement(request, form):
    """The settlement is issued like an invoice: the form asks first and says what follows
    (R-25: the over- or under-run by users, a new numbered document)."""
    year = form.cleaned_data["year"]
    budget = Budget.objects.select_related("buyer").filter(year=year).first()
    if budget is None:
        form.add_error("year", _("Det finns ingen budget för %(y)s.") % {"y": year})
        return invoices(request, settlement_form=form)
    existing = list(
        Invoice.objects.live()
        .filter(kind=Invoice.Kind.SETTLEMENT, year=year)
        .order_by("serial")[:1]
    )
    buyer = budget.buyer or _("den fakturerade parten")
    return confirm_issue(
        request,
        form,
        title=_("Avräkna %(y)s") % {"y": year},
        follows=[
            _(
                "För varje fakturerad budgetrad fördelas skillnaden mellan utfall och budget mellan sidorna efter antal användare."
            ),
            _(
                "Kommunsidans del faktureras %(b)s (eller krediteras, vid ett underskott) på en avräkningsfaktura med nästa nummer i fakturaserien, daterad i dag."
            )
            % {"b": buyer},
            Follows(
                _(
                    "En utfärdad faktura kan inte ändras eller tas bort; ett fel rättas med en kreditnota."
                ),
                important=True,
            ),
        ],
        action=reverse("finance:settlement_run"),
        button=_("Ja, utfärda avräkningen"),
        cancel=reverse("finance:invoices"),
        progress=_("Avräknar …"),
        **_already(existing, _("Året är redan avräknat (%(n)s); inget nytt skapas.")),
    )


settlement_run = run_view(
    SettlementForm,
    _confirm_settlement,
    services.settlement_run,
    _settled,
    again=(invoices, "settlement_form"),
    auto_id=SETTLE_ID,
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


def _confirm_credit(request, invoice, form):
    """Crediting is irreversible: a credit note is a new numbered document (R-25)."""
    back = reverse("finance:invoice", args=[invoice.pk])
    blocked = None
    if invoice.kind == Invoice.Kind.CREDIT:
        blocked = _("En kreditnota kan inte krediteras.")
    elif invoice.credit_notes.exists():
        blocked = _("Fakturan %(n)s är redan krediterad.") % {"n": invoice.number}
    return confirm_page(
        request,
        title=_("Kreditera faktura %(n)s") % {"n": invoice.number},
        follows=[
            _(
                "En kreditnota med nästa nummer i fakturaserien utfärdas till %(b)s, daterad i dag, med fakturans belopp med omvänt tecken (%(a)s)."
            )
            % {"b": invoice.buyer, "a": kr(-invoice.total_amount)},
            _("Kreditnotan hänvisar till %(n)s och anger skälet: ”%(r)s”.")
            % {"n": invoice.number, "r": form.cleaned_data["reason"]},
            Follows(
                _(
                    "Fakturan räknas inte längre; varken den eller kreditnotan kan ändras eller tas bort efteråt."
                ),
                important=True,
            ),
        ],
        action=reverse("finance:invoice_credit", args=[invoice.pk]),
        data=posted_values(form),
        button=_("Ja, utfärda kreditnotan"),
        cancel=back,
        back=Link(back, _("Faktura %(n)s") % {"n": invoice.number}),
        right="finance.invoice:credit",
        danger=True,
        blocked=blocked,
    )


@reader
@require_http_methods(["GET", "POST"])
def invoice_credit(request, pk):
    invoice = _invoice(pk)
    return confirmed(
        request,
        CreditForm,
        confirm=lambda request, form: _confirm_credit(request, invoice, form),
        run=partial(services.invoice_credit, actor=request.user, invoice=invoice),
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
    content = sie_of_year(year, _sie_seller(query_int(request, "part")))
    return download(content, f"gits-{year}.si", "text/plain; charset=IBM437")


def _sie_seller(part: int | None) -> Organisation | None:
    if part:
        return get_object_or_404(Organisation, pk=part)
    return Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("pk").first()
