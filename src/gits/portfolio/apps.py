from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "gits.portfolio"
    label = "portfolio"
    verbose_name = _("Förvaltningsobjekt")
