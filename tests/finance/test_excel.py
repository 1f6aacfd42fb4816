"""Excel exports are safe to open (issue 12): text that a spreadsheet would run as a formula is
written as text, characters the format cannot hold never break an export, and names with
control characters are refused where they enter."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gits.core.errors import DomainError
from gits.finance import excel, services
from gits.finance.models import BudgetLine, Financier, Scenario
from gits.organisations.models import Organisation

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(
            z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")
        )


def _row(ws, name: str):
    return next(row for row in ws.iter_rows() if row[0].value == name)


def test_a_formula_in_a_line_name_exports_as_inert_text(client, budget_2026, lead_user):
    services.line_create(
        actor=lead_user, budget=budget_2026, name=HYPERLINK, amount=Decimal("1234.50")
    )
    services.line_create(actor=lead_user, budget=budget_2026, name="+46 31 00 00", amount=1)
    client.force_login(lead_user)
    response = client.get(reverse("finance:budget_export", args=[2026]))
    assert response.status_code == 200
    data = response.content
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "HYPERLINK(" in xml  # stored as a string, never as a formula
    ws = load_workbook(io.BytesIO(data))["Budget"]
    name, _object, amount = _row(ws, HYPERLINK)[:3]
    assert name.value == HYPERLINK  # the text exactly as stored, no apostrophe added to it
    assert name.data_type == "s" and name.quotePrefix  # shown as text, stays text when edited
    assert amount.value == 1234.5 and amount.data_type == "n"  # numbers stay numbers
    phone = _row(ws, "+46 31 00 00")[0]
    assert phone.data_type == "s" and phone.quotePrefix
    plain = _row(ws, "GITS")
    assert not plain[0].quotePrefix and plain[2].data_type == "n"
    # and the exported file reads back into the same budget
    names = [line.name for line in excel.parse_budget_workbook(data).lines]
    assert HYPERLINK in names and "+46 31 00 00" in names


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_written_as_text(start):
    wb = Workbook()
    cell = excel._cell(wb.active, 1, 1, f"{start}1+1")
    assert cell.data_type == "s" and cell.quotePrefix and cell.value == f"{start}1+1"
    assert excel._cell(wb.active, 1, 2, -5).data_type == "n"  # a negative number is a number
    assert excel._cell(wb.active, 1, 3, dt.date(2026, 1, 2)).is_date


def test_a_stored_control_character_still_exports(client, budget_2026, lead_user):
    """Values stored before the input check (written here past the services, straight through
    the ORM) cannot make an export answer 500: the character is replaced by U+FFFD. (NUL is
    left out: PostgreSQL cannot store it at all; the same replacement covers it.)"""
    line = budget_2026.lines.get()
    BudgetLine.objects.filter(pk=line.pk).update(name="GITS\x07 drift\x1f")
    Financier.objects.filter(name="VGR").update(name="VGR\x1b")
    services.invoice_run(actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 2))
    Organisation.objects.filter(pk=budget_2026.buyer_id).update(name="VästKom\x0b")
    client.force_login(lead_user)

    response = client.get(reverse("finance:budget_export", args=[2026]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb["Budget"].cell(row=4, column=1).value == "GITS\ufffd drift\ufffd"
    assert "VGR\ufffd" in [c.value for c in wb["Budget"][3]]

    for name in ("splits_export", "invoices_export"):
        url = reverse(f"finance:{name}", args=[2026] if name == "splits_export" else [])
        response = client.get(url)
        assert response.status_code == 200, name
        load_workbook(io.BytesIO(response.content))
    invoices = load_workbook(io.BytesIO(response.content)).active
    assert invoices.cell(row=2, column=5).value == "VästKom\ufffd"


def test_lone_surrogates_are_replaced_too():
    assert excel.safe_text("a\ud800b\x01c\td") == "a\ufffdb\ufffdc\td"


def test_names_with_control_characters_are_refused_naming_the_field(budget_2026, lead_user):
    with pytest.raises(DomainError) as err:
        services.line_create(actor=lead_user, budget=budget_2026, name="Drift\x07", amount=1)
    assert err.value.field == "name"
    assert "benämning" in str(err.value) and "U+0007" in str(err.value)
    assert not BudgetLine.objects.filter(name__startswith="Drift").exists()

    line = budget_2026.lines.get()
    with pytest.raises(DomainError) as err:
        services.line_update(actor=lead_user, line=line, version=line.version, note="a\nb")
    assert err.value.field == "note" and "U+000A" in str(err.value)

    with pytest.raises(DomainError) as err:
        services.financier_create(actor=lead_user, name="Ny\x1bfinansiär")
    assert err.value.field == "name" and "namn" in str(err.value)
    assert not Financier.objects.filter(name__startswith="Ny").exists()

    with pytest.raises(DomainError) as err:
        services.budget_update(
            actor=lead_user, budget=budget_2026, version=budget_2026.version, title="B\x85"
        )
    assert err.value.field == "title"

    with pytest.raises(DomainError) as err:
        services.scenario_create(
            actor=lead_user, name="Översyn\x00", reference_date=dt.date(2024, 12, 31)
        )
    assert err.value.field == "name" and not Scenario.objects.exists()
    # a multi-line text keeps its line breaks
    scenario = services.scenario_create(
        actor=lead_user,
        name="Översyn",
        description="Rad ett\r\nRad två\tmed tabb",
        reference_date=dt.date(2024, 12, 31),
    )
    with pytest.raises(DomainError) as err:
        services.alternative_add(
            actor=lead_user, scenario=scenario, name="Avveckla\x07", total_cost=1
        )
    assert err.value.field == "name"


def test_import_refuses_a_name_with_a_control_character_naming_the_cell(financiers):
    wb = Workbook()
    ws = wb.active
    ws.append(["Systemförvaltning", "Budget"])
    ws.append(["GITS", 100])
    ws.append(["Drift\x9b", 100])  # C1 control: the format holds it, a name may not
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(excel.BudgetImportRejected) as err:
        excel.parse_budget_workbook(out.getvalue())
    assert "rad 3, kolumn A" in str(err.value) and "U+009B" in str(err.value)
