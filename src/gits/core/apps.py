from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gits.core"
    label = "core"
    verbose_name = _("Gemensamt")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.mywork_sources import register_builtin_sources

        navigation.register(navigation.NavItem(_("Start"), "core:home", 0))
        navigation.register(
            navigation.NavItem(_("Historik"), "core:audit", 90, right="core.audit:view")
        )
        register_builtin_sources()
