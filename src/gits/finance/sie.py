"""Vouchers as an SIE 4I file for the parties' accounting systems (shared/reference/formats.md).

PC8 (IBM code page 437), CRLF, one record per line; each invoice is one voucher booked from
the invoicing party's side: the receivable on the debit side, the income per budget line on
the credit side (with the budget line as a project object, dimension 6, and the party's cost
centre, dimension 1), summing to zero. The accounts, the cost centre and the voucher series
are the invoicing party's settings (PartySettings); without them the BAS defaults below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from gits.core.money import to_money
from gits.finance.models import Invoice, PartySettings
from gits.organisations.models import Organisation

PROGRAM = ("GITS", "1.0")
RECEIVABLE = ("1510", "Kundfordringar")
INCOME = ("3990", "Övriga ersättningar och intäkter")
VAT = ("2611", "Utgående moms 25 %")
PROJECT_DIM = 6
COST_CENTRE_DIM = 1
PAYBACK = "Återbetalningar till parterna"
REPLACEMENTS = {"–": "-", "—": "-", "”": '"', "“": '"', "’": "'", "\u00a0": " ", "−": "-"}


def _text(value: str) -> str:
    for old, new in REPLACEMENTS.items():
        value = value.replace(old, new)
    value = value.replace("\\", "/").replace("\r", " ").replace("\n", " ")
    return '"' + value.replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    return f"{to_money(value):.2f}"


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def sie_4i(
    invoices: Iterable[Invoice],
    *,
    company: str,
    org_number: str = "",
    generated: dt.date | None = None,
    series: str = "F",
    settings: PartySettings | None = None,
) -> bytes:
    """The vouchers of the invoices as SIE 4I bytes (code page 437, CRLF), with the accounts,
    cost centre and voucher series of the invoicing party's settings when given."""
    invoices = list(invoices)
    generated = generated or dt.date.today()
    receivable = settings.receivable_account if settings else RECEIVABLE[0]
    income = settings.income_account if settings else INCOME[0]
    vat = settings.vat_account if settings else VAT[0]
    payback = (settings.payback_account if settings else "") or income
    cost_centre = settings.cost_centre if settings else ""
    series = settings.voucher_series if settings else series
    records = [
        "#FLAGGA 0",
        f"#PROGRAM {_text(PROGRAM[0])} {PROGRAM[1]}",
        "#FORMAT PC8",
        f"#GEN {_date(generated)}",
        "#SIETYP 4",
        f"#FNAMN {_text(company)}",
    ]
    if org_number:
        records.append(f"#ORGNR {org_number}")
    accounts = {receivable: RECEIVABLE[1], income: INCOME[1], vat: VAT[1]}
    if payback not in accounts:
        accounts[payback] = PAYBACK
    for number, name in accounts.items():
        records.append(f"#KONTO {number} {_text(name)}")
    if cost_centre:
        records.append(f'#DIM {COST_CENTRE_DIM} "Kostnadsställe"')
    records.append(f'#DIM {PROJECT_DIM} "Projekt"')
    if cost_centre:
        records.append(f"#OBJEKT {COST_CENTRE_DIM} {_text(cost_centre)} {_text(company)}")
    objects: dict[str, str] = {}
    for invoice in invoices:
        for line in invoice.lines.all():
            code = line.object_code or "GITS"
            objects.setdefault(code, line.budget_line.name if line.budget_line else code)
    for code, name in objects.items():
        records.append(f"#OBJEKT {PROJECT_DIM} {_text(code)} {_text(name)}")
    centre = f"{COST_CENTRE_DIM} {_text(cost_centre)} " if cost_centre else ""
    for invoice in invoices:
        day = _date(invoice.issue_date)
        text = f"{invoice.get_kind_display()} {invoice.number} {invoice.buyer}"
        account = payback if invoice.kind == Invoice.Kind.PAYBACK else income
        records.append(f"#VER {_text(series)} {_text(str(invoice.serial))} {day} {_text(text)}")
        records.append("{")
        records.append(
            f"   #TRANS {receivable} {{}} {_amount(invoice.total_amount)} {day} {_text(invoice.number)}"
        )
        for line in invoice.lines.all():
            code = line.object_code or "GITS"
            records.append(
                f"   #TRANS {account} {{{centre}{PROJECT_DIM} {_text(code)}}} "
                f"{_amount(-line.net_amount)} {day} {_text(line.description)}"
            )
        if invoice.vat_amount:
            records.append(
                f"   #TRANS {vat} {{}} {_amount(-invoice.vat_amount)} {day} {_text('Moms')}"
            )
        records.append("}")
    return ("\r\n".join(records) + "\r\n").encode("cp437", errors="replace")


def sie_of_year(year: int, seller: Organisation | None) -> bytes:
    """One invoicing party's invoices of the year as SIE 4I vouchers, with the accounts, cost
    centre and voucher series of its settings (the page's and the API's export)."""
    invoices = list(
        Invoice.objects.filter(year=year, seller=seller)
        .select_related("seller", "buyer")
        .prefetch_related("lines__budget_line")
        .order_by("serial")
    )
    return sie_4i(
        invoices,
        company=seller.name if seller else "GITS",
        org_number=seller.org_number if seller else "",
        settings=PartySettings.objects.filter(organisation=seller).first() if seller else None,
    )
