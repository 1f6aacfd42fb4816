"""Exports checked rule by rule against shared/reference/formats.md: Peppol BIS Billing 3.0
UBL, SIE 4I (parsed back), PDF and Excel (import all or nothing)."""

import datetime as dt
import io
import re
import shlex
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from gits.core.errors import DomainError
from gits.finance import excel, services
from gits.finance.demo import load_seed_2024
from gits.finance.models import Budget, BudgetLine, Invoice
from gits.finance.pdf import invoice_pdf
from gits.finance.peppol import CUSTOMIZATION_ID, PROFILE_ID, invoice_ubl
from gits.finance.selectors import budget_overview, budget_splits
from gits.finance.sie import sie_4i
from gits.organisations.validators import luhn_ok

pytestmark = pytest.mark.django_db
D = Decimal
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


@pytest.fixture
def invoice(budget_2026, lead_user):
    return services.invoice_run(
        actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 2)
    ).created[0]


def amount(root, path):
    return D(root.find(path, NS).text)


def check_peppol_rules(xml: bytes) -> ET.Element:
    """Every rule in formats.md for Peppol BIS Billing 3.0, Swedish public body to public body."""
    root = ET.fromstring(xml)
    assert root.find("cbc:CustomizationID", NS).text == CUSTOMIZATION_ID
    assert root.find("cbc:ProfileID", NS).text == PROFILE_ID
    assert root.find("cbc:BuyerReference", NS).text.strip()
    for party in ("cac:AccountingSupplierParty", "cac:AccountingCustomerParty"):
        endpoint = root.find(f"{party}/cac:Party/cbc:EndpointID", NS)
        assert endpoint.get("schemeID") == "0007"
        assert re.fullmatch(r"\d{10}", endpoint.text) and luhn_ok(
            endpoint.text
        )  # PEPPOL-COMMON-R049
        legal = root.find(f"{party}/cac:Party/cac:PartyLegalEntity/cbc:CompanyID", NS)
        assert re.fullmatch(r"\d{10}", legal.text) and luhn_ok(legal.text)  # SE-R-003/004/013
    categories = {e.text for e in root.iterfind(".//cac:ClassifiedTaxCategory/cbc:ID", NS)}
    vat_ids = [e.text for e in root.iterfind(".//cac:PartyTaxScheme/cbc:CompanyID", NS)]
    for scheme in root.iterfind(".//cac:PartyTaxScheme", NS):
        if scheme.find("cac:TaxScheme/cbc:ID", NS).text != "VAT":  # SE-R-005
            assert scheme.find("cbc:CompanyID", NS).text == "Godkänd för F-skatt"
    if "O" in categories:
        assert categories == {"O"}
        assert not [v for v in vat_ids if v.startswith("SE")]  # BR-O-02
        for category in root.iterfind(".//cac:TaxSubtotal/cac:TaxCategory", NS):
            assert category.find("cbc:TaxExemptionReasonCode", NS).text == "VATEX-EU-O"
            assert category.find("cbc:Percent", NS) is None
        assert root.find(".//cac:ClassifiedTaxCategory/cbc:Percent", NS) is None
    if "S" in categories:
        for percent in root.iterfind(".//cbc:Percent", NS):
            assert D(percent.text) in {D(25), D(12), D(6)}  # SE-R-006
        assert any(re.fullmatch(r"SE\d{10}01", v) for v in vat_ids)  # SE-R-001/002
    check_payment_means(root)
    lines = root.findall("cac:InvoiceLine", NS) or root.findall("cac:CreditNoteLine", NS)
    line_sum = sum((amount(line, "cbc:LineExtensionAmount") for line in lines), D(0))
    total = root.find("cac:LegalMonetaryTotal", NS)
    assert line_sum == amount(total, "cbc:LineExtensionAmount")  # BR-CO-10
    tax = amount(root, "cac:TaxTotal/cbc:TaxAmount")
    assert (
        sum(
            (amount(s, "cbc:TaxAmount") for s in root.iterfind("cac:TaxTotal/cac:TaxSubtotal", NS)),
            D(0),
        )
        == tax
    )  # BR-CO-14
    assert amount(total, "cbc:TaxExclusiveAmount") + tax == amount(
        total, "cbc:TaxInclusiveAmount"
    )  # BR-CO-15
    assert amount(total, "cbc:TaxInclusiveAmount") - amount(total, "cbc:PrepaidAmount") == amount(
        total, "cbc:PayableAmount"
    )  # BR-CO-16
    for price in root.iterfind(".//cac:Price/cbc:PriceAmount", NS):
        assert D(price.text) >= 0
    return root


