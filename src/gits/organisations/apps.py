from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem


class OrganisationsConfig(DomainConfig):
    name = "gits.organisations"
    verbose_name = _("Organisationer")

    # Rights per party: a municipality's population figures are its own.
    owners = {"organisations.PopulationFigure": lambda f: f.municipality}
    nav_items = [NavItem(_("Organisationer"), "organisations:list", 10)]
    actions = {
        "organisations.organisation": {
            "organisations.organisation.created": _("Organisation registrerad"),
            "organisations.organisation.changed": _("Organisation ändrad"),
        },
        "organisations.populationfigure": {
            "organisations.population.recorded": _("Folkmängd registrerad"),
            # No service writes this code (a changed figure is recorded again); labelled
            # since the first release, so kept for any entry that carries it.
            "organisations.population.changed": _("Folkmängd ändrad"),
            "organisations.population.imported": _("Folkmängd importerad"),
        },
    }
