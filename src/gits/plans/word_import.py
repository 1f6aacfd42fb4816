"""From Word to GITS: read a status report from the old Word form (seed 003).

The form has eight fields: förvaltningsobjekt, datum, ansvarig funktionskoordinator, and the
five texts of a status report. A filled-in form comes as a table (a label cell beside or above
its value) or as headed paragraphs (a heading or a bold label, then the text); both read the
same way here: the document is walked in order, table cells and content controls included, and
every line after a field's label up to the next label is that field's value. The form's own
instructions ("Ge en kort beskrivning av uppdraget.") and Word's placeholder texts ("Klicka
för att ange datum.") are left out. GITS's own DOCX export of a status report reads back too.

Nothing is saved here: the result pre-fills the status report form for the coordinator to
check (plans views), or is returned by the API. A file that cannot be read is refused with a
Swedish message naming the field."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from gits.core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024

# field -> the label as the form writes it, then other spellings met in filled-in forms.
LABELS: dict[str, tuple[str, ...]] = {
    "managed_object": ("Förvaltningsobjekt", "Förvaltningsobjektet"),
    "date": ("Datum",),
    "coordinators": (
        "Ansvarig funktionskoordinator",
        "Ansvariga funktionskoordinatorer",
        "Ansvarig funktionskoordinator/er",
    ),
    "assignment": ("Beskrivning av uppdraget",),
    "events": ("Viktiga händelser under perioden", "Viktiga händelser"),
    "issues": (
        "Aktuella problemställningar och utmaningar",
        "Aktuella problemställningar",
        "Problemställningar och utmaningar",
    ),
    "planned": ("Planerade aktiviteter",),
    "economy": ("Ekonomisk status och personalresurser", "Ekonomisk status"),
}
FIELDS = list(LABELS)
TEXT_FIELDS = ["assignment", "events", "issues", "planned", "economy"]
SINGLE_LINE = {"managed_object", "date"}

# Labels in GITS's own export that are not fields of the form: they end the field before.
OTHER_LABELS = ("Inlämnad",)

# The form's instructions and Word's placeholders: never part of a value.
INSTRUCTIONS = (
    "Ange vem eller vilka som är ansvariga för förvaltningsobjektet.",
    "Ge en kort beskrivning av uppdraget.",
    "Återge viktiga händelser sedan den förra statusrapporten. Gärna i punktform.",
    "Beskriv aktuella problem eller utmaningar. Gärna i punktform.",
    "Berätta om planerade aktiviteter. Gärna i punktform.",
)
PLACEHOLDER_STARTS = ("klicka för att", "klicka eller tryck här", "click or tap here", "click here")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def field_label(name: str) -> str:
    """The field's label as the form writes it."""
    return LABELS[name][0]


class WordImportError(DomainError):
    """The file is not the status report form, or a field in it cannot be read."""

    code = "word_import"

    def __init__(self, message: Any, *, field: str | None = None, missing: list[str] | None = None):
        super().__init__(message, field=field)
        self.missing = missing or []


@dataclass
class WordReport:
    """What the file says, field by field (texts as written; the date as a date)."""

    managed_object: str = ""
    date: dt.date | None = None
    coordinators: str = ""
    assignment: str = ""
    events: str = ""
    issues: str = ""
    planned: str = ""
    economy: str = ""
    empty: list[str] = field(default_factory=list)  # fields present in the file but empty

    def form_initial(self) -> dict[str, Any]:
        """The status report form's initial values."""
        data: dict[str, Any] = {
            name: getattr(self, name) for name in ["coordinators", *TEXT_FIELDS]
        }
        if self.date is not None:
            data["date"] = self.date
        return data

    def as_dict(self) -> dict[str, Any]:
        return {
            "managed_object": self.managed_object,
            "date": self.date,
            **{name: getattr(self, name) for name in ["coordinators", *TEXT_FIELDS]},
            "empty_fields": list(self.empty),
        }


