from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "gits.portfolio"
    label = "portfolio"
    verbose_name = _("Förvaltningsobjekt")

    def ready(self) -> None:
        import datetime as dt

        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_owner, register_rights
        from gits.meetings import calendar

        # Rights per party: whose record it is (core/permissions.py, `acts_for`).
        register_owner("portfolio.SupportContact", lambda c: c.party)
        register_owner("portfolio.SupportRequest", lambda r: r.party)
        register_owner("portfolio.ObjectRole", lambda r: [r.organisation, r.person])
        register_owner("portfolio.AgreementSignature", lambda s: s.party)
        register_owner("portfolio.AgreementContact", lambda c: c.party)

        register_rights(
            {
                "portfolio.object:change": _("registrera och ändra förvaltningsobjekt"),
                "portfolio.object:move": _("flytta förvaltningsobjekt i livscykeln"),
                "portfolio.evaluation:change": _("värdera förvaltningsobjekt"),
                "portfolio.contact:change": _("namnge kontakter för support"),
                "portfolio.support:change": _("registrera och hantera supportärenden"),
                "portfolio.agreement:change": _("registrera och ändra avtal"),
            },
            grants={
                "function_lead": {
                    "portfolio.object:change",
                    "portfolio.object:move",
                    "portfolio.evaluation:change",
                    "portfolio.contact:change",
                    "portfolio.support:change",
                    "portfolio.agreement:change",
                },
                "function_coordinator": {
                    "portfolio.object:change",
                    "portfolio.evaluation:change",
                    "portfolio.contact:change",
                    "portfolio.support:change",
                },
                "municipal_contact": {"portfolio.contact:change", "portfolio.support:change"},
            },
        )
        navigation.register(navigation.NavItem(_("Förvaltningsobjekt"), "portfolio:list", 35))
        navigation.register(navigation.NavItem(_("Avtal"), "portfolio:agreements", 36))

        def notice_days(body):
            # Notice days of agreements go into the steering group's calendar.
            if body.kind != "steering_group":
                return []
            from gits.portfolio.selectors import notice_events

            today = dt.date.today()
            return notice_events(today - dt.timedelta(days=365), today + dt.timedelta(days=3 * 365))

        calendar.EXTRA_EVENTS.append(notice_days)
        register_actions(
            "portfolio.managedobject",
            {
                "portfolio.object.proposed": _("Förvaltningsobjekt föreslaget"),
                "portfolio.object.changed": _("Förvaltningsobjekt ändrat"),
                "portfolio.object.moved": _("Förvaltningsobjektets läge ändrat"),
            },
            fields={"beslut": _("beslut")},
        )
        register_actions(
            "portfolio.objectrole",
            {
                "portfolio.role.assigned": _("Roll tilldelad"),
                "portfolio.role.ended": _("Roll avslutad"),
            },
            # "person" is its field's own name too, so the registry names it outright.
            fields={"person": _("person"), **_older_keys("roll", "innehavare", "från", "till")},
        )
        register_actions(
            "portfolio.evaluation",
            {"portfolio.evaluation.recorded": _("Värdering registrerad")},
            fields=_older_keys("rekommenderar", "användare"),
        )
        register_actions(
            "portfolio.supportcontact",
            {"portfolio.contact.set": _("Kontakt namngiven")},
            fields=_older_keys("part", "typ", "namn"),
        )
        register_actions(
            "portfolio.supportrequest",
            {
                "portfolio.support.created": _("Supportärende registrerat"),
                "portfolio.support.moved": _("Supportärendets läge ändrat"),
            },
            fields=_older_keys("rubrik"),
        )
        register_actions(
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
        )
        register_actions(
            "portfolio.agreementcontact",
            {
                "portfolio.agreement.contact_added": _("Kontaktperson för avtal namngiven"),
                "portfolio.agreement.contact_removed": _("Kontaktperson för avtal borttagen"),
            },
        )
        register_actions(
            "portfolio.initiative",
            {"portfolio.initiative.saved": _("Utvecklingsaktivitet sparad")},
        )
        register_actions(
            "portfolio.communicationplan",
            {"portfolio.communication.created": _("Kommunikationsplan skapad")},
            fields={"intressenter": _("antal intressenter"), **_older_keys("plan")},
        )
        register_actions(
            "portfolio.stakeholder",
            {"portfolio.communication.stakeholder": _("Intressent tillagd")},
            fields=_older_keys("intressent"),
        )


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
