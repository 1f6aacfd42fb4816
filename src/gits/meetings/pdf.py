"""Minutes as a PDF, typeset with typst (no system library needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst
from django.utils import timezone

from gits.meetings.models import Minutes, Signature

TEMPLATE = Path(__file__).resolve().parent / "typst" / "minutes.typ"
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def swedish_date(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def minutes_data(minutes: Minutes) -> dict[str, Any]:
    c = minutes.content
    signatures = {s.capacity: s for s in minutes.signatures.select_related("person")}
    chair = signatures.get(Signature.Capacity.CHAIR)
    adjuster = signatures.get(Signature.Capacity.ADJUSTER)

    def when(s: Signature | None) -> str:
        return timezone.localtime(s.signed_at).strftime("%Y-%m-%d") if s else ""

    place = f", {c['place']}" if c.get("place") else ""
    time = f" kl. {c['time']}" if c.get("time") else ""
    return {
        "title": f"Protokoll {c['body']} {swedish_date(c['date'])}",
        "body": c["body"],
        "body_name": c["body_name"],
        "kind": "sammanträde",
        "date": c["date"],
        "date_line": f"Sammanträde {swedish_date(c['date'])}{time}{place}",
        "signed": minutes.is_signed,
        "version": minutes.version,
        "version_label": f"Version {minutes.version}"
        + (" (justerad)" if minutes.is_signed else " (utkast)"),
        "correction_reason": minutes.correction_reason,
        "present": [a for a in c["attendance"] if a["present"]],
        "absent": [a for a in c["attendance"] if not a["present"]],
        "items": c["items"],
        "signers": [
            {
                "name": str(chair.person) if chair else c.get("chair") or "Ordförande",
                "capacity": "Ordförande",
                "signed_at": when(chair),
            },
            {
                "name": str(adjuster.person) if adjuster else "Justerare",
                "capacity": "Justerare",
                "signed_at": when(adjuster),
            },
        ],
    }


def minutes_pdf(minutes: Minutes) -> bytes:
    data = json.dumps(minutes_data(minutes), ensure_ascii=False)
    return typst.compile(TEMPLATE.read_bytes(), format="pdf", sys_inputs={"data": data})