def check_payment_means(root: ET.Element) -> None:
    """Payment means as formats.md and EN 16931 say: credit transfer (code 30) to a
    bankgiro (SE:BANKGIRO) or plusgiro (SE:PLUSGIRO) with a valid check digit, or to an IBAN
    (mod 97) with its BIC; an account in each (BR-50/BR-61); the payment ID the same in each,
    an OCR number passing Bankgirot's check when it is one; a payable invoice has a due date
    or payment terms (BR-CO-25)."""
    from gits.finance.payments import luhn_valid, ocr_valid

    ids = set()
    for means in root.iterfind("cac:PaymentMeans", NS):
        assert means.find("cbc:PaymentMeansCode", NS).text == "30"
        account = means.find("cac:PayeeFinancialAccount/cbc:ID", NS).text
        branch = means.find("cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", NS)
        assert branch is not None
        if branch.text == "SE:BANKGIRO":
            assert re.fullmatch(r"\d{7,8}", account) and luhn_valid(account)
        elif branch.text == "SE:PLUSGIRO":
            assert re.fullmatch(r"\d{2,8}", account) and luhn_valid(account)
        else:
            assert re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", branch.text)  # BIC
            moved = account[4:] + account[:4]
            assert int("".join(str(int(c, 36)) for c in moved)) % 97 == 1  # IBAN
        payment_id = means.find("cbc:PaymentID", NS).text
        ids.add(payment_id)
        if payment_id.isdigit():
            assert ocr_valid(payment_id) or ocr_valid(payment_id, length_digit=False)
    assert len(ids) <= 1
    payable = root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
    if root.tag.endswith("}Invoice") and D(payable.text) > 0:
        # A payable invoice says how to pay it: an account and the payment reference.
        assert root.findall("cac:PaymentMeans", NS), "no PaymentMeans"
        assert ids and all(ids), "no PaymentID"
        assert (
            root.find("cbc:DueDate", NS) is not None
            or root.find("cac:PaymentTerms/cbc:Note", NS) is not None
        )


def test_quarterly_invoice_meets_the_peppol_and_swedish_rules(invoice):
    root = check_peppol_rules(invoice_ubl(invoice))
    assert root.tag.endswith("}Invoice")
    assert root.find("cbc:InvoiceTypeCode", NS).text == "380"
    assert (
        root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS).text == "2321000131"
    )
    assert (
        root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS).text == "8585012084"
    )
    assert amount(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == D("375000.00")
    assert root.find("cbc:BuyerReference", NS).text == "VästKom GITS"


def test_credit_note_is_ubl_381_referring_to_the_original(invoice, lead_user):
    credit = services.invoice_credit(
        actor=lead_user, invoice=invoice, reason="Fel", today=dt.date(2026, 4, 3)
    )
    root = check_peppol_rules(invoice_ubl(credit))
    assert root.tag.endswith("}CreditNote")
    assert root.find("cbc:CreditNoteTypeCode", NS).text == "381"
    assert (
        root.find("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", NS).text
        == invoice.number
    )
    assert amount(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == D("375000.00")


def test_taxable_line_has_seller_vat_number_and_a_swedish_rate(budget_2026, lead_user):
    line = budget_2026.lines.get()
    services.line_update(
        actor=lead_user, line=line, version=line.version, vat_category="S", vat_rate=D("25")
    )
    invoice = services.invoice_run(
        actor=lead_user, year=2026, quarter=2, today=dt.date(2026, 7, 2)
    ).created[0]
    assert invoice.vat_amount == D("93750.00") and invoice.total_amount == D("468750.00")
    root = check_peppol_rules(invoice_ubl(invoice))
    assert (
        root.find("cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID", NS).text
        == "SE232100013101"
    )
    with pytest.raises(DomainError, match="25, 12 eller 6"):
        services.line_update(actor=lead_user, line=line, version=line.version + 1, vat_rate=D("20"))


def test_invoice_pdf_has_the_number_parties_and_total(invoice):
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(invoice_pdf(invoice))).pages
    )
    assert invoice.number in text
    assert "Västra Götalandsregionen" in text and "VästKom" in text
    assert "375" in text and "Att betala" in text


# --- SIE 4I -------------------------------------------------------------------------------


