from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gits.meetings"
    label = "meetings"
    verbose_name = _("Ärenden, sammanträden och beslut")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_rights

        register_rights(
            {
                "meetings.case:change": _("registrera och bereda ärenden"),
                "meetings.meeting:change": _("planera sammanträden, dagordning och närvaro"),
                "meetings.decision:record": _("föra in beslut"),
                "meetings.minutes:generate": _("upprätta protokoll"),
                "meetings.minutes:sign": _("justera protokoll"),
                "meetings.assignment:change": _("ge och återrapportera uppdrag"),
                "meetings.agenda_template:change": _("hålla organens standarddagordning"),
            },
            grants={
                "function_lead": {
                    "meetings.case:change",
                    "meetings.meeting:change",
                    "meetings.decision:record",
                    "meetings.minutes:generate",
                    "meetings.assignment:change",
                    "meetings.agenda_template:change",
                },
                "function_coordinator": {"meetings.case:change"},
                "sitiv_member": {
                    "meetings.decision:record",
                    "meetings.minutes:generate",
                    "meetings.minutes:sign",
                    "meetings.assignment:change",
                },
            },
        )
        navigation.register(
            navigation.NavItem(_("Ärenden"), "meetings:cases", 40, login_required=True)
        )
        navigation.register(navigation.NavItem(_("Sammanträden"), "meetings:meetings", 41))
        navigation.register(navigation.NavItem(_("Beslut"), "meetings:decisions", 42))
        register_actions(
            "meetings.case",
            {
                "meetings.case.registered": _("Ärende registrerat"),
                "meetings.case.changed": _("Ärende ändrat"),
                "meetings.case.moved": _("Ärendets läge ändrat"),
            },
            fields={"diarienummer": _("diarienummer")},
        )
        register_actions(
            "meetings.caseattachment",
            {"meetings.case.attached": _("Bilaga tillagd")},
            fields={"bilaga": _("bilaga")},
        )
        register_actions(
            "meetings.meeting",
            {
                "meetings.meeting.planned": _("Sammanträde planerat"),
                "meetings.meeting.changed": _("Sammanträde ändrat"),
                "meetings.attendance.recorded": _("Närvaro registrerad"),
                "meetings.agenda.standard_applied": _("Standarddagordningen använd"),
                "meetings.agenda.reordered": _("Dagordningens ordning ändrad"),
            },
            fields={
                "närvarande": _("närvarande"),
                "ledde sammanträdet": _("ledde sammanträdet"),
                "dagordning": _("dagordning"),
            },
        )
        register_actions(
            "meetings.agendatemplate",
            {"meetings.agenda_template.saved": _("Standarddagordning sparad")},
        )
        register_actions(
            "meetings.agendaitem",
            {
                "meetings.agenda.added": _("Paragraf tillagd på dagordningen"),
                "meetings.agenda.removed": _("Paragraf borttagen från dagordningen"),
                "meetings.agenda.free_added": _("Punkt utan ärende tillagd på dagordningen"),
            },
            fields={"paragraf": _("paragraf"), "ärende": _("ärende")},
        )
        register_actions(
            "meetings.decision",
            {
                "meetings.decision.recorded": _("Beslut infört"),
                "meetings.decision.amended": _("Beslutstext ändrad"),
            },
            fields={"utfall": _("utfall"), "invändningar": _("invändningar")},
        )
        register_actions(
            "meetings.assignment",
            {
                "meetings.assignment.given": _("Uppdrag givet"),
                "meetings.assignment.reported": _("Uppdrag återrapporterat"),
            },
            fields={
                "till": _("ges till"),
                "senast": _("återrapporteras senast"),
                "återrapporterat": _("återrapporterat"),
            },
        )
        register_actions(
            "meetings.minutes",
            {
                "meetings.minutes.generated": _("Protokoll upprättat"),
                "meetings.minutes.regenerated": _("Protokollsutkast uppdaterat"),
                "meetings.minutes.corrected": _("Protokoll rättat (ny version)"),
                "meetings.minutes.signed": _("Protokoll justerat"),
                "meetings.minutes.withdrawn": _("Protokollsversion tillbakadragen"),
            },
            fields={
                "skäl": _("skäl"),
                "justerad av": _("justerad av"),
                "ledde sammanträdet": _("ledde sammanträdet"),
                "ogiltiga justeringar": _("justeringar som inte längre gäller"),
                "kontrollsumma": _("kontrollsumma (SHA-256) för den låsta filen"),
            },
        )
