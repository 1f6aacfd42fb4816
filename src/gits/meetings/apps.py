from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem


class MeetingsConfig(DomainConfig):
    name = "gits.meetings"
    verbose_name = _("Ärenden, sammanträden och beslut")

    rights = {
        "meetings.case:change": _("registrera och bereda ärenden"),
        "meetings.meeting:change": _("planera sammanträden, dagordning och närvaro"),
        "meetings.decision:record": _("föra in beslut"),
        "meetings.minutes:generate": _("upprätta protokoll"),
        "meetings.minutes:sign": _("justera protokoll"),
        "meetings.assignment:change": _("ge och återrapportera uppdrag"),
        "meetings.agenda_template:change": _("hålla organens standarddagordning"),
    }
    grants = {
        # Every right but signing minutes: the chair and a member sign them.
        "function_lead": set(rights) - {"meetings.minutes:sign"},
        "function_coordinator": {"meetings.case:change"},
        "sitiv_member": {
            "meetings.decision:record",
            "meetings.minutes:generate",
            "meetings.minutes:sign",
            "meetings.assignment:change",
        },
    }
    nav_items = [
        NavItem(_("Ärenden"), "meetings:cases", 40, login_required=True),
        NavItem(_("Sammanträden"), "meetings:meetings", 41),
        NavItem(_("Beslut"), "meetings:decisions", 42),
    ]
    actions = {
        "meetings.case": {
            "meetings.case.registered": _("Ärende registrerat"),
            "meetings.case.changed": _("Ärende ändrat"),
            "meetings.case.moved": _("Ärendets läge ändrat"),
        },
        "meetings.caseattachment": {"meetings.case.attached": _("Bilaga tillagd")},
        "meetings.meeting": {
            "meetings.meeting.planned": _("Sammanträde planerat"),
            "meetings.meeting.changed": _("Sammanträde ändrat"),
            "meetings.attendance.recorded": _("Närvaro registrerad"),
            "meetings.agenda.standard_applied": _("Standarddagordningen använd"),
            "meetings.agenda.reordered": _("Dagordningens ordning ändrad"),
        },
        "meetings.agendatemplate": {
            "meetings.agenda_template.saved": _("Standarddagordning sparad")
        },
        "meetings.agendaitem": {
            "meetings.agenda.added": _("Paragraf tillagd på dagordningen"),
            "meetings.agenda.removed": _("Paragraf borttagen från dagordningen"),
            "meetings.agenda.free_added": _("Punkt utan ärende tillagd på dagordningen"),
        },
        "meetings.decision": {
            "meetings.decision.recorded": _("Beslut infört"),
            "meetings.decision.amended": _("Beslutstext ändrad"),
        },
        "meetings.assignment": {
            "meetings.assignment.given": _("Uppdrag givet"),
            "meetings.assignment.reported": _("Uppdrag återrapporterat"),
        },
        "meetings.minutes": {
            "meetings.minutes.generated": _("Protokoll upprättat"),
            "meetings.minutes.regenerated": _("Protokollsutkast uppdaterat"),
            "meetings.minutes.corrected": _("Protokoll rättat (ny version)"),
            "meetings.minutes.signed": _("Protokoll justerat"),
            "meetings.minutes.withdrawn": _("Protokollsversion tillbakadragen"),
        },
    }
    key_labels = {
        "meetings.case": {"diarienummer": _("diarienummer")},
        "meetings.caseattachment": {"bilaga": _("bilaga")},
        "meetings.meeting": {
            "närvarande": _("närvarande"),
            "ledde sammanträdet": _("ledde sammanträdet"),
            "dagordning": _("dagordning"),
        },
        "meetings.agendaitem": {"paragraf": _("paragraf"), "ärende": _("ärende")},
        "meetings.decision": {"utfall": _("utfall"), "invändningar": _("invändningar")},
        "meetings.assignment": {
            "till": _("ges till"),
            "senast": _("återrapporteras senast"),
            "återrapporterat": _("återrapporterat"),
        },
        "meetings.minutes": {
            "skäl": _("skäl"),
            "justerad av": _("justerad av"),
            "ledde sammanträdet": _("ledde sammanträdet"),
            "ogiltiga justeringar": _("justeringar som inte längre gäller"),
            "kontrollsumma": _("kontrollsumma (SHA-256) för den låsta filen"),
        },
    }

    def ready(self) -> None:
        super().ready()
        from gits.core import navigation
        from gits.meetings import home

        navigation.register_home_panel(
            navigation.HomePanel("meetings/_home_public.html", home.home_panel)
        )
