import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.core.fields import optional_date, optional_text, organisation_fk, protected_fk
from gits.core.models import Named, VersionedModel
from gits.organisations.models import Side


class Person(VersionedModel):
    """A person who sits in a body or works in the joint function. Contact details are shown
    to signed-in users only."""

    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    title = optional_text(_("befattning"), 200)
    organisation = organisation_fk(_("organisation"), optional=True, related_name="people")
    email = models.EmailField(_("e-post"), blank=True, default="")
    phone = optional_text(_("telefon"), 40)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("användarkonto"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Body(Named, VersionedModel):
    """A body (organ) such as SITIV, its working committee or the preparation group, with its
    composition rule: seats per side (R-4), and whether the chair rotates (R-5)."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Styrgrupp")
        WORKING_COMMITTEE = "working_committee", _("Arbetsutskott / presidium")
        PREPARATION_GROUP = "preparation_group", _("Beredningsgrupp")
        MANAGEMENT_TEAM = "management_team", _("Förvaltargrupp")
        PROCESS_OWNER = "process_owner", _("Processägare (objektets styrgrupp)")
        REFERENCE_GROUP = "reference_group", _("Referensgrupp")
        POLITICAL_COUNCIL = "political_council", _("Politiskt samrådsorgan")
        OTHER = "other", _("Annat organ")

    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=50, unique=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    description = optional_text(_("beskrivning"))
    parent = protected_fk("self", _("utses av / ingår i"), optional=True, related_name="children")
    members_from_parent = models.BooleanField(
        _("ledamöter utses ur överordnat organ"),
        default=False,
        help_text=_("Ledamöterna måste själva vara ledamöter i det överordnade organet."),
    )
    seats_region = models.PositiveSmallIntegerField(_("platser för regionen"), default=0)
    seats_municipalities = models.PositiveSmallIntegerField(_("platser för kommunerna"), default=0)
    chair_rotates = models.BooleanField(
        _("ordförandeskapet växlar årligen mellan sidorna"), default=False
    )
    chair_base_year = models.PositiveSmallIntegerField(
        _("basår för växlingen"), null=True, blank=True
    )
    chair_base_side = models.CharField(
        _("ordförandesida basåret"), max_length=20, choices=Side.choices, blank=True, default=""
    )
    min_meetings_per_year = models.PositiveSmallIntegerField(
        _("minsta antal sammanträden per år"), default=0
    )
    material_days = models.PositiveSmallIntegerField(
        _("underlag senast (dagar före sammanträdet)"), default=10
    )

    NAME_FIELD = "short_name"

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["pk"]

    def seats_for(self, side: str) -> int:
        return self.seats_region if side == Side.REGION else self.seats_municipalities

    @property
    def seats_total(self) -> int:
        return self.seats_region + self.seats_municipalities


class Membership(VersionedModel):
    """A person's assignment (uppdrag) in a body: side, role and term (R-8). Memberships are
    ended, never deleted, so the body's composition on any past date can be shown."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Ledamot")
        SUBSTITUTE = "substitute", _("Ersättare")
        COOPTED = "coopted", _("Adjungerad")
        CHAIR = "chair", _("Ordförande")
        VICE_CHAIR = "vice_chair", _("Vice ordförande")
        SECRETARY = "secretary", _("Sekreterare")

    # Roles that occupy one of the side's seats; the others attend without a seat.
    SEAT_ROLES = frozenset({Role.MEMBER, Role.CHAIR, Role.VICE_CHAIR})
    # Roles of which a body has at most one at a time.
    SINGLE_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY})

    body = protected_fk(Body, _("organ"), related_name="memberships")
    person = protected_fk(Person, _("person"), related_name="memberships")
    side = models.CharField(_("sida"), max_length=20, choices=Side.choices)
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("från"))
    end_date = optional_date(_("till och med"))
    note = optional_text(_("anmärkning"), 300)

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["body", "side", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    @property
    def holds_seat(self) -> bool:
        return self.role in self.SEAT_ROLES

    def active_on(self, date: dt.date) -> bool:
        return self.start_date <= date and (self.end_date is None or self.end_date >= date)


def active_on(date: dt.date) -> Q:
    """Filter for memberships active on date."""
    return Q(start_date__lte=date) & (Q(end_date__isnull=True) | Q(end_date__gte=date))
