"""Optimistic locking: a write names the version it read; if the stored one has moved on,
someone else saved in between and the write is refused instead of silently overwriting."""

from django.utils.translation import gettext as _

from gits.core.errors import StaleRecord
from gits.core.models import VersionedModel


def check_version(obj: VersionedModel, expected: int | None) -> None:
    if expected is not None and int(expected) != obj.version:
        raise StaleRecord(
            _(
                "Posten har ändrats av någon annan sedan du öppnade den (version %(stored)s, "
                "du utgick från version %(expected)s). Ladda om sidan och gör om din ändring."
            )
            % {"stored": obj.version, "expected": expected},
            field="version",
        )


def bump_version(obj: VersionedModel) -> None:
    obj.version += 1
