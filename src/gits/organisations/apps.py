from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "gits.organisations"
    label = "organisations"
    verbose_name = _("Organisationer")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_owner

        # Rights per party: a municipality's population figures are its own.
        register_owner("organisations.PopulationFigure", lambda f: f.municipality)
        navigation.register(navigation.NavItem(_("Organisationer"), "organisations:list", 10))
        register_actions(
            "organisations.organisation",
            {
                "organisations.organisation.created": _("Organisation registrerad"),
                "organisations.organisation.changed": _("Organisation ändrad"),
            },
        )
        register_actions(
            "organisations.populationfigure",
            {
                "organisations.population.recorded": _("Folkmängd registrerad"),
                # No service writes this code (a changed figure is recorded again); labelled
                # since the first release, so kept for any entry that carries it.
                "organisations.population.changed": _("Folkmängd ändrad"),
                "organisations.population.imported": _("Folkmängd importerad"),
            },
        )
