import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Person
from gits.core.fields import (
    decision_fk,
    optional_date,
    optional_moment,
    optional_money,
    optional_text,
    parent_fk,
    person_fk,
    protected_fk,
    state_field,
    user_fk,
)
from gits.core.models import Named, VersionedModel, unique
from gits.meetings.models import Meeting
from gits.portfolio.models import ManagedObject

# The sections of a management plan (seed 002 "Operativt arbete"), in the order they are shown.
PLAN_SECTIONS: list[tuple[str, object]] = [
    ("relations", _("Relationer till parternas verksamhetsgrupper")),
    ("responsibility_boundary", _("Ansvarsgräns mellan verksamhet och GITS")),
    ("support_process", _("Supportprocess")),
    ("training_plans", _("Utbildningsplaner")),
    ("development_plan", _("Utvecklings- och avvecklingsplan")),
    ("operations_agreement", _("Driftavtal")),
    ("supplier_agreements", _("Leverantörsavtal")),
]
SECTION_FIELDS = [name for name, _label in PLAN_SECTIONS]


class ManagementPlan(VersionedModel):
    """A management plan (förvaltningsplan) of an object for a year: a contract between the
    parties and GITS, approved by a SITIV decision. The approved content is kept, so what
    changed since approval can be shown to SITIV."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Till SITIV för godkännande")
        APPROVED = "approved", _("Godkänd")

    managed_object = protected_fk(ManagedObject, _("förvaltningsobjekt"), related_name="plans")
    year = models.PositiveSmallIntegerField(_("år"))
    state = state_field(State, max_length=12)
    relations = optional_text(_("relationer till parternas verksamhetsgrupper"))
    responsibility_boundary = optional_text(_("ansvarsgräns"))
    support_process = optional_text(_("supportprocess"))
    training_plans = optional_text(_("utbildningsplaner"))
    development_plan = optional_text(_("utvecklings- och avvecklingsplan"))
    operations_agreement = optional_text(_("driftavtal"))
    supplier_agreements = optional_text(_("leverantörsavtal"))
    budget = optional_money(_("beslutad budget (kr)"))
    meeting = protected_fk(
        Meeting, _("sammanträde för godkännande"), optional=True, related_name="plans"
    )
    approved_by = decision_fk(
        _("godkänd genom beslut"), optional=True, related_name="approved_plans"
    )
    approved_content = models.JSONField(_("godkänt innehåll"), null=True, blank=True)

    class Meta:
        verbose_name = _("förvaltningsplan")
        verbose_name_plural = _("förvaltningsplaner")
        ordering = ["-year", "managed_object__name"]
        constraints = [unique("managed_object", "year", name="one_plan_per_object_and_year")]
        # The plans page, newest year first: a page sorts one year's plans, not all years'.
        indexes = [models.Index(fields=["year"], name="managementplan_year")]

    def __str__(self) -> str:
        return f"Förvaltningsplan {self.managed_object.short_name} {self.year}"


class PlanResource(Named):
    """A row of the plan's resources table (seed 003): role, areas and activities, employment
    form and share of a full-time post."""

    class EmploymentForm(models.TextChoices):
        PERMANENT = "permanent", _("Tillsvidareanställd")
        HALF_TIME = "half_time", _("Halvtid")
        PROJECT = "project", _("Projektanställd för tillfälligt uppdrag")
        VACANCY = "vacancy", _("Vakans")
        OTHER_UNIT = "other_unit", _("Anställd på annan enhet/organisation")

    plan = models.ForeignKey(ManagementPlan, on_delete=models.CASCADE, related_name="resources")
    role = models.CharField(_("roll"), max_length=200)
    activities = optional_text(_("område / aktiviteter"))
    employment_form = models.CharField(
        _("anställningsform"), max_length=12, choices=EmploymentForm.choices
    )
    fte = models.DecimalField(
        _("andel av heltid"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )

    NAME_FIELD = "role"

    class Meta:
        verbose_name = _("resurs i förvaltningsplanen")
        verbose_name_plural = _("resurser i förvaltningsplanen")
        ordering = ["pk"]


# The fields of the status report form in seed 003, in its order.
STATUS_FIELDS: list[tuple[str, object, object]] = [
    ("assignment", _("Beskrivning av uppdraget"), _("Ge en kort beskrivning av uppdraget.")),
    (
        "events",
        _("Viktiga händelser under perioden"),
        _("Återge viktiga händelser sedan den förra statusrapporten. Gärna i punktform."),
    ),
    (
        "issues",
        _("Aktuella problemställningar och utmaningar"),
        _("Beskriv aktuella problem eller utmaningar. Gärna i punktform."),
    ),
    (
        "planned",
        _("Planerade aktiviteter"),
        _("Berätta om planerade aktiviteter. Gärna i punktform."),
    ),
    ("economy", _("Ekonomisk status och personalresurser"), ""),
]
STATUS_TEXT_FIELDS = [name for name, _label, _help in STATUS_FIELDS]


class StatusReport(VersionedModel):
    """A status report (statusrapport) of an object before a SITIV meeting, with exactly the
    fields of the form; due on the meeting's material deadline (R-16)."""

    managed_object = protected_fk(
        ManagedObject, _("förvaltningsobjekt"), related_name="status_reports"
    )
    meeting = protected_fk(Meeting, _("sammanträde"), related_name="status_reports")
    date = models.DateField(_("datum"))
    coordinators = models.CharField(
        _("ansvarig funktionskoordinator"),
        max_length=300,
        help_text=_("Ange vem eller vilka som är ansvariga för förvaltningsobjektet."),
    )
    coordinator = person_fk(_("funktionskoordinator"), optional=True)
    assignment = optional_text(_("beskrivning av uppdraget"))
    events = optional_text(_("viktiga händelser under perioden"))
    issues = optional_text(_("aktuella problemställningar och utmaningar"))
    planned = optional_text(_("planerade aktiviteter"))
    economy = optional_text(_("ekonomisk status och personalresurser"))
    submitted_at = optional_moment(_("inlämnad"))
    submitted_by = user_fk(_("inlämnad av"), optional=True)

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["meeting__date", "managed_object__name"]
        constraints = [
            unique("managed_object", "meeting", name="one_report_per_object_and_meeting")
        ]

    def __str__(self) -> str:
        return f"Statusrapport {self.managed_object.short_name} {self.meeting.date}"

    @property
    def is_late(self) -> bool:
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) > self.meeting.material_deadline


