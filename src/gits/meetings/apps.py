from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gits.meetings"
    label = "meetings"
    verbose_name = _("Ärenden, sammanträden och beslut")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.models import ACTION_LABELS
        from gits.core.permissions import register_rights

        register_rights(
            {
                "meetings.case:change": _("registrera och bereda ärenden"),
                "meetings.meeting:change": _("planera sammanträden, dagordning och närvaro"),
                "meetings.decision:record": _("föra in beslut"),
                "meetings.minutes:generate": _("upprätta protokoll"),
                "meetings.minutes:sign": _("justera protokoll"),
                "meetings.assignment:change": _("ge och återrapportera uppdrag"),
            },
            grants={
                "function_lead": {
                    "meetings.case:change",
                    "meetings.meeting:change",
                    "meetings.decision:record",
                    "meetings.minutes:generate",
                    "meetings.assignment:change",
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
        ACTION_LABELS.update(
            {
                "meetings.case.registered": _("Ärende registrerat"),
                "meetings.case.changed": _("Ärende ändrat"),
                "meetings.case.moved": _("Ärendets läge ändrat"),
                "meetings.case.attached": _("Bilaga tillagd"),
                "meetings.meeting.planned": _("Sammanträde planerat"),
                "meetings.meeting.changed": _("Sammanträde ändrat"),
                "meetings.agenda.added": _("Paragraf tillagd på dagordningen"),
                "meetings.agenda.removed": _("Paragraf borttagen från dagordningen"),
                "meetings.attendance.recorded": _("Närvaro registrerad"),
                "meetings.decision.recorded": _("Beslut infört"),
                "meetings.decision.amended": _("Beslutstext ändrad"),
                "meetings.assignment.given": _("Uppdrag givet"),
                "meetings.assignment.reported": _("Uppdrag återrapporterat"),
                "meetings.minutes.generated": _("Protokoll upprättat"),
                "meetings.minutes.regenerated": _("Protokollsutkast uppdaterat"),
                "meetings.minutes.corrected": _("Protokoll rättat (ny version)"),
                "meetings.minutes.signed": _("Protokoll justerat"),
            }
        )
