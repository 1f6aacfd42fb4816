"""An invoice as a PDF, typeset with typst (no system library needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst

from gits.finance.formatting import kr
from gits.finance.models import Invoice, VatCategory
from gits.finance.payments import vat_words

TEMPLATE = Path(__file__).resolve().parent / "typst" / "invoice.typ"


def _vat_summary(lines: list[Any]) -> list[str]:
    seen: dict[tuple[str, Any], str] = {}
    for line in lines:
        seen.setdefault(
            (line.vat_category, line.vat_rate), vat_words(line.vat_category, line.vat_rate)
        )
    return list(seen.values())


def invoice_data(invoice: Invoice) -> dict[str, Any]:
    """What the PDF shows: the parties and references, the lines with their VAT category in
    words, the basis of the amount (population and its date), the totals and how to pay
    (accounts, OCR number, due date and terms)."""
    lines = list(invoice.lines.all())
    outside = all(line.vat_category == VatCategory.OUTSIDE_SCOPE for line in lines)
    heading = "Kreditnota" if invoice.is_credit_note else "Faktura"
    payout = invoice.is_credit_note
    payment = []
    if not payout:
        for label, value in (
            ("Bankgiro", invoice.bankgiro),
            ("Plusgiro", invoice.plusgiro),
            ("IBAN", invoice.iban),
            ("BIC", invoice.bic),
        ):
            if value:
                payment.append({"label": label, "value": value})
        if invoice.payment_reference:
            reference_label = (
                "OCR-nummer" if invoice.payment_reference.isdigit() else "Betalningsreferens"
            )
            payment.append({"label": reference_label, "value": invoice.payment_reference})
    return {
        "title": f"{heading} {invoice.number}",
        "heading": f"{heading} – {invoice.get_kind_display()}",
        "number": invoice.number,
        "seller": {"name": invoice.seller.name, "org_number": invoice.seller.org_number},
        "buyer": {"name": invoice.buyer.name, "org_number": invoice.buyer.org_number},
        "buyer_reference": invoice.buyer_reference,
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat(),
        "period": f"{invoice.period_start.isoformat()} – {invoice.period_end.isoformat()}",
        "credits": invoice.credited_invoice.number if invoice.credited_invoice_id else "",
        "bankgiro": invoice.bankgiro,
        "payment": payment,
        "terms": "" if payout else invoice.payment_terms,
        "note": invoice.note,
        "basis": invoice.basis_note,
        "lines": [
            {
                "position": line.position,
                "description": line.description,
                "vat": "O"
                if line.vat_category == VatCategory.OUTSIDE_SCOPE
                else f"{line.vat_rate:g} %",
                "amount": kr(line.net_amount),
            }
            for line in lines
        ],
        "net": kr(invoice.net_amount),
        "vat": kr(invoice.vat_amount),
        "total": kr(invoice.total_amount),
        "total_label": "Utbetalas till er:" if payout else "Att betala:",
        "vat_words": [f"Momskategori: {w}." for w in _vat_summary(lines)],
        "vat_note": "Utanför momsens tillämpningsområde." if outside else "",
    }


def invoice_pdf(invoice: Invoice) -> bytes:
    data = json.dumps(invoice_data(invoice), ensure_ascii=False)
    return typst.compile(TEMPLATE.read_bytes(), format="pdf", sys_inputs={"data": data})
