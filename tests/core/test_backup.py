"""`gits backup` and `gits restore`: the round trip is exact (every row, every file)."""

import hashlib
import io
import json
import tarfile

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from gits.core.backup import SKIPPED
from gits.core.models import AuditEntry


def _digest() -> dict[str, str]:
    """A hash of every row of every table GITS keeps, and of every uploaded file."""
    out = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED or model._meta.proxy:
            continue
        rows = list(model._default_manager.order_by("pk").values_list())
        out[label] = hashlib.sha256(repr(rows).encode()).hexdigest() + f"/{len(rows)}"
    for path in sorted(settings.MEDIA_ROOT.rglob("*")):
        if path.is_file():
            out[f"file:{path.relative_to(settings.MEDIA_ROOT)}"] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return out


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bilagor").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bilagor" / "a.pdf").write_bytes(b"%PDF-1.7 bilaga\x00\xff")
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_is_exact(tmp_path, media):
    call_command("load_defaults", verbosity=0)
    call_command("load_demo", verbosity=0)
    before = _digest()
    assert int(before["core.auditentry"].split("/")[1]) > 50
    archive = tmp_path / "gits.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)  # an empty installation
    (media / "bilagor" / "a.pdf").unlink()
    assert not AuditEntry.objects.exists()

    call_command("restore", str(archive), verbosity=0)
    assert _digest() == before
    # New rows after the restore get fresh ids (sequences were reset).
    call_command("load_defaults", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_archive_and_a_database_in_use(tmp_path, media, admin_user):
    archive = tmp_path / "gits.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="innehåller redan data"):
        call_command("restore", str(archive), verbosity=0)

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["data_sha256"] = "0" * 64
                data = json.dumps(manifest).encode()
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    before = _digest()
    with pytest.raises(CommandError, match="kontrollsumma"):
        call_command("restore", str(damaged), "--force", verbosity=0)
    assert _digest() == before
