from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem


class CoreConfig(DomainConfig):
    name = "gits.core"
    verbose_name = _("Gemensamt")

    nav_items = [
        NavItem(_("Start"), "core:home", 0),
        NavItem(_("Historik"), "core:audit", 90, right="core.audit:view"),
    ]

    def ready(self) -> None:
        super().ready()
        from gits.core.mywork_sources import register_builtin_sources

        register_builtin_sources()
