"""Budgets to and from Excel, splits and invoices to Excel (openpyxl).

The import reads a table like seed 003's "Total budget 2024 GITS": a heading row with the
line name, Budget (or Belopp) and one column per financier; a column "A + B" is a check of
two financier columns; a TOTALT row is kept as the stated totals, to be compared with the
computed ones. The whole file is checked first: with any error nothing is imported, and each
error names sheet, row and column."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gits.core.errors import DomainError
from gits.finance.formatting import parse_amount
from gits.finance.models import ZERO, Budget, Financier, Invoice
from gits.finance.selectors import BudgetOverview, SplitResult
from gits.finance.services import ImportedLine, Progress, budget_import
from gits.finance.services.common import control_character

NAME_HEADERS = {"systemförvaltning", "benämning", "rad", "budgetrad", "namn"}
AMOUNT_HEADERS = {"budget", "belopp"}
OBJECT_HEADERS = {"förvaltningsobjekt", "objekt"}
COMPUTED_HEADERS = {"kommunsidan", "finansiering", "summa finansiering", "differens", "flagga"}
TOTAL_NAMES = {"totalt", "summa", "total"}
MONEY_FORMAT = "#,##0.00"
MAX_ROWS = 2000


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: str
    heading: str
    message: str

    def __str__(self) -> str:
        where = _("Blad ”%(s)s”, rad %(r)s, kolumn %(c)s") % {
            "s": self.sheet,
            "r": self.row,
            "c": self.column,
        }
        if self.heading:
            where += f" ({self.heading})"
        return f"{where}: {self.message}"


class BudgetImportRejected(DomainError):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:10])
        super().__init__(
            _("Inget importerades. %(n)s fel i filen: %(list)s")
            % {"n": len(problems), "list": shown},
            field="file",
        )


@dataclass
class ParsedBudget:
    sheet: str
    lines: list[ImportedLine] = field(default_factory=list)
    stated: list[dict[str, Any]] = field(default_factory=list)


_THOUSANDS = re.compile(r"^\d{1,3}$")


def split_numbers(text: str) -> list[str]:
    """'37 513 000 49 573 000' -> ['37513000', '49573000']: a new number starts at a group
    that is not three digits (a cell of the seed's TOTALT row holds two figures)."""
    tokens = str(text).replace("\u00a0", " ").split()
    numbers: list[str] = []
    for token in tokens:
        if numbers and re.fullmatch(r"\d{3}(,\d{1,2})?", token) and "," not in numbers[-1]:
            numbers[-1] += token
        else:
            numbers.append(token)
    return numbers


def _cell_amounts(value: Any) -> list[Decimal]:
    """The amounts in a cell (none, one, or for a totals row several). Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if isinstance(value, bool):
        raise ValueError(_("ett sanningsvärde är inte ett belopp"))
    if isinstance(value, int):
        return [Decimal(value).quantize(Decimal("0.01"))]
    if isinstance(value, float):
        return [parse_amount(repr(value))]
    if isinstance(value, Decimal):
        return [parse_amount(str(value))]
    if isinstance(value, str):
        return [parse_amount(part) for part in split_numbers(value)]
    raise ValueError(_("inte ett belopp"))


def _resolve_financier(heading: str, financiers: list[Financier]) -> Financier | None:
    key = heading.strip().lower()
    for f in financiers:
        if key in {f.name.lower(), (f.short_name or "").lower()}:
            return f
    return None


def parse_budget_workbook(data: bytes, *, objects: dict[str, Any] | None = None) -> ParsedBudget:
    """Read and check a budget workbook; raise BudgetImportRejected listing every problem."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not xlsx
        raise DomainError(_("Filen är inte en Excel-arbetsbok (.xlsx)."), field="file") from err
    sheet = workbook["Budget"] if "Budget" in workbook.sheetnames else workbook.worksheets[0]
    title = sheet.title
    financiers = list(Financier.objects.all())
    objects = objects or {}
    problems: list[CellProblem] = []

    def problem(row: int, column: str, heading: str, message: str) -> None:
        problems.append(CellProblem(title, row, column, heading, message))

    parsed = ParsedBudget(sheet=title)
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS))
    workbook.close()

    header_index = None
    for i, row in enumerate(rows):
        cells = [str(c).strip().lower() for c in row if c is not None]
        if cells and (cells[0] in NAME_HEADERS or any(c in AMOUNT_HEADERS for c in cells)):
            header_index = i
            break
    if header_index is None:
        problem(1, "A", "", _("hittar ingen rubrikrad med kolumnen Budget eller Belopp."))
        raise BudgetImportRejected(problems)
    header = rows[header_index]
    columns: dict[int, tuple[str, Any]] = {}  # index -> (kind, target)
    for c, raw in enumerate(header):
        heading = str(raw).strip() if raw is not None else ""
        if c == 0 or not heading:
            continue
        key = heading.lower()
        if key in AMOUNT_HEADERS:
            columns[c] = ("amount", None)
        elif key in OBJECT_HEADERS:
            columns[c] = ("object", None)
        elif key in COMPUTED_HEADERS:
            continue
        elif "+" in heading:
            parts = [_resolve_financier(p, financiers) for p in heading.split("+")]
            if all(parts):
                columns[c] = ("check", parts)
            else:
                problem(
                    header_index + 1,
                    get_column_letter(c + 1),
                    heading,
                    _("kolumnen summerar finansiärer som inte finns."),
                )
        else:
            financier = _resolve_financier(heading, financiers)
            if financier is None:
                problem(
                    header_index + 1,
                    get_column_letter(c + 1),
                    heading,
                    _("okänd finansiär; lägg till den under Finansiärer först."),
                )
            else:
                columns[c] = ("financier", financier)
    if not any(kind == "amount" for kind, _t in columns.values()):
        problem(header_index + 1, "", "", _("kolumnen Budget (eller Belopp) saknas."))

    names: set[str] = set()
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        number = i + 1
        name = str(row[0]).strip() if row and row[0] is not None else ""
        name = re.sub(r"<[^>]+>", "", name).strip()
        values = {c: row[c] if c < len(row) else None for c in columns}
        if not name:
            if any(v not in (None, "") for v in values.values()):
                problem(number, "A", str(header[0] or ""), _("raden saknar benämning."))
            continue
        bad = control_character(name)
        if bad:
            problem(
                number,
                "A",
                str(header[0] or ""),
                _("benämningen innehåller ett otillåtet kontrolltecken (U+%(c)04X).")
                % {"c": ord(bad)},
            )
            continue
        is_total = name.lower() in TOTAL_NAMES
        if not is_total and name.lower() in names:
            problem(
                number, "A", str(header[0] or ""), _("benämningen finns redan på en tidigare rad.")
            )
        names.add(name.lower())
        amount: Decimal | None = None
        shares: dict[Financier, Decimal] = {}
        checks: list[tuple[int, list[Financier], Decimal]] = []
        managed_object = None
        for c, (kind, target) in columns.items():
            value = values[c]
            letter = get_column_letter(c + 1)
            heading = str(header[c])
            if kind == "object":
                if value not in (None, ""):
                    managed_object = objects.get(str(value).strip().lower())
                    if managed_object is None:
                        problem(
                            number,
                            letter,
                            heading,
                            _("okänt förvaltningsobjekt %(v)s.") % {"v": value},
                        )
                continue
            try:
                amounts = _cell_amounts(value)
            except (ValueError, InvalidOperation) as err:
                problem(
                    number,
                    letter,
                    heading,
                    _("%(v)s är inte ett belopp (%(e)s).") % {"v": value, "e": err},
                )
                continue
            if any(a < 0 for a in amounts):
                problem(number, letter, heading, _("beloppet får inte vara negativt."))
                continue
            if len(amounts) > 1 and not is_total:
                problem(number, letter, heading, _("cellen har flera belopp."))
                continue
            if is_total:
                for a in amounts:
                    entry: dict[str, Any] = {"label": heading, "amount": a}
                    if kind == "financier":
                        entry["financier"] = target
                    elif kind == "check":
                        sides = {f.side for f in target}
                        if len(sides) != 1:
                            continue
                        entry["side"] = sides.pop()
                    parsed.stated.append(entry)
                continue
            if not amounts:
                continue
            if kind == "amount":
                amount = amounts[0]
            elif kind == "financier":
                shares[target] = amounts[0]
            elif kind == "check":
                checks.append((c, target, amounts[0]))
        if is_total:
            continue
        for c, parts, stated in checks:
            computed = sum((shares.get(f, ZERO) for f in parts), ZERO)
            if computed != stated:
                problem(
                    number,
                    get_column_letter(c + 1),
                    str(header[c]),
                    _("anger %(s)s men kolumnerna summerar till %(c)s.")
                    % {"s": stated, "c": computed},
                )
        parsed.lines.append(
            ImportedLine(
                name=name[:200], amount=amount, shares=shares, managed_object=managed_object
            )
        )
    if not parsed.lines and not problems:
        problem(header_index + 2, "A", "", _("filen har inga budgetrader."))
    if problems:
        raise BudgetImportRejected(problems)
    return parsed


