from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "gits.portfolio"
    label = "portfolio"
    verbose_name = _("Förvaltningsobjekt")

    def ready(self) -> None:
        import datetime as dt

        from gits.core import navigation
        from gits.core.models import ACTION_LABELS
        from gits.core.permissions import register_rights
        from gits.meetings import calendar

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
        ACTION_LABELS.update(
            {
                "portfolio.object.proposed": _("Förvaltningsobjekt föreslaget"),
                "portfolio.object.changed": _("Förvaltningsobjekt ändrat"),
                "portfolio.object.moved": _("Förvaltningsobjektets läge ändrat"),
                "portfolio.role.assigned": _("Roll tilldelad"),
                "portfolio.role.ended": _("Roll avslutad"),
                "portfolio.evaluation.recorded": _("Värdering registrerad"),
                "portfolio.contact.set": _("Kontakt namngiven"),
                "portfolio.support.created": _("Supportärende registrerat"),
                "portfolio.support.moved": _("Supportärendets läge ändrat"),
                "portfolio.agreement.created": _("Avtal registrerat"),
                "portfolio.agreement.changed": _("Avtal ändrat"),
                "portfolio.initiative.saved": _("Utvecklingsaktivitet sparad"),
                "portfolio.communication.created": _("Kommunikationsplan skapad"),
                "portfolio.communication.stakeholder": _("Intressent tillagd"),
            }
        )
