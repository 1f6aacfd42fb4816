from typing import Any

from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
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
    actions = {
        "portfolio.managedobject": {
            "portfolio.object.proposed": _("Förvaltningsobjekt föreslaget"),
            "portfolio.object.changed": _("Förvaltningsobjekt ändrat"),
            "portfolio.object.moved": _("Förvaltningsobjektets läge ändrat"),
        },
        "portfolio.objectrole": {
            "portfolio.role.assigned": _("Roll tilldelad"),
            "portfolio.role.ended": _("Roll avslutad"),
        },
        "portfolio.evaluation": {"portfolio.evaluation.recorded": _("Värdering registrerad")},
        "portfolio.supportcontact": {"portfolio.contact.set": _("Kontakt namngiven")},
        "portfolio.supportrequest": {
            "portfolio.support.created": _("Supportärende registrerat"),
            "portfolio.support.moved": _("Supportärendets läge ändrat"),
        },
        "portfolio.agreement": {
            "portfolio.agreement.created": _("Avtal registrerat"),
            "portfolio.agreement.changed": _("Avtal ändrat"),
            "portfolio.agreement.signed": _("Avtal undertecknat av en part"),
            "portfolio.agreement.replacement_drafted": _("Nytt avtal upprättat som ersättning"),
            "portfolio.agreement.replaced": _("Avtal ersatt av nytt avtal"),
            "portfolio.agreement.draft_deleted": _("Utkast till avtal borttaget"),
        },
        "portfolio.agreementcontact": {
            "portfolio.agreement.contact_added": _("Kontaktperson för avtal namngiven"),
            "portfolio.agreement.contact_removed": _("Kontaktperson för avtal borttagen"),
        },
        "portfolio.initiative": {"portfolio.initiative.saved": _("Utvecklingsaktivitet sparad")},
        "portfolio.communicationplan": {
            "portfolio.communication.created": _("Kommunikationsplan skapad")
        },
        "portfolio.stakeholder": {"portfolio.communication.stakeholder": _("Intressent tillagd")},
    }
    key_labels = {
        "portfolio.managedobject": {"beslut": _("beslut")},
        "portfolio.objectrole": _older_keys("roll", "innehavare", "från", "till"),
        "portfolio.evaluation": _older_keys("rekommenderar", "användare"),
        "portfolio.supportcontact": _older_keys("part", "typ", "namn"),
        "portfolio.supportrequest": _older_keys("rubrik"),
        "portfolio.agreement": {
            "parter": _("parter"),
            "signatures": _("underskrifter (strukna när villkoren ändrades)"),
            "signatory_party": _("undertecknat för"),
            "signatory": _("undertecknat av"),
            "signature_date": _("undertecknat den"),
            "replaced_by": _("ersätts av"),
        },
        "portfolio.communicationplan": {
            "intressenter": _("antal intressenter"),
            **_older_keys("plan"),
        },
        "portfolio.stakeholder": _older_keys("intressent"),
    }

    def ready(self) -> None:
        super().ready()
        from gits.meetings import calendar
        from gits.portfolio.work import register_work

        calendar.EXTRA_EVENTS.append(_notice_days)
        register_work()