def budget_import_workbook(
    *, actor: Any, year: int, data: bytes, replace: bool = False, progress: Progress = None
) -> tuple[Budget, int]:
    """Read and check a budget workbook, then import it (R-22): all lines or nothing. Object
    names in the file are matched to the managed objects by short name. Returns the budget
    and the number of lines imported."""
    from gits.portfolio.models import ManagedObject

    objects = {o.short_name.lower(): o for o in ManagedObject.objects.all()}
    parsed = parse_budget_workbook(data, objects=objects)
    budget = budget_import(
        actor=actor,
        year=year,
        lines=parsed.lines,
        stated=parsed.stated,
        replace=replace,
        progress=progress,
    )
    return budget, len(parsed.lines)


# --- export -----------------------------------------------------------------------------

# Text a spreadsheet would run as a formula or DDE command when it starts with one of these
# (OWASP, CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Lone surrogates cannot be encoded in the file at all.
_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def safe_text(value: str) -> str:
    """Text as an .xlsx file can hold it: the control characters the format (XML) cannot
    hold and lone surrogates are replaced by U+FFFD, so a stored value cannot break an
    export."""
    return _SURROGATES.sub(REPLACEMENT, ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value))


def _cell(ws, row: int, column: int, value: Any) -> Cell:
    """Write one cell. Numbers, amounts and dates stay what they are; text is always a text
    cell, and text that starts like a formula also gets Excel's quote prefix (the cell shows
    the text as typed, and stays text when edited), so nothing from the data runs as a
    formula when the file is opened (OWASP formula injection)."""
    if not isinstance(value, str):
        return ws.cell(row=row, column=column, value=value)
    text = safe_text(value)
    cell = ws.cell(row=row, column=column)
    cell.value = text  # openpyxl takes a leading "=" for a formula ...
    cell.data_type = "s"  # ... this makes it the text it is
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def _money_cell(ws, row: int, column: int, value: Decimal | None) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    cell.number_format = MONEY_FORMAT


