"""The invoice list a page at a time (issue 15): the newest first along an index, with each
row's buyer and status read in the same query, so the page costs the same at any size."""

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.finance.formatting import kr
from gits.finance.models import Invoice

# As the object list (/objekt/): a page is what a person reads.
INVOICE_PAGE_SIZE = 50


def _status(invoice: Invoice) -> str:
    if invoice.credits_number:
        return _("Krediterar %(n)s") % {"n": invoice.credits_number}
    if invoice.credited_by:
        return _("Krediterad (%(n)s)") % {"n": invoice.credited_by}
    return _("Utfärdad")


def invoice_filter(
    *, year: int | None = None, kind: str = "", buyer: int | None = None, number: str = ""
) -> Q:
    """The list's filters as one condition on invoices alone (no join), so the total is
    counted on the invoice table: the year (of the period invoiced), the kind, the buyer and
    the number or its end ("F2026-00012", "12")."""
    lookups = {
        "year": year,
        "kind": kind,
        "buyer_id": buyer,
        "number__iendswith": number.strip()[:30],
    }
    return Q(**{lookup: value for lookup, value in lookups.items() if value})


def invoice_page(number, condition: Q | None = None) -> Page:
    """Page `number` of the issued invoices and credit notes that meet `condition`
    (`invoice_filter`), newest first; each row carries the strings its table row shows
    (`url`, `kind_label`, `buyer_name`, `date`, `status`, `amount`)."""
    condition = condition or Q()
    credit_note = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk")).order_by().values("number")[:1]
    )
    rows = (
        Invoice.objects.filter(condition)
        .order_by("-issue_date", "-serial", "-pk")
        .only("number", "kind", "year", "quarter", "issue_date", "total_amount")
        .annotate(
            buyer_name=F("buyer__name"),
            credits_number=F("credited_invoice__number"),
            credited_by=Subquery(credit_note),
        )
    )
    paginator = Paginator(rows, INVOICE_PAGE_SIZE)
    # Count the table alone: counting `rows` would join every invoice to its buyer.
    paginator.count = Invoice.objects.filter(condition).count()
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    kinds = {kind: str(label) for kind, label in Invoice.Kind.choices}
    for invoice in page.object_list:
        invoice.kind_label = kinds[invoice.kind]
        invoice.status = _status(invoice)
        invoice.date = invoice.issue_date.isoformat()
        invoice.amount = kr(invoice.total_amount, unit=False)
        invoice.url = reverse("finance:invoice", args=[invoice.pk])
    return page