def parse_sie(data: bytes) -> dict:
    """A small SIE 4 reader: the records, and the vouchers with their transactions."""
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    text = data.decode("cp437")
    result: dict = {"records": [], "vouchers": []}
    voucher = None
    for line in text.split("\r\n"):
        line = line.strip()
        if not line:
            continue
        if line == "{":
            continue
        if line == "}":
            result["vouchers"].append(voucher)
            voucher = None
            continue
        label, _, rest = line.partition(" ")
        assert label.startswith("#"), line
        if label == "#TRANS":
            account, rest = rest.split(" ", 1)
            objects, rest = rest[1:].split("}", 1)
            fields = shlex.split(rest.replace('\\"', "\x00"))
            voucher["trans"].append(
                {
                    "account": account,
                    "objects": objects.strip(),
                    "amount": D(fields[0]),
                    "date": fields[1],
                }
            )
        elif label == "#VER":
            fields = shlex.split(rest)
            voucher = {
                "series": fields[0],
                "number": fields[1],
                "date": fields[2],
                "text": fields[3],
                "trans": [],
            }
        else:
            result["records"].append((label, shlex.split(rest) if rest else []))
    return result


def test_sie_file_follows_the_format_and_vouchers_balance(invoice, lead_user):
    credit = services.invoice_credit(
        actor=lead_user, invoice=invoice, reason="Åter – fel", today=dt.date(2026, 4, 3)
    )
    invoices = Invoice.objects.filter(pk__in=[invoice.pk, credit.pk]).order_by("serial")
    data = sie_4i(
        invoices,
        company="Västra Götalandsregionen",
        org_number="232100-0131",
        generated=dt.date(2026, 4, 3),
    )
    assert "Västra".encode("cp437") in data and "ö".encode("cp437") == b"\x94"
    sie = parse_sie(data)
    labels = [label for label, _ in sie["records"]]
    assert labels[:6] == ["#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN"]
    records = dict(sie["records"])
    assert (
        records["#FLAGGA"] == ["0"]
        and records["#FORMAT"] == ["PC8"]
        and records["#SIETYP"] == ["4"]
    )
    assert records["#GEN"] == ["20260403"] and records["#ORGNR"] == ["232100-0131"]
    assert records["#FNAMN"] == ["Västra Götalandsregionen"]
    accounts = {fields[0] for label, fields in sie["records"] if label == "#KONTO"}
    assert len(sie["vouchers"]) == 2
    for voucher in sie["vouchers"]:
        assert re.fullmatch(r"\d{8}", voucher["date"])
        assert sum(t["amount"] for t in voucher["trans"]) == 0
        assert {t["account"] for t in voucher["trans"]} <= accounts
        for t in voucher["trans"]:
            assert t["amount"] == t["amount"].quantize(D("0.01"))
    first, second = sie["vouchers"]
    assert first["trans"][0]["amount"] == D("375000.00")  # receivable on the debit side
    assert second["trans"][0]["amount"] == D("-375000.00")
    assert first["trans"][1]["objects"] == '6 "GITS"'
    for line in data.split(b"\r\n"):
        for amount_text in re.findall(rb" (-?\d+\.\d+) \d{8}", line):
            assert b"," not in amount_text and len(amount_text.split(b".")[1]) == 2


# --- Excel --------------------------------------------------------------------------------