def _money_cells(ws, row: int, column: int, values: list[Decimal | None]) -> None:
    """Amounts side by side from the given column on."""
    for offset, value in enumerate(values):
        _money_cell(ws, row, column + offset, value)


def _heading(ws, row: int, values: list[str]) -> None:
    for c, value in enumerate(values, start=1):
        _cell(ws, row, c, value).font = Font(bold=True)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def budget_workbook(overview: BudgetOverview, splits: list[SplitResult]) -> bytes:
    """The budget with its computed totals and flags, the splits per municipality and the
    stated totals against the computed ones."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    _cell(ws, 1, 1, f"Budget {overview.budget.year}").font = Font(bold=True, size=14)
    financiers = overview.financiers
    _heading(
        ws,
        3,
        [
            "Benämning",
            "Förvaltningsobjekt",
            "Budget",
            *[f.name for f in financiers],
            "Kommunsidan",
            "Finansiering",
            "Differens",
            "Flagga",
        ],
    )
    r = 4
    for row in overview.rows:
        _cell(ws, r, 1, row.line.name)
        _cell(
            ws,
            r,
            2,
            row.line.managed_object.short_name if row.line.managed_object else None,
        )
        amounts = [row.line.amount, *row.cells, row.municipal_side, row.financing]
        _money_cells(ws, r, 3, [*amounts, row.difference])
        _cell(ws, r, 7 + len(financiers), row.problem or None)
        r += 1
    _cell(ws, r, 1, "TOTALT").font = Font(bold=True)
    totals = [overview.amount_total, *overview.financier_totals, overview.municipal_total]
    _money_cells(ws, r, 3, [*totals, overview.financing_total, overview.difference])
    ws.column_dimensions["A"].width = 32

    if overview.checks:
        cs = wb.create_sheet("Kontroll")
        _heading(
            cs, 1, ["Kolumn", "Angiven summa", "Beräknad summa", "Skillnad", "Skillnaden motsvarar"]
        )
        for i, check in enumerate(overview.checks, start=2):
            _cell(cs, i, 1, check.stated.label)
            _money_cells(cs, i, 2, [check.stated.amount, check.computed, check.difference])
            _cell(
                cs,
                i,
                5,
                " eller ".join(" + ".join(e) for e in check.explanation) or None,
            )
    split_sheet(wb, splits)
    return _save(wb)


def split_sheet(wb: Workbook, splits: list[SplitResult]) -> None:
    if not splits:
        return
    ws = wb.create_sheet("Fördelning")
    _heading(
        ws, 1, ["Kommun", *[f"{s.title} ({s.method_label().lower()})" for s in splits], "Summa"]
    )
    towns = [r.municipality for r in splits[0].rows]
    for i, town in enumerate(towns, start=2):
        _cell(ws, i, 1, town.name)
        total = ZERO
        for j, s in enumerate(splits, start=2):
            _money_cell(ws, i, j, s.rows[i - 2].amount)
            total += s.rows[i - 2].amount
        _money_cell(ws, i, len(splits) + 2, total)
    last = len(towns) + 2
    _cell(ws, last, 1, "Summa").font = Font(bold=True)
    for j, s in enumerate(splits, start=2):
        _money_cell(ws, last, j, s.total)
    ws.column_dimensions["A"].width = 24


def splits_workbook(splits: list[SplitResult]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    split_sheet(wb, splits)
    if not wb.worksheets:
        wb.create_sheet("Fördelning")
    return _save(wb)


def invoices_workbook(invoices: list[Invoice]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Fakturor"
    _heading(
        ws,
        1,
        [
            "Nummer",
            "Typ",
            "Period",
            "Fakturerande part",
            "Fakturerad part",
            "Fakturadatum",
            "Förfallodag",
            "Belopp utan moms",
            "Moms",
            "Att betala",
            "Krediterar",
        ],
    )
    for r, inv in enumerate(invoices, start=2):
        _cell(ws, r, 1, inv.number)
        _cell(ws, r, 2, str(inv.get_kind_display()))
        _cell(ws, r, 3, inv.period_label)
        _cell(ws, r, 4, str(inv.seller))
        _cell(ws, r, 5, str(inv.buyer))
        _cell(ws, r, 6, inv.issue_date)
        _cell(ws, r, 7, inv.due_date)
        _money_cells(ws, r, 8, [inv.net_amount, inv.vat_amount, inv.total_amount])
        _cell(ws, r, 11, inv.credited_invoice.number if inv.credited_invoice_id else None)
    return _save(wb)
