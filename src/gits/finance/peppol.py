"""An invoice as Peppol BIS Billing 3.0 (UBL 2.1), the format Swedish public bodies exchange.

Follows shared/reference/formats.md: CustomizationID and ProfileID, BuyerReference,
EndpointID with scheme 0007 (the organisation number, ten digits without hyphen, Luhn),
category O (outside the scope of VAT: VATEX-EU-O, no percent, no VAT numbers) or S (25, 12
or 6 per cent, the seller's VAT number SE + ten digits + 01), "Godkänd för F-skatt" for a
seller approved for F-tax, the seller's bankgiro and plusgiro as payment means 30 with the
branches SE:BANKGIRO and SE:PLUSGIRO (an IBAN with its BIC), the OCR number as payment ID,
and the amount rules BR-CO-10..16. A negative document (credit note, payback) is a UBL
CreditNote (381) with positive amounts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.finance.models import ZERO, Invoice, PartySettings, VatCategory
from gits.organisations.validators import luhn_ok

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CURRENCY = "SEK"
CREDIT_TRANSFER = "30"
BANKGIRO = "SE:BANKGIRO"
PLUSGIRO = "SE:PLUSGIRO"
F_TAX = "Godkänd för F-skatt"
ET.register_namespace("cac", NS["cac"])
ET.register_namespace("cbc", NS["cbc"])


def org_digits(org_number: str, who: object = None) -> str:
    """The organisation number as EndpointID wants it: ten digits, no hyphen, Luhn valid.
    Refused naming whose number is missing or wrong, so a finance user knows what to fix."""
    digits = (org_number or "").replace("-", "").strip()
    if not digits:
        raise DomainError(
            _(
                "%(who)s saknar organisationsnummer, som en e-faktura kräver; ange det under "
                "Organisationer."
            )
            % {"who": who or _("Parten")},
            field="org_number",
        )
    if len(digits) != 10 or not digits.isdigit() or not luhn_ok(digits):
        raise DomainError(
            _(
                "Organisationsnumret %(n)s%(who)s duger inte i en e-faktura: det ska vara tio "
                "siffror med giltig kontrollsiffra."
            )
            % {"n": org_number, "who": f" ({who})" if who else ""},
            field="org_number",
        )
    return digits


def vat_number(org_number: str) -> str:
    """A Swedish VAT number: SE, the ten digits of the organisation number, 01."""
    return f"SE{org_digits(org_number)}01"


def _amount(value: Decimal) -> str:
    return f"{to_money(value):.2f}"


# What XML 1.0 cannot hold (control characters other than tab and line breaks, lone
# surrogates, U+FFFE/U+FFFF): dropped, so that a name stored before the input checks (or
# imported) can never make the document unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    prefix, name = tag.split(":")
    attrs = {key: xml_text(str(value)) for key, value in attrs.items()}
    element = ET.SubElement(parent, f"{{{NS[prefix]}}}{name}", attrs)
    if text is not None:
        element.text = xml_text(str(text))
    return element


def _money(parent: ET.Element, tag: str, value: Decimal) -> ET.Element:
    return _sub(parent, tag, _amount(value), currencyID=CURRENCY)


def _f_tax(organisation) -> bool:
    return PartySettings.objects.filter(organisation=organisation, f_tax=True).exists()


def _party(parent: ET.Element, tag: str, organisation, *, with_vat: bool | None) -> None:
    """A seller (with_vat True or False) or a buyer (None): endpoint, name, country, VAT
    number when a line is taxable, F-tax approval of a seller (SE-R-005), legal entity."""
    wrapper = _sub(parent, tag)
    party = _sub(wrapper, "cac:Party")
    digits = org_digits(organisation.org_number, organisation)
    _sub(party, "cbc:EndpointID", digits, schemeID="0007")
    name = _sub(party, "cac:PartyName")
    _sub(name, "cbc:Name", organisation.name)
    address = _sub(party, "cac:PostalAddress")
    country = _sub(address, "cac:Country")
    _sub(country, "cbc:IdentificationCode", "SE")
    if with_vat:
        scheme = _sub(party, "cac:PartyTaxScheme")
        _sub(scheme, "cbc:CompanyID", vat_number(organisation.org_number))
        _sub(_sub(scheme, "cac:TaxScheme"), "cbc:ID", "VAT")
    if with_vat is not None and _f_tax(organisation):
        scheme = _sub(party, "cac:PartyTaxScheme")
        _sub(scheme, "cbc:CompanyID", F_TAX)
        _sub(_sub(scheme, "cac:TaxScheme"), "cbc:ID", "TAX")
    legal = _sub(party, "cac:PartyLegalEntity")
    _sub(legal, "cbc:RegistrationName", organisation.name)
    _sub(legal, "cbc:CompanyID", digits, schemeID="0007")


def _tax_category(parent: ET.Element, tag: str, category: str, rate: Decimal) -> None:
    element = _sub(parent, tag)
    _sub(element, "cbc:ID", category)
    if category == VatCategory.STANDARD:
        _sub(element, "cbc:Percent", f"{Decimal(rate):g}")
    if category == VatCategory.OUTSIDE_SCOPE and tag == "cac:TaxCategory":
        _sub(element, "cbc:TaxExemptionReasonCode", "VATEX-EU-O")
        _sub(element, "cbc:TaxExemptionReason", "Utanför momsens tillämpningsområde")
    _sub(_sub(element, "cac:TaxScheme"), "cbc:ID", "VAT")


def _payment_means(root: ET.Element, invoice: Invoice) -> None:
    """How to pay (BG-16): one credit transfer (code 30) per account of the seller, bankgiro
    and plusgiro with their Swedish branch codes, an IBAN with its BIC; the OCR reference as
    payment ID in each; then the terms."""
    accounts = [
        (invoice.bankgiro, BANKGIRO),
        (invoice.plusgiro, PLUSGIRO),
        (invoice.iban, invoice.bic),
    ]
    reference = invoice.payment_reference or invoice.number
    for account, branch in accounts:
        if not account:
            continue
        means = _sub(root, "cac:PaymentMeans")
        _sub(means, "cbc:PaymentMeansCode", CREDIT_TRANSFER)
        _sub(means, "cbc:PaymentID", reference)
        payee = _sub(means, "cac:PayeeFinancialAccount")
        _sub(payee, "cbc:ID", account.replace("-", "").replace(" ", ""))
        if branch:
            _sub(_sub(payee, "cac:FinancialInstitutionBranch"), "cbc:ID", branch)
    terms = _sub(root, "cac:PaymentTerms")
    _sub(
        terms, "cbc:Note", invoice.payment_terms or f"Betalas senast {invoice.due_date.isoformat()}"
    )


def invoice_ubl(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as UBL XML bytes (UTF-8)."""
    credit = invoice.is_credit_note
    sign = Decimal(-1) if credit else Decimal(1)
    lines = list(invoice.lines.all())
    root_ns = NS["cn"] if credit else NS["inv"]
    root = ET.Element(f"{{{root_ns}}}{'CreditNote' if credit else 'Invoice'}")
    _sub(root, "cbc:CustomizationID", CUSTOMIZATION_ID)
    _sub(root, "cbc:ProfileID", PROFILE_ID)
    _sub(root, "cbc:ID", invoice.number)
    _sub(root, "cbc:IssueDate", invoice.issue_date.isoformat())
    if not credit:
        _sub(root, "cbc:DueDate", invoice.due_date.isoformat())
    _sub(
        root,
        "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode",
        "381" if credit else "380",
    )
    note = " ".join(t for t in (invoice.note, invoice.basis_note) if t)
    if note:
        # Peppol allows one note on the document: the text and the basis (population and
        # its date) together.
        _sub(root, "cbc:Note", note)
    _sub(root, "cbc:DocumentCurrencyCode", CURRENCY)
    _sub(root, "cbc:BuyerReference", invoice.buyer_reference)
    period = _sub(root, "cac:InvoicePeriod")
    _sub(period, "cbc:StartDate", invoice.period_start.isoformat())
    _sub(period, "cbc:EndDate", invoice.period_end.isoformat())
    if invoice.credited_invoice_id:
        original = invoice.credited_invoice
        reference = _sub(_sub(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        _sub(reference, "cbc:ID", original.number)
        _sub(reference, "cbc:IssueDate", original.issue_date.isoformat())
    has_vat = any(line.vat_category == VatCategory.STANDARD for line in lines)
    _party(root, "cac:AccountingSupplierParty", invoice.seller, with_vat=has_vat)
    _party(root, "cac:AccountingCustomerParty", invoice.buyer, with_vat=None)
    if not credit:
        _payment_means(root, invoice)

    groups: dict[tuple[str, Decimal], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        groups[(line.vat_category, Decimal(line.vat_rate))] += sign * line.net_amount
    tax_total = _sub(root, "cac:TaxTotal")
    _money(tax_total, "cbc:TaxAmount", sign * invoice.vat_amount)
    for (category, rate), taxable in groups.items():
        subtotal = _sub(tax_total, "cac:TaxSubtotal")
        _money(subtotal, "cbc:TaxableAmount", taxable)
        tax = to_money(taxable * rate / 100) if category == VatCategory.STANDARD else ZERO
        _money(subtotal, "cbc:TaxAmount", tax)
        _tax_category(subtotal, "cac:TaxCategory", category, rate)

    net = sign * invoice.net_amount
    total = sign * invoice.total_amount
    monetary = _sub(root, "cac:LegalMonetaryTotal")
    _money(monetary, "cbc:LineExtensionAmount", net)
    _money(monetary, "cbc:TaxExclusiveAmount", net)
    _money(monetary, "cbc:TaxInclusiveAmount", total)
    _money(monetary, "cbc:PrepaidAmount", ZERO)
    _money(monetary, "cbc:PayableAmount", total)

    for line in lines:
        element = _sub(root, "cac:CreditNoteLine" if credit else "cac:InvoiceLine")
        _sub(element, "cbc:ID", str(line.position))
        amount = sign * line.net_amount
        # The item price may not be negative (BR-27): a negative line has quantity -1.
        _sub(
            element,
            "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity",
            "-1" if amount < 0 else "1",
            unitCode="C62",
        )
        _money(element, "cbc:LineExtensionAmount", amount)
        item = _sub(element, "cac:Item")
        _sub(item, "cbc:Name", line.description[:100])
        _tax_category(item, "cac:ClassifiedTaxCategory", line.vat_category, line.vat_rate)
        price = _sub(element, "cac:Price")
        _money(price, "cbc:PriceAmount", abs(amount))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
