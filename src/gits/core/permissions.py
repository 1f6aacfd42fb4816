"""Named rights and the roles that hold them.

A right is `<app>.<entity>:<action>`. Roles are Django groups named by role code (created
by a migration); which rights a role holds is decided here, in one place. Services check
rights with `require`; templates ask `can`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gits.core.errors import RightMissing

RIGHTS: dict[str, Any] = {
    "organisations.organisation:change": gettext_lazy("ändra organisationer i registret"),
    "organisations.population:change": gettext_lazy("registrera och importera folkmängd"),
    "bodies.person:change": gettext_lazy("registrera och ändra personer"),
    "bodies.body:change": gettext_lazy("registrera och ändra organ"),
    "bodies.membership:change": gettext_lazy("tillsätta och avsluta uppdrag i organ"),
    "core.audit:view": gettext_lazy("se historik"),
    "accounts.token:create": gettext_lazy("skapa API-nycklar"),
}

# Role code -> (display name, rights). The administrator holds every right.
ROLES: dict[str, tuple[Any, frozenset[str]]] = {
    "admin": (gettext_lazy("Administratör"), frozenset(RIGHTS)),
    "function_lead": (
        gettext_lazy("Funktionsledare (GITS)"),
        frozenset(
            {
                "organisations.organisation:change",
                "organisations.population:change",
                "bodies.person:change",
                "bodies.body:change",
                "bodies.membership:change",
                "core.audit:view",
                "accounts.token:create",
            }
        ),
    ),
    "function_coordinator": (
        gettext_lazy("Funktionskoordinator (GITS)"),
        frozenset({"bodies.person:change", "core.audit:view"}),
    ),
    "sitiv_member": (gettext_lazy("Ledamot i SITIV"), frozenset({"core.audit:view"})),
    "municipal_contact": (gettext_lazy("Kommunkontakt"), frozenset()),
}


def register_rights(rights: dict[str, Any], grants: dict[str, set[str]]) -> None:
    """Let a domain app add its own rights and say which roles hold them (call from
    AppConfig.ready()). The administrator always holds every right."""
    RIGHTS.update(rights)
    for code, (label, held) in list(ROLES.items()):
        extra = set(rights) if code == "admin" else grants.get(code, set()) & set(rights)
        ROLES[code] = (label, held | frozenset(extra))


def rights_of(user: Any) -> frozenset[str]:
    """All rights the user holds through its roles (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_gits_rights", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        rights = frozenset(RIGHTS)
    else:
        codes = set(user.groups.values_list("name", flat=True))
        rights = frozenset().union(*(ROLES[c][1] for c in codes if c in ROLES))
    user._gits_rights = rights
    return rights


def can(user: Any, right: str) -> bool:
    if right not in RIGHTS:
        raise KeyError(f"Okänd rättighet: {right}")
    return right in rights_of(user)


def require(user: Any, right: str) -> None:
    """Raise RightMissing unless the user holds the right."""
    if not can(user, right):
        raise RightMissing(
            _("Du saknar behörighet att %(right)s.") % {"right": RIGHTS[right]},
        )


def role_names(user: Any) -> list[str]:
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return [str(ROLES["admin"][0])]
    return [str(ROLES[c][0]) for c in user.groups.values_list("name", flat=True) if c in ROLES]
