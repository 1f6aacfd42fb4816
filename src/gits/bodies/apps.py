from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "gits.bodies"
    label = "bodies"
    verbose_name = _("Organ och ledamöter")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_rights

        navigation.register(navigation.NavItem(_("Organ"), "bodies:list", 20))
        navigation.register(navigation.NavItem(_("Personer"), "bodies:people", 30))
        register_rights(
            {"bodies.person:link_account": _("koppla personer till användarkonton")},
            {},  # the administrator only: the link decides who signs as whom
        )
        register_actions(
            "bodies.person",
            {
                "bodies.person.created": _("Person registrerad"),
                "bodies.person.changed": _("Person ändrad"),
                "bodies.person.account_linked": _("Användarkonto kopplat till personen"),
                "bodies.person.account_unlinked": _("Användarkontot kopplat från personen"),
            },
            fields={"organisation": _("organisation")},
        )
        register_actions(
            "bodies.body",
            {
                "bodies.body.created": _("Organ registrerat"),
                "bodies.body.changed": _("Organ ändrat"),
            },
        )
        register_actions(
            "bodies.membership",
            {
                "bodies.membership.added": _("Uppdrag tillsatt"),
                "bodies.membership.ended": _("Uppdrag avslutat"),
            },
            fields={"person": _("person")},
        )
