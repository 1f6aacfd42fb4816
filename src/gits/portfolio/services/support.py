"""Writes for support: the parties' first-line contacts and second-line support requests."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import record_create, record_update
from gits.core.errors import DomainError
from gits.core.permissions import acts_for_every_party, party_of
from gits.portfolio.models import ManagedObject, SupportContact, SupportRequest
from gits.portfolio.services.base import record_save, required_text

CONTACT_FIELDS = ["party", "kind", "name", "email", "phone"]
SUPPORT_FIELDS = ["party", "title", "description", "state"]


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
    with record_save(
        contact,
        actor=actor,
        right="portfolio.contact:change" if check_right else None,
        fields=CONTACT_FIELDS,
        values={"party": party, "kind": kind, "name": name, "email": email, "phone": phone},
        action="portfolio.contact.set",
        parent=managed_object,
    ) as change:
        if not party.is_party:
            raise DomainError(
                _("Kontakter namnges av parterna (regionen och kommunerna)."), field="party"
            )
        if kind not in SupportContact.Kind.values:
            raise DomainError(_("Välj typ av kontakt."), field="kind")
        required_text(change.obj, "name", _("Ange kontaktens namn."))
    return change.obj


def support_request_create(
    *, actor: Any, managed_object: ManagedObject, title: str, description: str, party: Any = None
) -> SupportRequest:
    """A second-line support request to the management team (GITS does no first-line support).
    A user who acts for one party reports for that party (rights per party)."""
    if party is None and not acts_for_every_party(actor):
        party = party_of(actor)
    with record_create(
        SupportRequest(managed_object=managed_object),
        actor=actor,
        right="portfolio.support:change",
        fields=SUPPORT_FIELDS,
        values={"party": party, "title": title, "description": description},
        action="portfolio.support.created",
        parent=managed_object,
    ) as change:
        required_text(change.obj, "title", _("Ange en rubrik."))
        required_text(change.obj, "description", _("Beskriv ärendet."))
        change.obj.reported_by = actor.get_username()
    return change.obj


SUPPORT_MOVES: dict[str, set[str]] = {
    SupportRequest.State.NEW: {SupportRequest.State.IN_PROGRESS, SupportRequest.State.CLOSED},
    SupportRequest.State.IN_PROGRESS: {SupportRequest.State.RESOLVED, SupportRequest.State.CLOSED},
    SupportRequest.State.RESOLVED: {SupportRequest.State.CLOSED, SupportRequest.State.IN_PROGRESS},
    SupportRequest.State.CLOSED: set(),
}


def support_request_move(
    *, actor: Any, request: SupportRequest, to_state: str, version: int | None = None
) -> SupportRequest:
    with record_update(
        request,
        actor=actor,
        right="portfolio.support:change",
        version=version,
        fields=SUPPORT_FIELDS,
        action="portfolio.support.moved",
        parent=request.managed_object,
    ) as change:
        req = change.obj
        if to_state not in SUPPORT_MOVES.get(req.state, set()):
            raise DomainError(
                _("Ett ärende som är %(a)s kan inte bli %(b)s.")
                % {"a": SupportRequest.State(req.state).label.lower(), "b": to_state},
                field="state",
            )
        change.set({"state": to_state})
    return change.obj
