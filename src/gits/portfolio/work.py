"""The portfolio's kinds of work on the start page (core/mywork.py): support contacts a
party has not named, and support requests not yet solved (seed 002: each party names a
business and a technical first-line contact per object; what they cannot solve goes to the
management team as second line). Registered from PortfolioConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gits.core.mywork import Viewer, WorkItem, WorkSource, register
from gits.core.permissions import own_party

SUPPORT_ROWS = 20  # the oldest open requests; the rest are on the objects' pages
CONTACT_ROWS = 10  # objects named one by one; the rest in one line to the list of them


def contacts_to_name(v: Viewer) -> list[WorkItem] | None:
    """For a user who names contacts for one party: each supported object for which the party
    has not named both kinds of contact. Three queries (the party, the objects, the contacts)."""
    if not v.can("portfolio.contact:change"):
        return None
    from gits.portfolio.models import SupportContact
    from gits.portfolio.selectors import CONTACT_PARTIES, contacts_lacking

    party = own_party(v.user)
    if party is None or party.kind not in CONTACT_PARTIES:  # e.g. a federation names none
        return None

    lacking = contacts_lacking(party)
    items = []
    for obj, missing in lacking[:CONTACT_ROWS]:
        names = {"object": obj.name, "party": party.name}
        if len(missing) == len(SupportContact.Kind):
            title = _("%(object)s: %(party)s har inte namngett några kontakter") % names
        else:
            kind = str(missing[0].label).lower()
            title = _("%(object)s: %(party)s saknar %(kind)s") % {**names, "kind": kind}
        url = reverse("portfolio:object", args=[obj.pk]) + "#contacts-h"
        items.append(WorkItem(title=title, url=url, date=None, deadline=False))
    if len(lacking) > CONTACT_ROWS:
        rest = len(lacking) - CONTACT_ROWS
        items.append(
            WorkItem(
                title=ngettext(
                    "%(n)s förvaltningsobjekt till saknar kontakter från %(party)s",
                    "%(n)s förvaltningsobjekt till saknar kontakter från %(party)s",
                    rest,
                )
                % {"n": rest, "party": party.name},
                url=f"{reverse('portfolio:contacts_missing')}?part={party.pk}",
                date=None,
                deadline=False,
            )
        )
    return items


def support_requests_open(v: Viewer) -> list[WorkItem] | None:
    """Support requests not yet solved: for a party's contact those the party reported; for the
    joint function's staff those of the objects the person manages or coordinates."""
    if not v.can("portfolio.support:change"):
        return None
    from gits.portfolio.selectors import open_support_requests

    party = own_party(v.user)
    if party is None and v.person is None:
        return None
    requests = open_support_requests(party=party, person=v.person, on=v.today)
    return [
        WorkItem(
            title=r.title,
            url=reverse("portfolio:object", args=[r.managed_object_id]) + "#support-h",
            date=timezone.localdate(r.created_at),
            deadline=False,
            date_label=_("registrerat"),
            detail=_("%(object)s, från %(party)s. Läge: %(state)s.")
            % {
                "object": r.managed_object.name,
                "party": r.party.name if r.party else _("okänd part"),
                "state": r.get_state_display(),
            },
        )
        for r in requests[:SUPPORT_ROWS]
    ]


def register_work() -> None:
    register(
        WorkSource(
            "contacts",
            gettext_lazy("Supportkontakter att namnge"),
            gettext_lazy(
                "Här visas förvaltningsobjekt för vilka din organisation inte har namngett både "
                "en verksamhetskontakt och en teknisk kontakt."
            ),
            contacts_to_name,
            62,
        )
    )
    register(
        WorkSource(
            "support",
            gettext_lazy("Supportärenden som inte är lösta"),
            gettext_lazy(
                "Här visas supportärenden som är nya eller pågår: de din organisation har "
                "anmält, eller de för förvaltningsobjekt du förvaltar eller samordnar."
            ),
            support_requests_open,
            64,
        )
    )