# --- reading the document ------------------------------------------------------------------


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _paragraph_text(p: Any) -> str:
    """All the text of a paragraph, including runs inside content controls, hyperlinks and
    tracked insertions (not deletions); tabs as tabs, line breaks as new lines."""
    parts = []
    for node in p.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
        if node.tag == _w("t"):
            parts.append(node.text or "")
        elif node.tag == _w("tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _is_list_item(p: Any) -> bool:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return False
    if ppr.find(_w("numPr")) is not None:
        return True
    style = ppr.find(_w("pStyle"))
    value = style.get(_w("val"), "") if style is not None else ""
    return "list" in value.lower() or "lista" in value.lower()


def _sdt_date(sdt: Any) -> str | None:
    """A date content control's date, whatever format it displays."""
    pr = sdt.find(_w("sdtPr"))
    date = pr.find(_w("date")) if pr is not None else None
    full = date.get(_w("fullDate")) if date is not None else None
    return full[:10] if full else None


def _showing_placeholder(sdt: Any) -> bool:
    pr = sdt.find(_w("sdtPr"))
    return pr is not None and pr.find(_w("showingPlcHdr")) is not None


def _lines(element: Any) -> Iterator[str]:
    """The document's lines in reading order: paragraphs, table cells row by row, the
    contents of content controls; list items marked with "- "."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == _w("p"):
            text = _paragraph_text(child)
            for line in text.split("\n"):
                yield f"- {line.strip()}" if _is_list_item(child) and line.strip() else line
        elif tag == _w("tbl"):
            for row in _unwrapped(child, _w("tr")):
                for cell in _unwrapped(row, _w("tc")):
                    yield from _lines(cell)
        elif tag == _w("sdt"):
            if _showing_placeholder(child):
                continue
            date = _sdt_date(child)
            if date:
                yield date
                continue
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _lines(content)
        elif tag in (_w("customXml"), _w("ins"), _w("smartTag")):
            yield from _lines(child)


def _unwrapped(element: Any, tag: str) -> Iterator[Any]:
    """Children with the tag, also when wrapped in a content control or custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            inner = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if inner is not None:
                yield from _unwrapped(inner, tag)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip("*").strip().rstrip(":").strip().lower()


_ALIASES = sorted(
    ((_norm(alias), name) for name, aliases in LABELS.items() for alias in aliases),
    key=lambda a: -len(a[0]),  # the longest spelling first: "ekonomisk status och ..." wins
)
_OTHER = {_norm(label) for label in OTHER_LABELS}
_INSTRUCTIONS = {_norm(text) for text in INSTRUCTIONS}


def _label(line: str) -> tuple[str | None, str] | None:
    """(field, the value written on the same line) when the line is a label; field None for
    a label that is not a field of the form. None when the line is not a label."""
    text = re.sub(r"[ \u00a0]+", " ", line).strip().strip("*").strip()
    norm = _norm(text)
    for alias, name in _ALIASES:
        if norm == alias:
            return name, ""
        low = text.lower()
        for sep in (":", "\t"):
            if low.startswith(alias + sep) or low.startswith(alias + " " + sep):
                return name, text[text.index(sep) + 1 :].strip()
    for other in _OTHER:
        if norm == other or text.lower().startswith(other + ":"):
            return None, ""
    return None


def _is_noise(line: str) -> bool:
    norm = _norm(line)
    return not norm or norm in _INSTRUCTIONS or norm.startswith(PLACEHOLDER_STARTS)


def _open(source: bytes | IO[bytes]) -> Any:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    data = source if isinstance(source, bytes) else source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise WordImportError(
            _("Filen är för stor (högst %(mb)s MB).") % {"mb": MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    try:
        return Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WordImportError(
            _(
                "Filen kan inte läsas som ett Word-dokument. Spara blanketten som .docx "
                "(Word 2007 eller senare) och försök igen."
            ),
            field="file",
        ) from exc


def _parse_date(text: str) -> dt.date | None:
    text = text.strip().rstrip(".").lower()
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif match := re.match(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$", text):
        day, month, year = (int(g) for g in match.groups())
    elif match := re.match(
        r"^(?:\w+dag(?:en)?\s+(?:den\s+)?)?(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$", text
    ):
        day, month, year = int(match.group(1)), MONTHS.get(match.group(2), 0), int(match.group(3))
    elif match := re.match(r"^(\d{4})(\d{2})(\d{2})$", text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_status_report(source: bytes | IO[bytes]) -> WordReport:
    """The eight fields of the status report form read from a .docx file. Refuses, naming
    the field, a file that is not a Word document, lacks a field of the form, or has a date
    that is not a date."""
    document = _open(source)
    values: dict[str, list[str]] = {}
    current: str | None = None
    for line in _lines(document.element.body):
        label = _label(line)
        if label is not None:
            current, inline = label
            if current is not None:
                values.setdefault(current, [])
                if inline and not _is_noise(inline):
                    values[current].append(inline)
            continue
        if current is None or _is_noise(line):
            continue
        values[current].append(line.rstrip())
    missing = [name for name in FIELDS if name not in values]
    if len(missing) == len(FIELDS):
        raise WordImportError(
            _(
                "Filen liknar inte blanketten för statusrapporter: inget av fälten "
                "(Förvaltningsobjekt, Datum, Ansvarig funktionskoordinator, Beskrivning av "
                "uppdraget …) finns i den."
            ),
            field="file",
            missing=missing,
        )
    if missing:
        labels = ", ".join(f"”{field_label(name)}”" for name in missing)
        raise WordImportError(
            _(
                "Fältet %(fields)s saknas i filen. Använd blanketten för statusrapporter "
                "med alla åtta fält, eller fyll i rapporten direkt i GITS."
            )
            % {"fields": labels}
            if len(missing) == 1
            else _(
                "Fälten %(fields)s saknas i filen. Använd blanketten för statusrapporter "
                "med alla åtta fält, eller fyll i rapporten direkt i GITS."
            )
            % {"fields": labels},
            field=missing[0],
            missing=missing,
        )
    report = WordReport()
    for name in FIELDS:
        lines = list(values[name])
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if name in SINGLE_LINE:
            text = next((line.strip() for line in lines if line.strip()), "")
        elif name == "coordinators":
            text = ", ".join(line.strip() for line in lines if line.strip())
        else:
            text = "\n".join(lines)
        if not text:
            report.empty.append(name)
        if name == "date":
            if text:
                parsed = _parse_date(text)
                if parsed is None:
                    raise WordImportError(
                        _(
                            "Fältet ”Datum” i filen, ”%(text)s”, är inte ett datum. Skriv det "
                            "som ÅÅÅÅ-MM-DD, t.ex. 2026-09-01."
                        )
                        % {"text": text[:40]},
                        field="date",
                    )
                report.date = parsed
            continue
        setattr(report, name, text)
    return report


def find_object(name: str, objects: Any) -> Any | None:
    """The managed object the file names: by name or short name, ignoring case, or the one
    whose name the file's text starts with ("SAMSA – samordnad vård" for "SAMSA")."""
    wanted = _norm(name)
    if not wanted:
        return None
    candidates = list(objects)
    for obj in candidates:
        if wanted in (_norm(obj.name), _norm(obj.short_name or "")):
            return obj
    for obj in candidates:
        for known in (_norm(obj.name), _norm(obj.short_name or "")):
            if known and (wanted.startswith(known) or known.startswith(wanted)):
                return obj
    return None
