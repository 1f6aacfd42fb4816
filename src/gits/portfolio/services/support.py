"""Writes for support: the parties' first-line contacts and second-line support requests."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import Change, Recorded, required_text
from gits.core.errors import DomainError
from gits.core.permissions import own_party
from gits.portfolio.models import ManagedObject, SupportContact, SupportRequest
from gits.portfolio.rules import SUPPORT_MOVES, state_label

CONTACT_FIELDS = ["party", "kind", "name", "email", "phone"]
SUPPORT_FIELDS = ["party", "title", "description", "state"]


def _clean_contact(contact: SupportContact) -> None:
    if not contact.party.is_party:
        raise DomainError(
            _("Kontakter namnges av parterna (regionen och kommunerna)."), field="party"
        )
    if contact.kind not in SupportContact.Kind.values:
        raise DomainError(_("Välj typ av kontakt."), field="kind")
    required_text(contact, "name", _("Ange kontaktens namn."))


CONTACT = Recorded(
    SupportContact,
    CONTACT_FIELDS,
    clean=_clean_contact,
    name="portfolio.contact",
    parent="managed_object",
)


def contact_set(
    *,
    actor: Any,
    managed_object: ManagedObject,
    party: Any,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    check_right: bool = True,
) -> SupportContact:
    """Name a party's business or technical first-line contact for an object."""
    contact = SupportContact.objects.filter(
        managed_object=managed_object, party=party, kind=kind
    ).first() or SupportContact(managed_object=managed_object)
    values = {"party": party, "kind": kind, "name": name, "email": email, "phone": phone}
    return CONTACT.save(
        contact, actor=actor, check_right=check_right, values=values, verb="set", always=True
    )


SUPPORT = Recorded(
    SupportRequest, SUPPORT_FIELDS, name="portfolio.support", parent="managed_object"
)


def _check_request(change: Change[SupportRequest]) -> None:
    required_text(change.obj, "title", _("Ange en rubrik."))
    required_text(change.obj, "description", _("Beskriv ärendet."))


def support_request_create(
    *, actor: Any, managed_object: ManagedObject, title: str, description: str, party: Any = None
) -> SupportRequest:
    """A second-line support request to the management team (GITS does no first-line support).
    A user who acts for one party reports for that party (rights per party)."""
    if party is None:
        party = own_party(actor)
    return SUPPORT.create(
        obj=SupportRequest(managed_object=managed_object, reported_by=actor.get_username()),
        actor=actor,
        values={"party": party, "title": title, "description": description},
        check=_check_request,
    )


def support_request_move(
    *, actor: Any, request: SupportRequest, to_state: str, version: int | None = None
) -> SupportRequest:
    with SUPPORT.updating(request, actor=actor, version=version, verb="moved") as change:
        req = change.obj
        if to_state not in SUPPORT_MOVES.get(req.state, set()):
            raise DomainError(
                _("Ett ärende som är %(a)s kan inte bli %(b)s.")
                % {
                    "a": state_label(SupportRequest.State, req.state),
                    "b": state_label(SupportRequest.State, to_state),
                },
                field="state",
            )
        change.set({"state": to_state})
    return change.obj
