"""One domain exception type: a Swedish, translatable message and the field it concerns.

The UI shows it beside the field, the API returns it as JSON with the field name."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        return {"detail": str(self.message), "field": self.field, "code": self.code}


class RightMissing(DomainError):
    """The user lacks the named right for this action."""

    status = 403
    code = "forbidden"


class StaleRecord(DomainError):
    """Someone else changed the record after this user read it (optimistic locking)."""

    status = 409
    code = "conflict"


class Collision(StaleRecord):
    """Another write took what this one needed unique (the same name, the same pair) in the
    meantime: a conflict like a stale version, never a server error."""


class NotFound(DomainError):
    status = 404
    code = "not_found"
