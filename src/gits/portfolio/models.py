from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.fields import (
    BODY,
    decision_fk,
    optional_date,
    optional_money,
    optional_text,
    organisation_fk,
    parent_fk,
    person_fk,
    protected_fk,
    state_field,
    user_fk,
    weak_fk,
)
from gits.core.models import Named, VersionedModel, unique


class ManagedObject(Named, VersionedModel):
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
    description = optional_text(_("beskrivning"))
    area = models.CharField(_("område"), max_length=30, choices=Area.choices, default=Area.OTHER)
    horizon = models.CharField(
        _("tidshorisont"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT
    )
    state = state_field(State, max_length=30)

    NAME_FIELD = "short_name"

    class Meta:
        verbose_name = _("förvaltningsobjekt")
        verbose_name_plural = _("förvaltningsobjekt")
        ordering = ["name"]

    @property
    def full_name(self) -> str:
        """The name with the short name after it, unless the name already says it
        ("Öppna data", "Basservice för informationsförsörjning (BIF)")."""
        if self.name == self.short_name or self.name.endswith(f"({self.short_name})"):
            return self.name
        return f"{self.name} ({self.short_name})"


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


class StateChange(models.Model):
    """A move of an object in its lifecycle, with the decision behind it when it needs one."""

    managed_object = _object_link("state_changes")
    from_state = models.CharField(max_length=30, choices=ManagedObject.State.choices)
    to_state = models.CharField(max_length=30, choices=ManagedObject.State.choices)
    date = models.DateField(_("datum"))
    decision = decision_fk(_("beslut"), optional=True, related_name="object_moves")
    decision_reference = optional_text(
        _("beslutsreferens"),
        200,
        help_text=_("För beslut fattade före systemet, t.ex. ”SITIV 2010-11-05 § 4”."),
    )
    note = optional_text(_("anmärkning"), 300)
    actor_name = models.CharField(max_length=150, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lägesändring")
        verbose_name_plural = _("lägesändringar")
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
    body = protected_fk(BODY, _("organ"), optional=True)
    person = person_fk(_("person"), optional=True, related_name="object_roles")
    organisation = organisation_fk(_("part"), optional=True)
    holder_text = optional_text(_("innehavare (fritext)"), 200)
    start_date = models.DateField(_("från"))
    end_date = optional_date(_("till och med"))

    class Meta:
        verbose_name = _("roll för förvaltningsobjekt")
        verbose_name_plural = _("roller för förvaltningsobjekt")
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
    description = optional_text(_("beskrivning"))
    active = models.BooleanField(_("används"), default=True)

    class Meta:
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")
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
    recommendation = optional_text(_("rekommendation"))
    created_by = optional_text(_("värderad av"), 150)

    class Meta:
        verbose_name = _("värdering")
        verbose_name_plural = _("värderingar")
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
    criterion = weak_fk(Criterion)
    # The criterion as it read when the evaluation was made: an old evaluation keeps its criteria.
    criterion_text = models.CharField(_("kriterium"), max_length=300)
    verdict = models.CharField(_("bedömning"), max_length=8, choices=Verdict.choices)
    grounds = optional_text(_("motivering"))

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.criterion_text}: {self.get_verdict_display()}"


class SupportContact(models.Model):
    """Per object and party, a business contact and a technical first-line contact."""

    class Kind(models.TextChoices):
        BUSINESS = "business", _("Verksamhetskontakt")
        TECHNICAL = "technical", _("Teknisk kontakt (första linjen)")

    managed_object = _object_link("contacts")
    party = organisation_fk(_("part"))
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True, default="")
    phone = optional_text(_("telefon"), 40)

    class Meta:
        verbose_name = _("kontakt för support")
        verbose_name_plural = _("kontakter för support")
        ordering = ["party__name", "kind"]
        constraints = [unique("managed_object", "party", "kind", name="one_contact_per_kind")]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})"


class SupportRequest(Named, VersionedModel):
    """A second-line support request to the management team."""

    class State(models.TextChoices):
        NEW = "new", _("Ny")
        IN_PROGRESS = "in_progress", _("Pågår")
        RESOLVED = "resolved", _("Löst")
        CLOSED = "closed", _("Stängd")

    managed_object = _object_link("support_requests", on_delete=models.PROTECT)
    party = organisation_fk(_("från part"), optional=True)
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"))
    state = state_field(State, max_length=12)
    reported_by = optional_text(_("anmält av"), 150)
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    NAME_FIELD = "title"

    class Meta:
        verbose_name = _("supportärende")
        verbose_name_plural = _("supportärenden")
        ordering = ["-created_at"]


