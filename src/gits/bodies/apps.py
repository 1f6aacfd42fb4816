from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem


class BodiesConfig(DomainConfig):
    name = "gits.bodies"
    verbose_name = _("Organ och ledamöter")

    # The administrator only: the link decides who signs as whom.
    rights = {"bodies.person:link_account": _("koppla personer till användarkonton")}
    nav_items = [
        NavItem(_("Organ"), "bodies:list", 20),
        NavItem(_("Personer"), "bodies:people", 30),
    ]
    actions = {
        "bodies.person": {
            "bodies.person.created": _("Person registrerad"),
            "bodies.person.changed": _("Person ändrad"),
            "bodies.person.account_linked": _("Användarkonto kopplat till personen"),
            "bodies.person.account_unlinked": _("Användarkontot kopplat från personen"),
        },
        "bodies.body": {
            "bodies.body.created": _("Organ registrerat"),
            "bodies.body.changed": _("Organ ändrat"),
        },
        "bodies.membership": {
            "bodies.membership.added": _("Uppdrag tillsatt"),
            "bodies.membership.ended": _("Uppdrag avslutat"),
        },
    }
