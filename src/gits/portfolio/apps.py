from typing import Any

from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import Actions, DomainConfig
from gits.core.navigation import NavItem

# Keys that entries written before the history registry (issue 10) stored in place of the
# record's fields; labelled so that those entries read as well as new ones.
OLDER_KEYS = {
    "roll": _("roll"),
    "innehavare": _("innehavare"),
    "från": _("från"),
    "till": _("till"),
    "rekommenderar": _("rekommenderar samförvaltning"),
    "användare": _("användare (regionen + kommunerna)"),
    "part": _("part"),
    "typ": _("typ"),
    "namn": _("namn"),
    "rubrik": _("rubrik"),
    "plan": _("kommunikationsplan"),
    "intressent": _("intressent"),
}


def _older_keys(*keys: str) -> dict[str, Any]:
    return {key: OLDER_KEYS[key] for key in keys}


def _notice_days(body):
    # Notice days of agreements go into the steering group's calendar.
    if body.kind != "steering_group":
        return []
    import datetime as dt

    from gits.portfolio.selectors import notice_events

    today = dt.date.today()
    return notice_events(today - dt.timedelta(days=365), today + dt.timedelta(days=3 * 365))


class PortfolioConfig(DomainConfig):
    name = "gits.portfolio"
    verbose_name = _("Förvaltningsobjekt")

    rights = {
        "portfolio.object:change": _("registrera och ändra förvaltningsobjekt"),
        "portfolio.object:move": _("flytta förvaltningsobjekt i livscykeln"),
        "portfolio.evaluation:change": _("värdera förvaltningsobjekt"),
        "portfolio.contact:change": _("namnge kontakter för support"),
        "portfolio.support:change": _("registrera och hantera supportärenden"),
        "portfolio.agreement:change": _("registrera och ändra avtal"),
    }
    grants = {
        "function_lead": set(rights),
        "function_coordinator": {
            "portfolio.object:change",
            "portfolio.evaluation:change",
            "portfolio.contact:change",
            "portfolio.support:change",
        },
        "municipal_contact": {"portfolio.contact:change", "portfolio.support:change"},
    }
    # Rights per party: whose record it is (core/permissions.py, `acts_for`).
    owners = {
        "portfolio.SupportContact": lambda c: c.party,
        "portfolio.SupportRequest": lambda r: r.party,
        "portfolio.ObjectRole": lambda r: [r.organisation, r.person],
        "portfolio.AgreementSignature": lambda s: s.party,
        "portfolio.AgreementContact": lambda c: c.party,
    }
    nav_items = [
        NavItem(_("Förvaltningsobjekt"), "portfolio:list", 35),
        NavItem(_("Avtal"), "portfolio:agreements", 36),
    ]
    actions = [
        Actions(
            "portfolio.managedobject",
            {
                "portfolio.object.proposed": _("Förvaltningsobjekt föreslaget"),
                "portfolio.object.changed": _("Förvaltningsobjekt ändrat"),
                "portfolio.object.moved": _("Förvaltningsobjektets läge ändrat"),
            },
            fields={"beslut": _("beslut")},
        ),
        Actions(
            "portfolio.objectrole",
            {
                "portfolio.role.assigned": _("Roll tilldelad"),
                "portfolio.role.ended": _("Roll avslutad"),
            },
            # "person" is its field's own name too, so the registry names it outright.
            fields={"person": _("person"), **_older_keys("roll", "innehavare", "från", "till")},
        ),
        Actions(
            "portfolio.evaluation",
            {"portfolio.evaluation.recorded": _("Värdering registrerad")},
            fields=_older_keys("rekommenderar", "användare"),
        ),
        Actions(
            "portfolio.supportcontact",
            {"portfolio.contact.set": _("Kontakt namngiven")},
            fields=_older_keys("part", "typ", "namn"),
        ),
        Actions(
            "portfolio.supportrequest",
            {
                "portfolio.support.created": _("Supportärende registrerat"),
                "portfolio.support.moved": _("Supportärendets läge ändrat"),
            },
            fields=_older_keys("rubrik"),
        ),
        Actions(
            "portfolio.agreement",
            {
                "portfolio.agreement.created": _("Avtal registrerat"),
                "portfolio.agreement.changed": _("Avtal ändrat"),
                "portfolio.agreement.signed": _("Avtal undertecknat av en part"),
                "portfolio.agreement.replacement_drafted": _("Nytt avtal upprättat som ersättning"),
                "portfolio.agreement.replaced": _("Avtal ersatt av nytt avtal"),
                "portfolio.agreement.draft_deleted": _("Utkast till avtal borttaget"),
            },
            fields={
                "parter": _("parter"),
                "signatures": _("underskrifter (strukna när villkoren ändrades)"),
                "signatory_party": _("undertecknat för"),
                "signatory": _("undertecknat av"),
                "signature_date": _("undertecknat den"),
                "replaced_by": _("ersätts av"),
            },
        ),
        Actions(
            "portfolio.agreementcontact",
            {
                "portfolio.agreement.contact_added": _("Kontaktperson för avtal namngiven"),
                "portfolio.agreement.contact_removed": _("Kontaktperson för avtal borttagen"),
            },
        ),
        Actions(
            "portfolio.initiative",
            {"portfolio.initiative.saved": _("Utvecklingsaktivitet sparad")},
        ),
        Actions(
            "portfolio.communicationplan",
            {"portfolio.communication.created": _("Kommunikationsplan skapad")},
            fields={"intressenter": _("antal intressenter"), **_older_keys("plan")},
        ),
        Actions(
            "portfolio.stakeholder",
            {"portfolio.communication.stakeholder": _("Intressent tillagd")},
            fields=_older_keys("intressent"),
        ),
    ]

    def ready(self) -> None:
        super().ready()
        from gits.meetings import calendar

        calendar.EXTRA_EVENTS.append(_notice_days)