def seed_workbook(rows=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Total budget 2024 GITS"])
    ws.append(
        [
            "Systemförvaltning",
            "Budget",
            "Kommuner",
            "VästKom",
            "Kommuner + VästKom",
            "VGR",
            "SITIV/Annan finansiär",
        ]
    )
    for row in rows or [
        ["GITS", 2920000, None, 1460000, 1460000, 1460000, None],
        ["SAMSA", "16 000 000", "4 780 000", None, "4 780 000", "10 000 000", "1 220 000"],
        ["SITIV Utvecklingsportfölj", 11060000, None, None, None, None, None],
        ["GITS Utvecklingsportfölj", 2000000, None, 1000000, 1000000, 1000000, None],
        ["Öppna data", 933000, 744000, None, 744000, 189000, None],
        ["Elevhälsodata Väst", 4600000, None, None, None, 4100000, 500000],
        ["<i>IoT projektledare</i>", None, None, None, None, 1500000, None],
        ["SITHS utveckling", 750000, None, None, None, None, 750000],
        ["Gemensam utgivning (SITHS)", 11310000, None, None, None, None, 11310000],
        [
            "TOTALT",
            "37 513 000 49 573 000",
            5524000,
            2460000,
            7984000,
            "16 749 000 18 249 000",
            15280000,
        ],
    ]:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_seed_table_imported_from_excel_gives_the_same_flags_and_checks(financiers, lead_user):
    parsed = excel.parse_budget_workbook(seed_workbook())
    budget = services.budget_import(
        actor=lead_user, year=2024, lines=parsed.lines, stated=parsed.stated
    )
    o = budget_overview(budget)
    assert [r.line.name for r in o.flagged] == ["SITIV Utvecklingsportfölj", "IoT projektledare"]
    assert len(o.checks) == 8
    assert [c.stated.amount for c in o.checks if not c.agrees] == [
        D("37513000"),
        D("16749000"),
        D("15280000"),
    ]


def test_import_is_all_or_nothing_with_sheet_row_and_column(financiers, lead_user):
    rows = [
        ["GITS", 2920000, None, 1460000, 1460000, 1460000, None],
        ["SAMSA", "16 000 000,555", None, None, None, None, None],
        ["Öppna data", 933000, "mycket", None, 1, 189000, None],
        ["GITS", -5, None, None, None, None, None],
    ]
    with pytest.raises(excel.BudgetImportRejected) as err:
        excel.parse_budget_workbook(seed_workbook(rows))
    problems = [str(p) for p in err.value.problems]
    assert any("Blad ”Budget”, rad 4, kolumn B (Budget)" in p for p in problems)
    assert any("rad 5, kolumn C (Kommuner)" in p and "inte ett belopp" in p for p in problems)
    assert any("rad 6, kolumn A" in p and "finns redan" in p for p in problems)
    assert any("rad 6, kolumn B" in p and "negativt" in p for p in problems)
    assert not Budget.objects.filter(year=2024).exists()


def test_import_refuses_unknown_financier_and_check_column_mismatch(financiers):
    wb = Workbook()
    ws = wb.active
    ws.append(
        ["Benämning", "Belopp", "Okänd AB", "VGR", "Kommuner", "VästKom", "Kommuner + VästKom"]
    )
    ws.append(["A", 10, 1, 9, 1, 1, 5])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(excel.BudgetImportRejected) as err:
        excel.parse_budget_workbook(out.getvalue())
    text = " ".join(str(p) for p in err.value.problems)
    assert "rad 1, kolumn C (Okänd AB)" in text and "okänd finansiär" in text
    assert "rad 2, kolumn G" in text and "summerar till 2.00" in text


def test_import_into_a_budget_with_lines_needs_replace_and_then_replaces_all(
    budget_2026, lead_user
):
    parsed = excel.parse_budget_workbook(seed_workbook())
    with pytest.raises(DomainError) as err:
        services.budget_import(actor=lead_user, year=2026, lines=parsed.lines, stated=[])
    assert (
        err.value.field == "replace" and BudgetLine.objects.filter(budget=budget_2026).count() == 1
    )
    services.budget_import(actor=lead_user, year=2026, lines=parsed.lines, stated=[], replace=True)
    assert BudgetLine.objects.filter(budget=budget_2026).count() == 9


def test_budget_export_round_trips_and_has_splits(financiers, budget_2026, lead_user):
    overview = budget_overview(budget_2026)
    splits, _ = budget_splits(budget_2026)
    data = excel.budget_workbook(overview, splits)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:2] == ["Budget", "Fördelning"]
    split_sheet = wb["Fördelning"]
    assert split_sheet.cell(row=51, column=2).value == 1500000
    parsed = excel.parse_budget_workbook(data)
    assert [(line.name, line.amount) for line in parsed.lines] == [("GITS", D("3000000.01"))]
    assert {f.name: a for f, a in parsed.lines[0].shares.items()} == {
        "VGR": D("1500000.01"),
        "VästKom": D("1500000.00"),
    }


def test_seed_budget_export_has_the_check_sheet(financiers):
    budget = load_seed_2024(financiers)
    wb = load_workbook(io.BytesIO(excel.budget_workbook(budget_overview(budget), [])))
    rows = list(wb["Kontroll"].iter_rows(min_row=2, values_only=True))
    assert ("SITIV/Annan finansier", 15280000, 13780000, 1500000, "IoT projektledare (VGR)") in rows


def test_invoice_export(invoice):
    wb = load_workbook(io.BytesIO(excel.invoices_workbook([invoice])))
    assert wb.active.cell(row=2, column=1).value == invoice.number
    assert wb.active.cell(row=2, column=10).value == 375000
