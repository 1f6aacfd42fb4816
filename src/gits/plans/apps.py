from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem


class PlansConfig(DomainConfig):
    name = "gits.plans"
    verbose_name = _("Planer och rapporter")

    rights = {
        "plans.plan:change": _("skriva förvaltningsplaner"),
        "plans.plan:approve": _("registrera SITIV:s godkännande av förvaltningsplaner"),
        "plans.status:write": _("skriva statusrapporter"),
        "plans.pack:compile": _("sammanställa utskick"),
        "plans.deviation:change": _("registrera avvikelser"),
        "plans.quarterly:change": _("skriva kvartalsrapporter"),
        "plans.quarterly:publish": _("publicera kvartalsrapporter"),
        "plans.activity:change": _("skriva och följa upp verksamhetsplanen"),
    }
    grants = {
        "function_lead": set(rights),
        "function_coordinator": {
            "plans.plan:change",
            "plans.status:write",
            "plans.deviation:change",
        },
    }
    # The status reports due are on the start page through "Mitt arbete" (core/mywork.py).
    nav_items = [NavItem(_("Planer och rapporter"), "plans:index", 50, login_required=True)]
    actions = {
        "plans.managementplan": {
            "plans.plan.created": _("Förvaltningsplan skapad"),
            "plans.plan.changed": _("Förvaltningsplan ändrad"),
            "plans.plan.resources": _("Förvaltningsplanens resurser ändrade"),
            "plans.plan.submitted": _("Förvaltningsplan skickad till SITIV"),
            "plans.plan.approved": _("Förvaltningsplan godkänd"),
        },
        "plans.statusreport": {
            "plans.status.saved": _("Statusrapport sparad"),
            "plans.status.submitted": _("Statusrapport inlämnad"),
        },
        "plans.meetingpack": {"plans.pack.compiled": _("Utskick sammanställt")},
        "plans.deviation": {"plans.deviation.recorded": _("Avvikelse registrerad")},
        "plans.quarterlyreport": {
            "plans.quarterly.drafted": _("Kvartalsrapport sammanställd"),
            "plans.quarterly.changed": _("Kvartalsrapport ändrad"),
            "plans.quarterly.published": _("Kvartalsrapport publicerad"),
        },
        "plans.activityplan": {"plans.activity.created": _("Verksamhetsplan skapad")},
        "plans.goal": {
            "plans.goal.added": _("Mål tillagt"),
            "plans.goal.followed_up": _("Mål uppföljt"),
        },
    }
    key_labels = {
        "plans.managementplan": {
            "resurser": _("resurser"),
            "sammanträde": _("sammanträde"),
            "godkänd genom": _("godkänd genom"),
        },
        "plans.meetingpack": {"automatiskt": _("automatiskt")},
        "plans.deviation": {
            "avvikelse": _("avvikelse"),
            "allvarlighetsgrad": _("allvarlighetsgrad"),
        },
        "plans.quarterlyreport": {"period": _("period"), "publicerad": _("publicerad")},
        "plans.activityplan": {"år": _("år")},
        "plans.goal": {"mål": _("mål")},
    }

    def ready(self) -> None:
        super().ready()
        from gits.core import navigation
        from gits.plans.panels import meeting_panel

        navigation.register_page_panel(
            "meeting", navigation.PagePanel("plans/_meeting_panel.html", meeting_panel)
        )
