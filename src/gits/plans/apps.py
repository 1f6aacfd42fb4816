from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "gits.plans"
    label = "plans"
    verbose_name = _("Planer och rapporter")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_rights

        register_rights(
            {
                "plans.plan:change": _("skriva förvaltningsplaner"),
                "plans.plan:approve": _("registrera SITIV:s godkännande av förvaltningsplaner"),
                "plans.status:write": _("skriva statusrapporter"),
                "plans.pack:compile": _("sammanställa utskick"),
                "plans.deviation:change": _("registrera avvikelser"),
                "plans.quarterly:change": _("skriva kvartalsrapporter"),
                "plans.quarterly:publish": _("publicera kvartalsrapporter"),
                "plans.activity:change": _("skriva och följa upp verksamhetsplanen"),
            },
            grants={
                "function_lead": {
                    "plans.plan:change",
                    "plans.plan:approve",
                    "plans.status:write",
                    "plans.pack:compile",
                    "plans.deviation:change",
                    "plans.quarterly:change",
                    "plans.quarterly:publish",
                    "plans.activity:change",
                },
                "function_coordinator": {
                    "plans.plan:change",
                    "plans.status:write",
                    "plans.deviation:change",
                },
            },
        )
        navigation.register(
            navigation.NavItem(_("Planer och rapporter"), "plans:index", 50, login_required=True)
        )
        # The status reports due are on the start page through "Mitt arbete" (core/mywork.py).
        from gits.plans.panels import meeting_panel

        navigation.register_page_panel(
            "meeting", navigation.PagePanel("plans/_meeting_panel.html", meeting_panel)
        )
        register_actions(
            "plans.managementplan",
            {
                "plans.plan.created": _("Förvaltningsplan skapad"),
                "plans.plan.changed": _("Förvaltningsplan ändrad"),
                "plans.plan.resources": _("Förvaltningsplanens resurser ändrade"),
                "plans.plan.submitted": _("Förvaltningsplan skickad till SITIV"),
                "plans.plan.approved": _("Förvaltningsplan godkänd"),
            },
            fields={
                "resurser": _("resurser"),
                "sammanträde": _("sammanträde"),
                "godkänd genom": _("godkänd genom"),
            },
        )
        register_actions(
            "plans.statusreport",
            {
                "plans.status.saved": _("Statusrapport sparad"),
                "plans.status.submitted": _("Statusrapport inlämnad"),
            },
        )
        register_actions(
            "plans.meetingpack",
            {"plans.pack.compiled": _("Utskick sammanställt")},
            fields={"automatiskt": _("automatiskt")},
        )
        register_actions(
            "plans.deviation",
            {"plans.deviation.recorded": _("Avvikelse registrerad")},
            fields={
                "avvikelse": _("avvikelse"),
                "allvarlighetsgrad": _("allvarlighetsgrad"),
            },
        )
        register_actions(
            "plans.quarterlyreport",
            {
                "plans.quarterly.drafted": _("Kvartalsrapport sammanställd"),
                "plans.quarterly.changed": _("Kvartalsrapport ändrad"),
                "plans.quarterly.published": _("Kvartalsrapport publicerad"),
            },
            fields={"period": _("period"), "publicerad": _("publicerad")},
        )
        register_actions(
            "plans.activityplan",
            {"plans.activity.created": _("Verksamhetsplan skapad")},
            fields={"år": _("år")},
        )
        register_actions(
            "plans.goal",
            {
                "plans.goal.added": _("Mål tillagt"),
                "plans.goal.followed_up": _("Mål uppföljt"),
            },
            fields={"mål": _("mål")},
        )
