from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gits.meetings"
    label = "meetings"
    verbose_name = _("Ärenden, sammanträden och beslut")
