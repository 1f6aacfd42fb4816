"""What the portfolio's write services share: trimmed required text, the actor's name as
recorded, and one save for the services that create or change in the same call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import models

from gits.core.changes import Change, record_create, record_update
from gits.core.errors import DomainError

M = TypeVar("M", bound=models.Model)


def username(actor: Any) -> str:
    """The name a record keeps of who made it ("system" for loaders)."""
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "system"


def required_text(obj: models.Model, name: str, message: str) -> None:
    """Store a required text field trimmed; refuse it empty."""
    value = (getattr(obj, name) or "").strip()
    if not value:
        raise DomainError(message, field=name)
    setattr(obj, name, value)


@contextmanager
def record_save(obj: M, *, version: int | None = None, **kwargs: Any) -> Iterator[Change[M]]:
    """Create obj when it is new, else change it (`record_create` or `record_update`); a save
    of an existing record is recorded even when nothing changed."""
    if obj.pk is None:
        with record_create(obj, **kwargs) as change:
            yield change
    else:
        with record_update(obj, version=version, always=True, **kwargs) as change:
            yield change
