from __future__ import annotations

from typing import Any

from django.conf import settings
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


def _object_link(
    related_name: str, on_delete: Any = models.CASCADE, **options: Any
) -> models.ForeignKey:
    """The object a record belongs to."""
    return models.ForeignKey(
        ManagedObject,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("förvaltningsobjekt"),
        **options,
    )


def _optional_link(to: str, verbose_name: Any, related_name: str = "+") -> models.ForeignKey:
    """An optional link to a record of another register, which cannot be deleted while it
    is linked."""
    return models.ForeignKey(
        to,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class StateChange(models.Model):
    """A move of an object in its lifecycle, with the decision behind it when it needs one."""

    managed_object = _object_link("state_changes")
    from_state = models.CharField(max_length=30, choices=ManagedObject.State.choices)
    to_state = models.CharField(max_length=30, choices=ManagedObject.State.choices)
    date = models.DateField(_("datum"))
    decision = _optional_link("meetings.Decision", _("beslut"), related_name="object_moves")
    decision_reference = models.CharField(
        _("beslutsreferens"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("För beslut fattade före systemet, t.ex. ”SITIV 2010-11-05 § 4”."),
    )
    note = models.CharField(_("anmärkning"), max_length=300, blank=True, default="")
    actor_name = models.CharField(max_length=150, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.managed_object}: {self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def decision_label(self) -> str:
        return str(self.decision) if self.decision_id else self.decision_reference


class ObjectRole(models.Model):
    """Who holds a role for an object, over a term (from, to)."""

    class Role(models.TextChoices):
        SYSTEM_OWNER = "system_owner", _("Central systemägare")
        SYSTEM_MANAGER = "system_manager", _("Systemförvaltare")
        COORDINATOR = "coordinator", _("Funktionskoordinator")
        PROCESS_OWNER = "process_owner", _("Processägare")
        INFORMATION_OWNER = "information_owner", _("Informationsägare")

    managed_object = _object_link("roles")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    body = _optional_link("bodies.Body", _("organ"))
    person = _optional_link("bodies.Person", _("person"), related_name="object_roles")
    organisation = _optional_link("organisations.Organisation", _("part"))
    holder_text = models.CharField(
        _("innehavare (fritext)"), max_length=200, blank=True, default=""
    )
    start_date = models.DateField(_("från"))
    end_date = models.DateField(_("till och med"), null=True, blank=True)

    class Meta:
        ordering = ["role", "start_date"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.holder}"

    @property
    def holder(self) -> str:
        return str(self.body or self.person or self.organisation or self.holder_text)


class Criterion(models.Model):
    """A criterion for co-management (R-19). Data: the review may change them."""

    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("kriterium"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, default="")
    active = models.BooleanField(_("används"), default=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Evaluation(models.Model):
    """An evaluation of an object against the criteria, with users per side and a
    recommendation SITIV can decide on (R-19)."""

    managed_object = _object_link("evaluations")
    date = models.DateField(_("datum"))
    users_region = models.PositiveIntegerField(_("användare i regionen"), default=0)
    users_municipalities = models.PositiveIntegerField(_("användare i kommunerna"), default=0)
    recommend = models.BooleanField(_("rekommenderar samförvaltning"), default=False)
    recommendation = models.TextField(_("rekommendation"), blank=True, default="")
    created_by = models.CharField(_("värderad av"), max_length=150, blank=True, default="")

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Värdering {self.managed_object} {self.date}"

    @property
    def users_total(self) -> int:
        return self.users_region + self.users_municipalities

    @property
    def share_municipalities(self) -> int | None:
        """The municipalities' share of the users, in whole per cent."""
        total = self.users_total
        return round(100 * self.users_municipalities / total) if total else None


class Judgement(models.Model):
    class Verdict(models.TextChoices):
        MET = "met", _("Uppfyllt")
        PARTLY = "partly", _("Delvis uppfyllt")
        NOT_MET = "not_met", _("Ej uppfyllt")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="judgements")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The criterion as it read when the evaluation was made: an old evaluation keeps its criteria.
    criterion_text = models.CharField(_("kriterium"), max_length=300)
    verdict = models.CharField(_("bedömning"), max_length=8, choices=Verdict.choices)
    grounds = models.TextField(_("motivering"), blank=True, default="")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.criterion_text}: {self.get_verdict_display()}"


class SupportContact(models.Model):
    """Per object and party, a business contact and a technical first-line contact."""

    class Kind(models.TextChoices):
        BUSINESS = "business", _("Verksamhetskontakt")
        TECHNICAL = "technical", _("Teknisk kontakt (första linjen)")

    managed_object = _object_link("contacts")
    party = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("part"),
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True, default="")
    phone = models.CharField(_("telefon"), max_length=40, blank=True, default="")

    class Meta:
        ordering = ["party__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["managed_object", "party", "kind"], name="one_contact_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})"


