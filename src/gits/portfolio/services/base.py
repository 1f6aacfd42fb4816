"""What the portfolio's write services share: the right its records of an object are written
with, and the actor's name as recorded."""

from __future__ import annotations

from typing import Any

# The records kept for an object (its roles, initiatives, communication) are written with the
# right to change the object.
OBJECT_RIGHT = "portfolio.object:change"


def username(actor: Any) -> str:
    """The name a record keeps of who made it ("system" for loaders)."""
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "system"
