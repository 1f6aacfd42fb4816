"""Nothing lost: a consistent snapshot of the database and the uploaded files in one file, and
its restore into an empty installation.

The snapshot is one archive (tar.gz) with `manifest.json` (when, which database, rows per
table, SHA-256 of the data and of every file), `data.json` (every row, Django's serialisation
with natural keys) and `media/` (the uploaded files). It is read inside one transaction at
REPEATABLE READ (PostgreSQL) or under the database's lock (SQLite), so it is consistent while
the app runs. Restore checks every hash before it writes anything, then loads all of it in one
transaction: all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

FORMAT = 1
# Rebuilt by migrate in every installation, or work in flight (the task queue, which a
# restore must not run again): not part of the record.
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "django_q.ormq",
}

Progress = Callable[[int, int], None]


class BackupError(Exception):
    pass


class _ExactEncoder(json.JSONEncoder):
    """Django's JSON encoder cuts times to milliseconds; a backup keeps them exact."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.date | dt.time):
            return o.isoformat()
        if isinstance(o, Decimal | uuid.UUID):
            return str(o)
        return super().default(o)


def _models():
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        yield model


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(path: Path, *, progress: Progress | None = None) -> dict:
    """Write a consistent snapshot to `path`; return its manifest."""
    models = list(_models())
    rows: list = []
    counts: dict[str, int] = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for index, model in enumerate(models, start=1):
            objects = list(model._default_manager.order_by("pk"))
            counts[model._meta.label_lower] = len(objects)
            rows.extend(objects)
            if progress:
                progress(index, len(models))
        data = json.dumps(
            serializers.serialize("python", rows, use_natural_foreign_keys=True),
            cls=_ExactEncoder,
            ensure_ascii=False,
        ).encode()
        files = {
            p.relative_to(settings.MEDIA_ROOT).as_posix(): p.read_bytes() for p in _media_files()
        }
    manifest = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(),
        "database": connection.vendor,
        "rows": counts,
        "data_sha256": _sha(data),
        "files": {name: _sha(content) for name, content in files.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        _add(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add(tar, "data.json", data)
        for name, content in files.items():
            _add(tar, f"media/{name}", content)
    partial.replace(path)  # a crash mid-way never leaves a half file under the real name
    return manifest


def _read(path: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}
            manifest = json.loads(tar.extractfile(members["manifest.json"]).read())
            data = tar.extractfile(members["data.json"]).read()
            files = {
                name[len("media/") :]: tar.extractfile(member).read()
                for name, member in members.items()
                if name.startswith("media/")
            }
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as err:
        raise BackupError(f"{path} är ingen läsbar säkerhetskopia från GITS ({err}).") from err
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Okänt format på säkerhetskopian: {manifest.get('format')}.")
    if _sha(data) != manifest["data_sha256"]:
        raise BackupError("Säkerhetskopians data stämmer inte med sin kontrollsumma.")
    for name, content in files.items():
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise BackupError(f"Otillåtet filnamn i säkerhetskopian: {name}")
        if manifest["files"].get(name) != _sha(content):
            raise BackupError(f"Filen {name} stämmer inte med sin kontrollsumma.")
    if set(files) != set(manifest["files"]):
        raise BackupError("Säkerhetskopian saknar filer som manifestet anger.")
    return manifest, data, files


def is_empty() -> bool:
    """No domain data yet: only what migrations themselves create."""
    from gits.core.models import AuditEntry

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return not AuditEntry.objects.exists() and not user_model.objects.exists()


def restore(path: Path, *, force: bool = False, progress: Progress | None = None) -> dict:
    """Bring a snapshot back into an empty installation (migrated, no data): all or nothing."""
    manifest, data, files = _read(path)
    if not force and not is_empty():
        raise BackupError(
            "Databasen innehåller redan data. Återställ till en tom installation "
            "(eller ange --force för att ersätta allt)."
        )
    rows = json.loads(data)
    with transaction.atomic():
        for model in reversed(list(_models())):
            model._default_manager.all()._raw_delete(using=connection.alias)
        # Deserialise after the delete: natural keys (users) resolve to rows restored before.
        deferred = []
        objects = serializers.deserialize("python", rows, handle_forward_references=True)
        for index, obj in enumerate(objects, start=1):
            obj.save()
            if obj.deferred_fields:
                deferred.append(obj)
            if progress and (index % 500 == 0 or index == len(rows)):
                progress(index, len(rows))
        for obj in deferred:
            obj.save_deferred_fields()
        _reset_sequences()
    media = Path(settings.MEDIA_ROOT)
    for name, content in files.items():
        target = media / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return manifest


def _reset_sequences() -> None:
    """New rows after a restore must not collide with restored ids (PostgreSQL sequences)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(_models()))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
