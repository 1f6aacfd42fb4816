from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "gits.organisations"
    label = "organisations"
    verbose_name = _("Organisationer")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.models import ACTION_LABELS

        navigation.register(navigation.NavItem(_("Organisationer"), "organisations:list", 10))
        ACTION_LABELS.update(
            {
                "organisations.organisation.created": _("Organisation registrerad"),
                "organisations.organisation.changed": _("Organisation ändrad"),
                "organisations.population.recorded": _("Folkmängd registrerad"),
                "organisations.population.changed": _("Folkmängd ändrad"),
                "organisations.population.imported": _("Folkmängd importerad"),
            }
        )
