"""Uploads (issue 12): every file that enters GITS, from a form or the API, has a size limit
and an allowed list of types; a file that is kept is stored under a generated name and served
as a download (`as_attachment`) with the type its allowed extension gives, never the type the
sender claimed. Files that are only read (imports) are read up to their limit and no further.

    content_type = accept_upload(upload, types=DOCUMENT_TYPES, max_bytes=20 * MB)
    data = read_upload(upload, types=CSV_TYPES, max_bytes=5 * MB)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from gits.core.errors import DomainError

MB = 1024 * 1024

# Extension → the type a download is served with.
DOCUMENT_TYPES: Mapping[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
CSV_TYPES: Mapping[str, str] = {".csv": "text/csv", ".txt": "text/plain"}
XLSX_TYPES: Mapping[str, str] = {".xlsx": DOCUMENT_TYPES[".xlsx"]}
DOCX_TYPES: Mapping[str, str] = {".docx": DOCUMENT_TYPES[".docx"]}
FALLBACK_TYPE = "application/octet-stream"


def upload_name(upload: Any) -> str:
    """The file's own name without any folder the sender put in front of it."""
    return Path(str(getattr(upload, "name", "") or "").replace("\\", "/")).name


def accept_upload(
    upload: Any, *, types: Mapping[str, str], max_bytes: int, field: str = "file"
) -> str:
    """Refuse a file of a type not in `types` or larger than `max_bytes` (a DomainError on
    `field`); return the content type it is to be served with."""
    name = upload_name(upload)
    suffix = Path(name).suffix.lower()
    if suffix not in types:
        raise DomainError(
            _("Filtypen för %(name)s tas inte emot. Tillåtna: %(types)s.")
            % {"name": name or "–", "types": ", ".join(sorted(types))},
            field=field,
        )
    if (getattr(upload, "size", 0) or 0) > max_bytes:
        raise DomainError(
            _("Filen är för stor (högst %(mb)s MB).") % {"mb": max_bytes // MB}, field=field
        )
    return types[suffix]


def read_upload(
    upload: Any, *, types: Mapping[str, str], max_bytes: int, field: str = "file"
) -> bytes:
    """The content of an accepted file, read no further than its limit (a sender may claim
    a smaller size than it sends)."""
    accept_upload(upload, types=types, max_bytes=max_bytes, field=field)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DomainError(
            _("Filen är för stor (högst %(mb)s MB).") % {"mb": max_bytes // MB}, field=field
        )
    return data


def download_type(name: str, types: Mapping[str, str] = DOCUMENT_TYPES) -> str:
    """The type a stored file is served with: the one its allowed extension gives."""
    return types.get(Path(name).suffix.lower(), FALLBACK_TYPE)
