from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "gits.bodies"
    label = "bodies"
    verbose_name = _("Organ och ledamöter")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.models import ACTION_LABELS

        navigation.register(navigation.NavItem(_("Organ"), "bodies:list", 20))
        navigation.register(navigation.NavItem(_("Personer"), "bodies:people", 30))
        ACTION_LABELS.update(
            {
                "bodies.person.created": _("Person registrerad"),
                "bodies.person.changed": _("Person ändrad"),
                "bodies.body.created": _("Organ registrerat"),
                "bodies.body.changed": _("Organ ändrat"),
                "bodies.membership.added": _("Uppdrag tillsatt"),
                "bodies.membership.ended": _("Uppdrag avslutat"),
            }
        )
