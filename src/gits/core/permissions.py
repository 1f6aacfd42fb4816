"""Named rights and the roles that hold them.

A right is `<app>.<entity>:<action>`. Roles are Django groups named by role code (created
by a migration); which rights a role holds is decided here, in one place. Services check
rights with `require`; templates ask `can`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import models
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

# Roles whose users act for every party: the administrator and the joint function's own staff
# (GITS is organisation-neutral, seed 002). Every other role acts for one party: the
# organisation of the user's person (a municipal contact for its municipality, a SITIV member
# for the party that appointed it). A role added later is bound to its party until named here.
ACTS_FOR_EVERY_PARTY: frozenset[str] = frozenset({"admin", "function_lead", "function_coordinator"})


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


# --- Rights per party -----------------------------------------------------------------------
#
# A right says what a user may do; the owner of a record says for whom. A user who acts for
# one party changes only records owned by that party or by themselves as a person. The write
# path (core/changes.py) asks `require_party` with the owner of every record it creates or
# changes: the owner a service names, else the one its model registers here.

OWNERS: dict[str, Callable[[Any], Any]] = {}

_ORGANISATION = "organisations.organisation"
_PERSON = "bodies.person"


def register_owner(model: str, owner: Callable[[Any], Any]) -> None:
    """Say who owns a record of a model (`"app.Model"`, from AppConfig.ready()): a function of
    the record giving the party (an organisation), a person, a user, a list of them, or None
    when the record is the joint function's."""
    OWNERS[model.lower()] = owner


def owner_of(obj: Any) -> Any:
    """The party, person or user that owns obj (None: owned by no party)."""
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    if meta.label_lower in (_ORGANISATION, _PERSON, settings.AUTH_USER_MODEL.lower()):
        return obj
    find = OWNERS.get(meta.label_lower)
    return find(obj) if find else None


def acts_for_every_party(user: Any) -> bool:
    """True for the administrator and the joint function's staff (ACTS_FOR_EVERY_PARTY)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_gits_every_party", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name__in=ACTS_FOR_EVERY_PARTY).exists()
        user._gits_every_party = cached
    return cached


def _person_of(user: Any) -> Any:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except models.ObjectDoesNotExist:
        return None


def party_of(user: Any) -> Any:
    """The party (organisation) a user acts for: the organisation of the user's person."""
    person = _person_of(user)
    return person.organisation if person is not None else None


def own_party(user: Any) -> Any:
    """The one party a user acts for (a municipal contact's municipality); None for a user who
    acts for every party (the joint function's staff) and for an account without a person."""
    return None if acts_for_every_party(user) else party_of(user)


def _owners(owner: Any) -> list[Any]:
    """The parties, people and users an owner stands for (a record is resolved to its owner)."""
    if owner is None:
        return []
    if isinstance(owner, Iterable) and not isinstance(owner, str | models.Model):
        return [o for item in owner for o in _owners(item)]
    meta = owner._meta
    if meta.label_lower in (_ORGANISATION, _PERSON, settings.AUTH_USER_MODEL.lower()):
        return [owner]
    return _owners(owner_of(owner))


def _owns(user: Any, owner: Any) -> bool:
    label = owner._meta.label_lower
    party = party_of(user)
    if label == _ORGANISATION:
        return party is not None and owner.pk == party.pk
    if label == _PERSON:
        person = _person_of(user)
        if person is not None and owner.pk == person.pk:
            return True
        return party is not None and owner.organisation_id == party.pk
    return owner.pk == user.pk  # a user: only oneself


def acts_for(user: Any, owner: Any) -> bool:
    """May the user change what the owner owns? The owner is a party (organisation), a person,
    a user, a record (resolved through `register_owner`) or a list of them; None (no owner)
    is anyone's. A user who acts for every party may; any other user only for its own party
    and itself as a person."""
    if owner is None or acts_for_every_party(user):
        return True
    return all(_owns(user, o) for o in _owners(owner))


def _owner_name(owner: Any) -> str:
    if owner._meta.label_lower == _PERSON and owner.organisation_id:
        return f"{owner} ({owner.organisation})"
    if owner._meta.label_lower == settings.AUTH_USER_MODEL.lower():
        return owner.get_username()
    return str(owner)


def require_party(user: Any, owner: Any) -> None:
    """Raise RightMissing unless the user acts for the owner (see `acts_for`), naming whose
    record it is and which party the user acts for."""
    if acts_for(user, owner):
        return
    user_party = party_of(user)
    refused = next(o for o in _owners(owner) if not _owns(user, o))
    if user_party is None:
        raise RightMissing(
            _("Du företräder ingen part och får inte ändra uppgifter som tillhör %(owner)s.")
            % {"owner": _owner_name(refused)}
        )
    raise RightMissing(
        _(
            "Du företräder %(party)s och får bara ändra dess egna uppgifter, inte uppgifter "
            "som tillhör %(owner)s."
        )
        % {"party": user_party, "owner": _owner_name(refused)}
    )
