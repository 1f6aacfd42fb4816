import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Person
from gits.core.models import VersionedModel
from gits.meetings.models import Decision, Meeting
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

    managed_object = models.ForeignKey(
        ManagedObject,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("förvaltningsobjekt"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    state = models.CharField(_("läge"), max_length=12, choices=State.choices, default=State.DRAFT)
    relations = models.TextField(
        _("relationer till parternas verksamhetsgrupper"), blank=True, default=""
    )
    responsibility_boundary = models.TextField(_("ansvarsgräns"), blank=True, default="")
    support_process = models.TextField(_("supportprocess"), blank=True, default="")
    training_plans = models.TextField(_("utbildningsplaner"), blank=True, default="")
    development_plan = models.TextField(
        _("utvecklings- och avvecklingsplan"), blank=True, default=""
    )
    operations_agreement = models.TextField(_("driftavtal"), blank=True, default="")
    supplier_agreements = models.TextField(_("leverantörsavtal"), blank=True, default="")
    budget = models.DecimalField(
        _("beslutad budget (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("sammanträde för godkännande"),
    )
    approved_by = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_plans",
        verbose_name=_("godkänd genom beslut"),
    )
    approved_content = models.JSONField(_("godkänt innehåll"), null=True, blank=True)

    class Meta:
        verbose_name = _("förvaltningsplan")
        verbose_name_plural = _("förvaltningsplaner")
        ordering = ["-year", "managed_object__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["managed_object", "year"], name="one_plan_per_object_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"Förvaltningsplan {self.managed_object.short_name} {self.year}"


class PlanResource(models.Model):
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
    activities = models.TextField(_("område / aktiviteter"), blank=True, default="")
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

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.role


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

    managed_object = models.ForeignKey(
        ManagedObject,
        on_delete=models.PROTECT,
        related_name="status_reports",
        verbose_name=_("förvaltningsobjekt"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="status_reports",
        verbose_name=_("sammanträde"),
    )
    date = models.DateField(_("datum"))
    coordinators = models.CharField(
        _("ansvarig funktionskoordinator"),
        max_length=300,
        help_text=_("Ange vem eller vilka som är ansvariga för förvaltningsobjektet."),
    )
    coordinator = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funktionskoordinator"),
    )
    assignment = models.TextField(_("beskrivning av uppdraget"), blank=True, default="")
    events = models.TextField(_("viktiga händelser under perioden"), blank=True, default="")
    issues = models.TextField(
        _("aktuella problemställningar och utmaningar"), blank=True, default=""
    )
    planned = models.TextField(_("planerade aktiviteter"), blank=True, default="")
    economy = models.TextField(_("ekonomisk status och personalresurser"), blank=True, default="")
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["meeting__date", "managed_object__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["managed_object", "meeting"], name="one_report_per_object_and_meeting"
            )
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
        constraints = [
            models.UniqueConstraint(
                fields=["managed_object", "meeting", "person"], name="remind_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.managed_object} {self.meeting}"


class MeetingPack(models.Model):
    """The compiled pack (utskick) for a meeting: one PDF with agenda, proposals, plans and
    status reports."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="packs", verbose_name=_("sammanträde")
    )
    pdf = models.BinaryField(_("PDF"))
    compiled_at = models.DateTimeField(_("sammanställt"), auto_now_add=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sammanställt av"),
    )
    automatic = models.BooleanField(_("automatiskt"), default=False)

    class Meta:
        ordering = ["-compiled_at"]

    def __str__(self) -> str:
        return f"Utskick {self.meeting}"


class Deviation(models.Model):
    """A deviation (avvikelse) recorded by staff on an object, for the quarterly report (R-20)."""

    class Severity(models.TextChoices):
        LOW = "low", _("Låg")
        MEDIUM = "medium", _("Medel")
        HIGH = "high", _("Hög")

    managed_object = models.ForeignKey(
        ManagedObject,
        on_delete=models.PROTECT,
        related_name="deviations",
        verbose_name=_("förvaltningsobjekt"),
    )
    date = models.DateField(_("datum"), default=dt.date.today)
    description = models.TextField(_("avvikelse"))
    severity = models.CharField(_("allvarlighetsgrad"), max_length=8, choices=Severity.choices)
    action = models.TextField(_("åtgärd"), blank=True, default="")
    closed_at = models.DateField(_("åtgärdad"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

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
    economy_staffing = models.TextField(_("ekonomi och bemanning"), blank=True, default="")
    objects_status = models.TextField(_("status per objekt mot plan"), blank=True, default="")
    development = models.TextField(_("utvecklingsaktiviteter och projekt"), blank=True, default="")
    deviations = models.TextField(_("avvikelser"), blank=True, default="")
    goals = models.TextField(_("uppföljning av mål"), blank=True, default="")
    other = models.TextField(_("övrigt som styrgruppen efterfrågat"), blank=True, default="")
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)

    class Meta:
        verbose_name = _("kvartalsrapport")
        verbose_name_plural = _("kvartalsrapporter")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="one_quarterly_report")
        ]

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
    description = models.TextField(_("inledning"), blank=True, default="")
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd genom beslut"),
    )

    class Meta:
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Verksamhetsplan {self.year}"


class Goal(models.Model):
    class Horizon(models.TextChoices):
        LONG = "long", _("Långsiktigt mål (SITIV)")
        SHORT = "short", _("Kortsiktigt mål")

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjat")
        ONGOING = "ongoing", _("Pågår")
        ACHIEVED = "achieved", _("Uppnått")
        NOT_ACHIEVED = "not_achieved", _("Ej uppnått")

    plan = models.ForeignKey(
        ActivityPlan,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("verksamhetsplan"),
    )
    horizon = models.CharField(
        _("typ"), max_length=6, choices=Horizon.choices, default=Horizon.SHORT
    )
    area = models.CharField(_("område"), max_length=200, blank=True, default="")
    managed_object = models.ForeignKey(
        ManagedObject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("förvaltningsobjekt"),
    )
    text = models.TextField(_("mål"))
    state = models.CharField(
        _("läge"), max_length=14, choices=State.choices, default=State.NOT_STARTED
    )
    comment = models.TextField(_("kommentar"), blank=True, default="")
    followed_up_at = models.DateField(_("senast följt upp"), null=True, blank=True)

    class Meta:
        ordering = ["horizon", "area", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