class SupportRequest(VersionedModel):
    """A second-line support request to the management team."""

    class State(models.TextChoices):
        NEW = "new", _("Ny")
        IN_PROGRESS = "in_progress", _("Pågår")
        RESOLVED = "resolved", _("Löst")
        CLOSED = "closed", _("Stängd")

    managed_object = _object_link("support_requests", on_delete=models.PROTECT)
    party = _optional_link("organisations.Organisation", _("från part"))
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"))
    state = models.CharField(_("läge"), max_length=12, choices=State.choices, default=State.NEW)
    reported_by = models.CharField(_("anmält av"), max_length=150, blank=True, default="")
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Agreement(VersionedModel):
    """An agreement: the parties' agreement on the joint function, or a supplier or operations
    agreement of an object (R-27). The renewal length is data: the seeds disagree.

    A draft can be edited; when every party has signed it is signed and its terms are frozen.
    A change of terms is a new agreement that replaces this one (seed 002, Bilaga 2:
    "Nytt avtal ersätter tidigare avtal"); when the new one is signed, this one is replaced
    and ends on the new one's start."""

    class Kind(models.TextChoices):
        JOINT_FUNCTION = "joint_function", _("Avtal om den gemensamma funktionen")
        SUPPLIER = "supplier", _("Leverantörsavtal")
        OPERATIONS = "operations", _("Driftavtal")

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SIGNED = "signed", _("Undertecknat")
        REPLACED = "replaced", _("Ersatt")

    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("benämning"), max_length=200)
    managed_object = _object_link("agreements", on_delete=models.PROTECT, null=True, blank=True)
    parties = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="agreements",
        verbose_name=_("parter"),
    )
    counterparty = models.CharField(
        _("motpart (leverantör)"), max_length=200, blank=True, default=""
    )
    start_date = models.DateField(_("första period från"))
    first_end = models.DateField(_("första period till och med"))
    renewal_years = models.PositiveSmallIntegerField(
        _("förlängs med (år)"), default=1, help_text=_("0 = förlängs inte.")
    )
    notice_months = models.PositiveSmallIntegerField(_("uppsägningstid (månader)"), default=0)
    terminated_on = models.DateField(_("upphör (efter uppsägning)"), null=True, blank=True)
    notes = models.TextField(_("anmärkning"), blank=True, default="")
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.DRAFT)
    signed_on = models.DateField(_("undertecknat av alla parter den"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("ersätter"),
    )
    replaced_on = models.DateField(_("ersatt från och med"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "start_date"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def in_force(self) -> bool:
        """Signed by every party (a replaced agreement was in force until it was replaced)."""
        return self.state != self.State.DRAFT

    @property
    def replacement(self) -> Agreement | None:
        """The agreement that replaces (or, as a draft, is to replace) this one."""
        try:
            return self.replaced_by
        except Agreement.DoesNotExist:
            return None


class AgreementSignature(models.Model):
    """One party's signature of an agreement: who signed (a person of the register, a user, or
    a name for someone outside the register such as a supplier's representative), for which
    party and when. A party is one of the agreement's parties, or its counterparty (the
    supplier) when `party` is empty."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("avtal")
    )
    party = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undertecknat för part"),
        help_text=_("Tomt: avtalets motpart (leverantören)."),
    )
    person = models.ForeignKey(
        "bodies.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_signatures",
        verbose_name=_("undertecknat av (person)"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undertecknat av (användare)"),
    )
    signer_name = models.CharField(
        _("undertecknat av (namn)"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("För den som inte finns i personregistret, t.ex. leverantörens företrädare."),
    )
    signed_on = models.DateField(_("undertecknat den"))
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_signature_per_party"),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(party__isnull=True),
                name="one_signature_of_the_counterparty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_label}: {self.signer} {self.signed_on.isoformat()}"

    @property
    def party_label(self) -> str:
        return str(self.party) if self.party_id else self.agreement.counterparty

    @property
    def signer(self) -> str:
        """The name of who signed: the person, the name as written, else the user's name."""
        if self.person_id:
            return str(self.person)
        if self.signer_name:
            return self.signer_name
        if self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return ""


class AgreementContact(models.Model):
    """A named contact person of a party to an agreement (seed 002: "Kontaktpersoner" per
    party, who "respektive part meddelar skriftligen ... vid byte"). Not a term: it can be
    changed on a signed agreement too. Shown to signed-in users only."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("avtal")
    )
    party = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kontaktperson för part"),
        help_text=_("Tomt: avtalets motpart (leverantören)."),
    )
    person = models.ForeignKey(
        "bodies.Person",
        on_delete=models.PROTECT,
        related_name="agreement_contacts",
        verbose_name=_("kontaktperson"),
    )
    role = models.CharField(_("roll"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["party__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party", "person"], name="one_contact_per_party_and_person"
            )
        ]

    def __str__(self) -> str:
        role = f", {self.role}" if self.role else ""
        return f"{self.person}{role} ({self.party_label})"

    @property
    def party_label(self) -> str:
        return str(self.party) if self.party_id else self.agreement.counterparty


class Initiative(VersionedModel):
    """A development initiative or project of an object (for the quarterly report)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Genomförd")
        CANCELLED = "cancelled", _("Avbruten")

    managed_object = _object_link("initiatives")
    title = models.CharField(_("benämning"), max_length=200)
    goal = models.TextField(_("mål"), blank=True, default="")
    owner = _optional_link("bodies.Person", _("ansvarig"))
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.PLANNED)
    start_date = models.DateField(_("från"), null=True, blank=True)
    end_date = models.DateField(_("till"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.managed_object.short_name}: {self.title} ({self.get_state_display().lower()})"
        )


class CommunicationPlan(models.Model):
    """A plan for communicating an object (or a review) to the parties (seed 001, 004)."""

    managed_object = _object_link("communication_plans", null=True, blank=True)
    title = models.CharField(_("benämning"), max_length=200)
    purpose = models.TextField(_("syfte"), blank=True, default="")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Stakeholder(models.Model):
    plan = models.ForeignKey(
        CommunicationPlan,
        on_delete=models.CASCADE,
        related_name="stakeholders",
        verbose_name=_("kommunikationsplan"),
    )
    name = models.CharField(_("intressent"), max_length=200)
    information_needs = models.TextField(_("informationsbehov"), blank=True, default="")
    channel = models.CharField(_("kanal"), max_length=200, blank=True, default="")
    timing = models.CharField(_("tidpunkt"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