class Agreement(Named, VersionedModel):
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
    counterparty = optional_text(_("motpart (leverantör)"), 200)
    start_date = models.DateField(_("första period från"))
    first_end = models.DateField(_("första period till och med"))
    renewal_years = models.PositiveSmallIntegerField(
        _("förlängs med (år)"), default=1, help_text=_("0 = förlängs inte.")
    )
    notice_months = models.PositiveSmallIntegerField(_("uppsägningstid (månader)"), default=0)
    terminated_on = optional_date(_("upphör (efter uppsägning)"))
    notes = optional_text(_("anmärkning"))
    state = state_field(State, max_length=10)
    signed_on = optional_date(_("undertecknat av alla parter den"))
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("ersätter"),
    )
    replaced_on = optional_date(_("ersatt från och med"))

    NAME_FIELD = "title"

    class Meta:
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        ordering = ["kind", "start_date"]

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


# A party left empty on a signature or contact stands for the agreement's counterparty.
COUNTERPARTY_HELP = _("Tomt: avtalets motpart (leverantören).")


class ForAgreementParty(models.Model):
    """A record for one party to an agreement (a signature, a contact person): one of the
    agreement's parties, or its counterparty (the supplier) when `party` is empty. Each
    model declares `agreement` and `party` itself, with its own labels."""

    agreement: Agreement
    party: object
    party_id: int | None

    class Meta:
        abstract = True

    @property
    def party_label(self) -> str:
        return str(self.party) if self.party_id else self.agreement.counterparty


class AgreementSignature(ForAgreementParty):
    """One party's signature of an agreement: who signed (a person of the register, a user, or
    a name for someone outside the register such as a supplier's representative), for which
    party and when. A party is one of the agreement's parties, or its counterparty (the
    supplier) when `party` is empty."""

    agreement = parent_fk(Agreement, _("avtal"), related_name="signatures")
    party = organisation_fk(_("undertecknat för part"), optional=True, help_text=COUNTERPARTY_HELP)
    person = person_fk(
        _("undertecknat av (person)"), optional=True, related_name="agreement_signatures"
    )
    user = user_fk(_("undertecknat av (användare)"), optional=True)
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
            unique("agreement", "party", name="one_signature_per_party"),
            unique(
                "agreement",
                condition=models.Q(party__isnull=True),
                name="one_signature_of_the_counterparty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_label}: {self.signer} {self.signed_on.isoformat()}"

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


class AgreementContact(ForAgreementParty):
    """A named contact person of a party to an agreement (seed 002: "Kontaktpersoner" per
    party, who "respektive part meddelar skriftligen ... vid byte"). Not a term: it can be
    changed on a signed agreement too. Shown to signed-in users only."""

    agreement = parent_fk(Agreement, _("avtal"), related_name="contacts")
    party = organisation_fk(_("kontaktperson för part"), optional=True, help_text=COUNTERPARTY_HELP)
    person = person_fk(_("kontaktperson"), related_name="agreement_contacts")
    role = optional_text(_("roll"), 200)

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["party__name", "pk"]
        constraints = [
            unique("agreement", "party", "person", name="one_contact_per_party_and_person")
        ]

    def __str__(self) -> str:
        role = f", {self.role}" if self.role else ""
        return f"{self.person}{role} ({self.party_label})"


class Initiative(VersionedModel):
    """A development initiative or project of an object (for the quarterly report)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Genomförd")
        CANCELLED = "cancelled", _("Avbruten")

    managed_object = _object_link("initiatives")
    title = models.CharField(_("benämning"), max_length=200)
    goal = optional_text(_("mål"))
    owner = person_fk(_("ansvarig"), optional=True)
    state = state_field(State, max_length=10)
    start_date = optional_date(_("från"))
    end_date = optional_date(_("till"))
    budget = optional_money(_("budget (kr)"))

    class Meta:
        verbose_name = _("utvecklingsinitiativ")
        verbose_name_plural = _("utvecklingsinitiativ")
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.managed_object.short_name}: {self.title} ({self.get_state_display().lower()})"
        )


class CommunicationPlan(Named):
    """A plan for communicating an object (or a review) to the parties (seed 001, 004)."""

    managed_object = _object_link("communication_plans", null=True, blank=True)
    title = models.CharField(_("benämning"), max_length=200)
    purpose = optional_text(_("syfte"))

    NAME_FIELD = "title"

    class Meta:
        verbose_name = _("kommunikationsplan")
        verbose_name_plural = _("kommunikationsplaner")
        ordering = ["pk"]


class Stakeholder(Named):
    plan = parent_fk(CommunicationPlan, _("kommunikationsplan"), related_name="stakeholders")
    name = models.CharField(_("intressent"), max_length=200)
    information_needs = optional_text(_("informationsbehov"))
    channel = optional_text(_("kanal"), 200)
    timing = optional_text(_("tidpunkt"), 200)

    class Meta:
        verbose_name = _("intressent för objektet")
        verbose_name_plural = _("intressenter för objektet")
        ordering = ["pk"]