class Reminder(models.Model):
    """A reminder sent about a status report due, so that each is sent once."""

    managed_object = models.ForeignKey(ManagedObject, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [unique("managed_object", "meeting", "person", name="remind_once")]

    def __str__(self) -> str:
        return f"{self.person} {self.managed_object} {self.meeting}"


class MeetingPack(models.Model):
    """The compiled pack (utskick) for a meeting: one PDF with agenda, proposals, plans and
    status reports."""

    meeting = parent_fk(Meeting, _("sammanträde"), related_name="packs")
    pdf = models.BinaryField(_("PDF"))
    compiled_at = models.DateTimeField(_("sammanställt"), auto_now_add=True)
    compiled_by = user_fk(_("sammanställt av"), optional=True)
    automatic = models.BooleanField(_("automatiskt"), default=False)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        ordering = ["-compiled_at"]

    def __str__(self) -> str:
        return f"Utskick {self.meeting}"


class Deviation(models.Model):
    """A deviation (avvikelse) recorded by staff on an object, for the quarterly report (R-20)."""

    class Severity(models.TextChoices):
        LOW = "low", _("Låg")
        MEDIUM = "medium", _("Medel")
        HIGH = "high", _("Hög")

    managed_object = protected_fk(ManagedObject, _("förvaltningsobjekt"), related_name="deviations")
    date = models.DateField(_("datum"), default=dt.date.today)
    description = models.TextField(_("avvikelse"))
    severity = models.CharField(_("allvarlighetsgrad"), max_length=8, choices=Severity.choices)
    action = optional_text(_("åtgärd"))
    closed_at = optional_date(_("åtgärdad"))
    recorded_by = user_fk(_("registrerad av"))

    class Meta:
        verbose_name = _("avvikelse")
        verbose_name_plural = _("avvikelser")
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.description[:80]


# The texts of the quarterly report, in the order of its form.
QUARTERLY_TEXT_FIELDS = [
    "economy_staffing",
    "objects_status",
    "development",
    "deviations",
    "goals",
    "other",
]


class QuarterlyReport(VersionedModel):
    """The function lead's quarterly report to the steering group (R-20): drafted from the
    system's data, edited, then published (and locked)."""

    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    economy_staffing = optional_text(_("ekonomi och bemanning"))
    objects_status = optional_text(_("status per objekt mot plan"))
    development = optional_text(_("utvecklingsaktiviteter och projekt"))
    deviations = optional_text(_("avvikelser"))
    goals = optional_text(_("uppföljning av mål"))
    other = optional_text(_("övrigt som styrgruppen efterfrågat"))
    published_at = optional_moment(_("publicerad"))

    class Meta:
        verbose_name = _("kvartalsrapport")
        verbose_name_plural = _("kvartalsrapporter")
        ordering = ["-year", "-quarter"]
        constraints = [unique("year", "quarter", name="one_quarterly_report")]

    def __str__(self) -> str:
        return f"Kvartalsrapport {self.year} Q{self.quarter}"

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        start = dt.date(self.year, 3 * self.quarter - 2, 1)
        end = dt.date(
            self.year + (self.quarter == 4), (3 * self.quarter) % 12 + 1, 1
        ) - dt.timedelta(days=1)
        return start, end


class ActivityPlan(VersionedModel):
    """The activity plan (verksamhetsplan) of a year: long-term goals set by SITIV and
    short-term goals per area (R-21)."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    description = optional_text(_("inledning"))
    decision = decision_fk(_("fastställd genom beslut"), optional=True)

    class Meta:
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Verksamhetsplan {self.year}"


class Goal(VersionedModel):
    class Horizon(models.TextChoices):
        LONG = "long", _("Långsiktigt mål (SITIV)")
        SHORT = "short", _("Kortsiktigt mål")

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjat")
        ONGOING = "ongoing", _("Pågår")
        ACHIEVED = "achieved", _("Uppnått")
        NOT_ACHIEVED = "not_achieved", _("Ej uppnått")

    plan = parent_fk(ActivityPlan, _("verksamhetsplan"), related_name="goals")
    horizon = models.CharField(
        _("typ"), max_length=6, choices=Horizon.choices, default=Horizon.SHORT
    )
    area = optional_text(_("område"), 200)
    managed_object = protected_fk(ManagedObject, _("förvaltningsobjekt"), optional=True)
    text = models.TextField(_("mål"))
    state = state_field(State, max_length=14)
    comment = optional_text(_("kommentar"))
    followed_up_at = optional_date(_("senast följt upp"))

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["horizon", "area", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
