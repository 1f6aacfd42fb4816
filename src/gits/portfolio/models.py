from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.models import VersionedModel


class ManagedObject(VersionedModel):
    """A co-managed object (förvaltningsobjekt): a system, service or area that the parties
    manage together (R-18)."""

    class Area(models.TextChoices):
        HEALTH_CARE = "health_care", _("Hälsa, vård och omsorg")
        SCHOOL = "school", _("Skola")
        REGIONAL_DEVELOPMENT = "regional_development", _("Regional utveckling")
        INFRASTRUCTURE = "infrastructure", _("Gemensam infrastruktur")
        OTHER = "other", _("Övrigt")

    class Horizon(models.TextChoices):
        SHORT = "short", _("Kort sikt")
        MEDIUM = "medium", _("Medellång sikt")
        LONG = "long", _("Lång sikt")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Förslag")
        EVALUATED = "evaluated", _("Värderad")
        CO_MANAGEMENT_DECIDED = "co_management_decided", _("Beslutad samförvaltning")
        IN_MANAGEMENT = "in_management", _("I förvaltning")
        DECOMMISSIONING_DECIDED = "decommissioning_decided", _("Beslutad avveckling")
        DECOMMISSIONED = "decommissioned", _("Avvecklad")

    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=50, unique=True)
    description = models.TextField(_("beskrivning"), blank=True, default="")
    area = models.CharField(_("område"), max_length=30, choices=Area.choices, default=Area.OTHER)
    horizon = models.CharField(
        _("tidshorisont"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT
    )
    state = models.CharField(
        _("läge"), max_length=30, choices=State.choices, default=State.PROPOSED
    )

    class Meta:
        verbose_name = _("förvaltningsobjekt")
        verbose_name_plural = _("förvaltningsobjekt")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name
