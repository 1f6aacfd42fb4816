"""Reading a population table (R-2): SCB's export from Statistikdatabasen (BE0101) or the
project's own CSV. Every problem is collected with its row and column, so the user can fix
the file in one go; nothing is written unless every row is good."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.fields import whole_or_none
from gits.organisations.models import Organisation

CODE_COLUMNS = {"scb_code", "kod", "kommunkod", "code", "regionkod"}
REGION_COLUMNS = {"region", "kommun", "namn", "name"}
POPULATION_COLUMNS = {"population", "folkmängd", "folkmangd", "befolkning", "antal"}
DATE_COLUMNS = {"population_date", "datum", "reference_date", "avser datum", "date"}
SOURCE_COLUMNS = {"source", "källa", "kalla"}
NOTE_COLUMNS = {"note", "anmärkning", "anmarkning"}
YEAR = re.compile(r"^(\d{4})$")
DEFAULT_SOURCE = "SCB, Statistikdatabasen BE0101 (Folkmängd 31 december)"
# An uploaded population table: a CSV of at most 5 MB (gits.core.uploads).
POPULATION_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class PopulationRow:
    line: int
    scb_code: str
    reference_date: dt.date
    population: int
    source: str
    note: str


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Rad %(line)s, kolumn ”%(column)s”: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class ImportRejected(DomainError):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:20])
        more = len(problems) - 20
        text = _("Inget importerades. %(n)s fel i filen: %(list)s") % {
            "n": len(problems),
            "list": shown,
        }
        if more > 0:
            text += " " + _("(och %(n)s fel till)") % {"n": more}
        super().__init__(text, field="file")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(
        _("Filen går inte att läsa som text (UTF-8 eller Windows-1252)."), field="file"
    )


def _parse_int(text: str) -> int | None:
    return whole_or_none(text.replace("\u00a0", "").replace(" ", "").strip())


def parse_population_csv(
    data: bytes,
    *,
    known_codes: set[str],
    default_date: dt.date | None = None,
    default_source: str = DEFAULT_SOURCE,
) -> list[PopulationRow]:
    """Parse the file into rows, or raise ImportRejected listing every problem.

    Accepted shapes: a header with a code column (`scb_code`, `kod`, ...) or SCB's `region`
    column (`1401 Härryda`-style: code, space, name), and either a population column with a date column (or
    `default_date`) or one column per year (`2023`, `2024`: the figure for 31 December)."""
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="" lets the reader take CR, LF and CRLF alike; a file that is still not CSV
    # (a bare CR inside a field, binary data) is refused, not a server error.
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as err:
        raise ImportRejected(
            [RowProblem(1, "-", _("filen kan inte läsas som CSV (%(e)s)") % {"e": err})]
        ) from err
    header_index = next(
        (i for i, r in enumerate(lines) if sum(1 for c in r if c.strip()) >= 2), None
    )
    if header_index is None:
        raise ImportRejected([RowProblem(1, "-", _("filen saknar rubrikrad och data"))])
    header = [c.strip().lower() for c in lines[header_index]]
    original = [c.strip() for c in lines[header_index]]

    def find(names: set[str]) -> int | None:
        return next((i for i, h in enumerate(header) if h in names), None)

    code_col = find(CODE_COLUMNS)
    region_col = find(REGION_COLUMNS)
    pop_col = find(POPULATION_COLUMNS)
    date_col = find(DATE_COLUMNS)
    source_col = find(SOURCE_COLUMNS)
    note_col = find(NOTE_COLUMNS)
    year_cols = [(i, int(m.group(1))) for i, h in enumerate(header) if (m := YEAR.match(h))]

    problems: list[RowProblem] = []
    header_line = header_index + 1
    if code_col is None and region_col is None:
        problems.append(
            RowProblem(
                header_line, "-", _("ingen kolumn med kommunkod (scb_code, kod eller region)")
            )
        )
    if pop_col is None and not year_cols:
        problems.append(
            RowProblem(
                header_line,
                "-",
                _("ingen kolumn med folkmängd (population, folkmängd eller ett årtal)"),
            )
        )
    if pop_col is not None and date_col is None and default_date is None:
        problems.append(
            RowProblem(
                header_line,
                "-",
                _("ingen datumkolumn (population_date); ange vilket datum siffrorna avser"),
            )
        )
    if problems:
        raise ImportRejected(problems)

    rows: list[PopulationRow] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for offset, cells in enumerate(lines[header_index + 1 :], start=header_index + 2):
        if not any(c.strip() for c in cells):
            continue
        padded = cells + [""] * (len(header) - len(cells))

        def cell(i: int | None, padded: list[str] = padded) -> str:
            return padded[i].strip() if i is not None else ""

        code_source_col = code_col if code_col is not None else region_col
        raw_code = cell(code_source_col)
        match = re.match(r"^(\d{4})\b", raw_code)
        # SCB tables end with footnotes below the data; a row without a code there is not
        # a municipality row. A row with data cells but no code is an error, though.
        if (
            code_col is None
            and not match
            and not any(cell(i) for i, _y in year_cols)
            and not cell(pop_col)
        ):
            continue
        code = match.group(1) if match else ""
        if not code or code not in known_codes:
            problems.append(
                RowProblem(
                    offset,
                    original[code_source_col],
                    _("kommunkoden %(c)s finns inte i registret") % {"c": code}
                    if code
                    else _("”%(v)s” är ingen kommunkod med fyra siffror") % {"v": raw_code},
                )
            )
            continue
        source = cell(source_col) or default_source
        note = cell(note_col)
        targets: list[tuple[int, dt.date]] = []
        if pop_col is not None:
            date_value: dt.date | None = default_date
            if date_col is not None and cell(date_col):
                try:
                    date_value = dt.date.fromisoformat(cell(date_col))
                except ValueError:
                    problems.append(
                        RowProblem(
                            offset,
                            original[date_col],
                            _("”%(v)s” är inget datum (ÅÅÅÅ-MM-DD)") % {"v": cell(date_col)},
                        )
                    )
                    continue
            if date_value is None:
                problems.append(
                    RowProblem(offset, original[date_col or pop_col], _("datum saknas"))
                )
                continue
            targets.append((pop_col, date_value))
        else:
            targets.extend((i, dt.date(year, 12, 31)) for i, year in year_cols)
        for column, date_value in targets:
            value = _parse_int(cell(column))
            if value is None:
                problems.append(
                    RowProblem(
                        offset,
                        original[column],
                        _("”%(v)s” är inget heltal") % {"v": cell(column) or _("(tomt)")},
                    )
                )
                continue
            key = (code, date_value)
            if key in seen:
                problems.append(
                    RowProblem(
                        offset,
                        original[column],
                        _("kommun %(c)s per %(d)s finns redan på rad %(l)s")
                        % {"c": code, "d": date_value.isoformat(), "l": seen[key]},
                    )
                )
                continue
            seen[key] = offset
            rows.append(PopulationRow(offset, code, date_value, value, source, note))
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected(
            [RowProblem(header_line, "-", _("filen innehåller inga rader med folkmängd"))]
        )
    return rows


def read_population_file(
    data: bytes, *, default_date: dt.date | None = None, default_source: str = DEFAULT_SOURCE
) -> list[PopulationRow]:
    """Parse a population file against the municipality codes in the register."""
    codes = set(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).values_list(
            "scb_code", flat=True
        )
    )
    return parse_population_csv(
        data, known_codes=codes, default_date=default_date, default_source=default_source
    )
