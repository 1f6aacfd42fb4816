from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gits.core.fields import optional_text, parent_fk, protected_fk
from gits.core.models import Named, VersionedModel, unique


class Side(models.TextChoices):
    """The two sides of every parity rule (R-4)."""

    REGION = "region", pgettext_lazy("sida", "Regionen")
    MUNICIPALITIES = "municipalities", pgettext_lazy("sida", "Kommunerna")

    @classmethod
    def other(cls, side: str) -> "Side":
        return cls.MUNICIPALITIES if side == cls.REGION else cls.REGION


class Organisation(Named, VersionedModel):
    """An organisation in the register: the region, the municipalities (together the parties
    of the agreement), the municipal association and the federations."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Kommun")
        ASSOCIATION = "association", _("Kommunernas förening")
        FEDERATION = "federation", _("Kommunalförbund")
        OTHER = "other", _("Annan organisation")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = optional_text(_("kortnamn"), 50)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, default="", db_index=True
    )
    scb_code = models.CharField(
        _("kommunkod"), max_length=4, blank=True, default="", help_text=_("SCB:s kod, fyra siffror")
    )
    federation = protected_fk(
        "self",
        _("kommunalförbund"),
        optional=True,
        related_name="members",
        limit_choices_to={"kind": "federation"},
    )
    website = models.URLField(_("webbplats"), blank=True, default="")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            unique(
                "scb_code", condition=~models.Q(scb_code=""), name="organisation_unique_scb_code"
            ),
            unique(
                "org_number",
                condition=~models.Q(org_number=""),
                name="organisation_unique_org_number",
            ),
        ]

    @property
    def is_party(self) -> bool:
        """The parties (huvudmän) of the agreement are the region and the municipalities."""
        return self.kind in (self.Kind.REGION, self.Kind.MUNICIPALITY)

    @property
    def side(self) -> str | None:
        """The side an organisation belongs to for parity: the region's own, or the
        municipalities' (which also holds their association and federations). None for
        an organisation outside the agreement."""
        if self.kind == self.Kind.REGION:
            return Side.REGION
        if self.kind == self.Kind.OTHER:
            return None
        return Side.MUNICIPALITIES

    def get_side_display(self) -> str:
        return str(Side(self.side).label) if self.side else ""


class PopulationFigure(models.Model):
    """The population (folkmängd) of a municipality on a reference date, with its source (R-2)."""

    municipality = parent_fk(Organisation, _("kommun"), related_name="population_figures")
    reference_date = models.DateField(_("avser datum"))
    population = models.PositiveIntegerField(_("folkmängd"))
    source = models.CharField(_("källa"), max_length=300)
    note = optional_text(_("anmärkning"), 300)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängd")
        ordering = ["municipality__name", "-reference_date"]
        constraints = [unique("municipality", "reference_date", name="population_one_per_date")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.population} ({self.reference_date})"

    @property
    def is_year_end(self) -> bool:
        return self.reference_date.month == 12 and self.reference_date.day == 31
