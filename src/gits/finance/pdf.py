"""An invoice as a PDF, typeset with typst (no system library needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst

from gits.finance.formatting import kr
from gits.finance.models import Invoice, VatCategory

TEMPLATE = Path(__file__).resolve().parent / "typst" / "invoice.typ"


def invoice_data(invoice: Invoice) -> dict[str, Any]:
    lines = list(invoice.lines.all())
    outside = all(line.vat_category == VatCategory.OUTSIDE_SCOPE for line in lines)
    heading = "Kreditnota" if invoice.is_credit_note else "Faktura"
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
        "note": invoice.note,
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
        "vat_note": "Utanför momsens tillämpningsområde." if outside else "",
    }


def invoice_pdf(invoice: Invoice) -> bytes:
    data = json.dumps(invoice_data(invoice), ensure_ascii=False)
    return typst.compile(TEMPLATE.read_bytes(), format="pdf", sys_inputs={"data": data})
