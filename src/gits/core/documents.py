"""Documents (plans, reports, the meeting pack) are built once as plain data and rendered as
PDF with typst or as DOCX with python-docx, so both always say the same."""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import typst

from gits.core.uploads import DOCUMENT_TYPES

TEMPLATE = Path(__file__).resolve().parent / "typst" / "document.typ"


@dataclass
class Section:
    heading: str
    level: int = 1
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def p(self, text: str) -> Section:
        for part in (text or "").split("\n\n"):
            if part.strip():
                self.blocks.append({"kind": "p", "text": part.strip()})
        return self

    def facts(self, rows: list[tuple[str, str]]) -> Section:
        self.blocks.append({"kind": "facts", "rows": [[str(a), str(b)] for a, b in rows]})
        return self

    def bullets(self, items: list[str]) -> Section:
        if items:
            self.blocks.append({"kind": "list", "items": [str(i) for i in items]})
        return self

    def table(self, header: list[str], rows: list[list[Any]]) -> Section:
        self.blocks.append(
            {
                "kind": "table",
                "header": [str(h) for h in header],
                "rows": [[str(c) for c in r] for r in rows],
            }
        )
        return self

    def note(self, text: str) -> Section:
        self.blocks.append({"kind": "note", "text": text})
        return self


@dataclass
class Document:
    title: str
    subtitle: str = ""
    status: str = ""
    footer: str = ""
    toc: bool = False
    break_sections: bool = False
    sections: list[Section] = field(default_factory=list)

    def section(self, heading: str, level: int = 1) -> Section:
        s = Section(heading=heading, level=level)
        self.sections.append(s)
        return s

    def text(self) -> str:
        """All the text, for search and tests."""
        parts = [self.title, self.subtitle]
        for s in self.sections:
            parts.append(s.heading)
            for b in s.blocks:
                parts.extend(
                    [b.get("text", "")]
                    + b.get("items", [])
                    + [" ".join(r) for r in b.get("rows", [])]
                )
        return "\n".join(p for p in parts if p)


def render_pdf(doc: Document) -> bytes:
    data = json.dumps(asdict(doc), ensure_ascii=False)
    return typst.compile(TEMPLATE.read_bytes(), format="pdf", sys_inputs={"data": data})


def render_docx(doc: Document) -> bytes:
    from docx import Document as Docx

    out = Docx()
    out.core_properties.title = doc.title
    out.core_properties.language = "sv-SE"
    out.add_heading(doc.title, level=0)
    if doc.subtitle:
        out.add_paragraph(doc.subtitle)
    for s in doc.sections:
        out.add_heading(s.heading, level=min(s.level, 3))
        for b in s.blocks:
            if b["kind"] in ("p", "note"):
                out.add_paragraph(b["text"])
            elif b["kind"] == "list":
                for item in b["items"]:
                    out.add_paragraph(item, style="List Bullet")
            elif b["kind"] == "facts":
                for key, value in b["rows"]:
                    para = out.add_paragraph()
                    para.add_run(f"{key}: ").bold = True
                    para.add_run(value)
            elif b["kind"] == "table":
                table = out.add_table(rows=1, cols=len(b["header"]))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, b["header"], strict=True):
                    cell.text = text
                for row in b["rows"]:
                    cells = table.add_row().cells
                    for cell, text in zip(cells, row, strict=True):
                        cell.text = text
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def rendered(doc: Document, fmt: str) -> tuple[bytes, str] | None:
    """The document as a file in `fmt`, "pdf" or "docx": its bytes and content type. None for
    any other format: the caller refuses it in its own way (a 404 for a page, a 400 for the API)."""
    render = {"pdf": render_pdf, "docx": render_docx}.get(fmt)
    if render is None:
        return None
    return render(doc), DOCUMENT_TYPES[f".{fmt}"]
