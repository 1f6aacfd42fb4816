"""Minutes as a PDF, typeset with typst (no system library needed); a locked version is
archived once as sealed PDF/A and served from the stored bytes ever after (R-14)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typst
from django.utils import timezone

from gits.core.archive import PDF_STANDARD, seal_pdf, sha256
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


def _local(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H.%M") -> str:
    return timezone.localtime(moment).strftime(fmt) if moment else ""


def presiding_line(content: dict[str, Any]) -> str:
    """'Ordförande vid sammanträdet: X' as the minutes say it, naming an absent chair."""
    presiding = content.get("presiding") or {}
    if not presiding:
        return f"Ordförande: {content['chair']}" if content.get("chair") else ""
    line = f"Ordförande vid sammanträdet: {presiding['name']}"
    if presiding.get("absent_chair"):
        line += (
            f" ({presiding['role']}, då ordföranden {presiding['absent_chair']} var frånvarande)"
        )
    return line


def minutes_data(minutes: Minutes) -> dict[str, Any]:
    c = minutes.content
    signatures = {s.capacity: s for s in minutes.signatures.select_related("person")}
    chair = signatures.get(Signature.Capacity.CHAIR)
    adjuster = signatures.get(Signature.Capacity.ADJUSTER)
    void = minutes.is_withdrawn

    def when(s: Signature | None) -> str:
        if s is None:
            return ""
        return _local(s.signed_at) + (" (ogiltig, versionen drogs tillbaka)" if void else "")

    presiding = (c.get("presiding") or {}).get("name") or c.get("chair") or "Ordförande"
    place = f", {c['place']}" if c.get("place") else ""
    time = f" kl. {c['time']}" if c.get("time") else ""
    state = "justerad" if minutes.is_signed else "tillbakadragen" if void else "utkast"
    drafted = _local(minutes.drafted_at or minutes.created_at)
    return {
        "title": f"Protokoll {c['body']} {swedish_date(c['date'])}",
        "body": c["body"],
        "body_name": c["body_name"],
        "kind": "sammanträde",
        "date": c["date"],
        "date_line": f"Sammanträde {swedish_date(c['date'])}{time}{place}",
        "presiding_line": presiding_line(c),
        "signed": minutes.is_signed,
        "withdrawn": void,
        "withdrawal": (
            f"Version {minutes.version} drogs tillbaka {_local(minutes.withdrawn_at)}: "
            f"{minutes.withdrawal_reason}"
            if void
            else ""
        ),
        "version": minutes.version,
        "version_label": f"Version {minutes.version}, upprättad {drafted} ({state})",
        "correction_reason": minutes.correction_reason,
        "present": [a for a in c["attendance"] if a["present"]],
        "absent": [a for a in c["attendance"] if not a["present"]],
        # Versions drawn before free items' text was kept have no "agenda_text".
        "items": [{"agenda_text": "", **i} for i in c["items"]],
        "signers": [
            {
                "name": str(chair.person) if chair else presiding,
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


def render_minutes_pdf(minutes: Minutes) -> bytes:
    """Typeset the minutes as PDF/A (the archival form public records are kept in)."""
    data = json.dumps(minutes_data(minutes), ensure_ascii=False)
    return typst.compile(
        TEMPLATE.read_bytes(),
        format="pdf",
        sys_inputs={"data": data},
        pdf_standards=[PDF_STANDARD],
    )


def seal_reason(minutes: Minutes) -> tuple[str, list[str]]:
    """The seal's reason naming both signers and the time, and the signers' names."""
    signatures = {s.capacity: s for s in minutes.signatures.select_related("person")}
    chair = signatures[Signature.Capacity.CHAIR]
    adjuster = signatures[Signature.Capacity.ADJUSTER]
    reason = (
        f"Justerat av {chair.person} (ordförande) och {adjuster.person} (justerare) "
        f"{_local(minutes.signed_at)}; protokoll {minutes.meeting.body.short_name} "
        f"{minutes.content['date']}, version {minutes.version}"
    )
    return reason, [str(chair.person), str(adjuster.person)]


def archive_minutes(minutes: Minutes) -> tuple[bytes, str]:
    """The locked file: rendered once as PDF/A, sealed naming both signers and the time. The
    caller stores the bytes and the SHA-256; nothing renders a locked version again."""
    reason, signers = seal_reason(minutes)
    sealed = seal_pdf(
        render_minutes_pdf(minutes),
        reason=reason,
        signers=signers,
        location=minutes.content.get("place", ""),
    )
    return sealed, sha256(sealed)


def minutes_pdf(minutes: Minutes) -> bytes:
    """The file of a version: a locked version's stored, sealed bytes (never rendered again);
    a draft or withdrawn version rendered as it stands."""
    if minutes.is_signed:
        stored = Minutes.objects.filter(pk=minutes.pk).values_list("archive_pdf", flat=True).first()
        if stored:
            return bytes(stored)
        # Locked before files were archived: archive once now, and keep that file.
        data, digest = archive_minutes(minutes)
        Minutes.objects.filter(pk=minutes.pk, archive_pdf__isnull=True).update(
            archive_pdf=data, archive_sha256=digest
        )
        stored = Minutes.objects.filter(pk=minutes.pk).values_list("archive_pdf", flat=True).first()
        return bytes(stored or data)
    return render_minutes_pdf(minutes)
