import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gits.bodies.models import Body, Person
from gits.core.fields import (
    MANAGED_OBJECT,
    optional_date,
    optional_moment,
    optional_text,
    parent_fk,
    person_fk,
    protected_fk,
    state_field,
    user_fk,
)
from gits.core.models import Named, VersionedModel, unique
from gits.organisations.models import Side


class Case(VersionedModel):
    """A case (ärende) before a body, with its diary number `SITIV 2026/14` (R-10)."""

    class State(models.TextChoices):
        REPORTED = "reported", _("Anmält")
        IN_PREPARATION = "in_preparation", _("Under beredning")
        PREPARED = "prepared", _("Berett")
        ON_AGENDA = "on_agenda", _("På dagordning")
        DECIDED = "decided", _("Beslutat")
        REFERRED_BACK = "referred_back", _("Återremitterat")
        STRUCK_OFF = "struck_off", _("Avfört")

    body = protected_fk(Body, _("organ"), related_name="cases")
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveIntegerField(_("löpnummer"))
    title = models.CharField(_("rubrik"), max_length=300)
    description = optional_text(_("beskrivning"))
    managed_object = protected_fk(
        MANAGED_OBJECT, _("förvaltningsobjekt"), optional=True, related_name="cases"
    )
    state = state_field(State, max_length=20)
    preparer_region = person_fk(_("beredare för regionen"), optional=True)
    preparer_municipalities = person_fk(_("beredare för kommunerna"), optional=True)
    preparation = optional_text(_("beredning"))
    proposal = optional_text(_("förslag till beslut"))
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-year", "-number"]
        constraints = [unique("body", "year", "number", name="case_unique_diary_number")]
        # The case list's order (issue 15): newest diary number first, read off an index,
        # also when filtered on the state.
        indexes = [
            models.Index(fields=["year", "number"], name="case_year_number"),
            models.Index(fields=["state", "year", "number"], name="case_state_year_number"),
        ]

    def __str__(self) -> str:
        return f"{self.diary_number} {self.title}"

    @property
    def diary_number(self) -> str:
        return f"{self.body.short_name} {self.year}/{self.number}"


def attachment_path(instance: "CaseAttachment", filename: str) -> str:
    # Stored under a random name: the original name is kept in the database only.
    import uuid

    return f"arenden/{instance.case.year}/{uuid.uuid4().hex}"


class CaseAttachment(Named):
    case = parent_fk(Case, _("ärende"), related_name="attachments")
    file = models.FileField(_("fil"), upload_to=attachment_path)
    original_name = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    uploaded_by = user_fk(_("tillagd av"))
    uploaded_at = models.DateTimeField(_("tillagd"), auto_now_add=True)

    NAME_FIELD = "original_name"

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uploaded_at"]


class Meeting(VersionedModel):
    """A meeting (sammanträde) of a body (R-12); material is due `body.material_days` before."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinarie")
        EXTRA = "extra", _("Extra")

    body = protected_fk(Body, _("organ"), related_name="meetings")
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("starttid"), null=True, blank=True)
    end_time = models.TimeField(_("sluttid"), null=True, blank=True)
    place = optional_text(_("plats"), 200)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.ORDINARY)
    material_days = models.PositiveSmallIntegerField(
        _("underlag senast (dagar före)"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt för organets standard."),
    )
    chair = person_fk(_("ordförande vid sammanträdet"), optional=True)
    held = models.BooleanField(_("genomfört"), default=False)

    class Meta:
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        ordering = ["date", "start_time"]
        # The decision register's order (issue 15): meetings newest first, then their items.
        indexes = [models.Index(fields=["date", "id"], name="meeting_date_id")]

    def __str__(self) -> str:
        return f"{self.body.short_name} {self.date.isoformat()}"

    @property
    def material_deadline(self) -> dt.date:
        """R-16: material is due this many days before the meeting."""
        days = self.material_days if self.material_days is not None else self.body.material_days
        return self.date - dt.timedelta(days=days)


class AgendaTemplate(VersionedModel):
    """A body's standard agenda: the standing items a meeting opens with (opening, choice of
    the member who checks the minutes, approval of the agenda, reports) and closes with
    (other business, closing). The cases of the day go between them."""

    body = models.OneToOneField(
        Body, on_delete=models.CASCADE, related_name="agenda_template", verbose_name=_("organ")
    )
    opening = models.JSONField(_("stående punkter före ärendena"), default=list, blank=True)
    closing = models.JSONField(_("stående punkter efter ärendena"), default=list, blank=True)

    class Meta:
        verbose_name = _("standarddagordning")
        verbose_name_plural = _("standarddagordningar")

    def __str__(self) -> str:
        return f"{_('Standarddagordning')} {self.body.short_name}"


class AgendaItem(models.Model):
    """A paragraph (§ n) on a meeting's agenda, numbered per body and year (R-12): a case, a
    free item without a case, or a standing item of the body's standard agenda. Standing
    closing items stay last: what is added later goes before them."""

    class Kind(models.TextChoices):
        CASE = "case", _("Ärende")
        FREE = "free", _("Fri punkt")
        OPENING = "opening", _("Stående punkt")
        CLOSING = "closing", _("Stående punkt i slutet")

    meeting = parent_fk(Meeting, _("sammanträde"), related_name="items")
    body = protected_fk(Body, _("organ"))
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveIntegerField(_("paragraf"))
    case = protected_fk(Case, _("ärende"), optional=True, related_name="agenda_items")
    title = models.CharField(_("rubrik"), max_length=300)
    text = optional_text(_("text på dagordningen"))
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices, default=Kind.CASE)

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["number"]
        constraints = [unique("body", "year", "number", name="agenda_unique_paragraph")]
        indexes = [models.Index(fields=["meeting", "number"], name="agendaitem_meeting_number")]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class Attendance(models.Model):
    """Who attended a meeting, with side and whether they hold a seat (co-opted do not)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)
    role = models.CharField(max_length=20)
    counts_for_quorum = models.BooleanField(default=True)
    present = models.BooleanField(_("närvarande"), default=False)

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["side", "person__last_name"]
        constraints = [unique("meeting", "person", name="attendance_once_per_meeting")]

    def __str__(self) -> str:
        return f"{self.person} {'närvarande' if self.present else 'frånvarande'}"


class Decision(VersionedModel):
    """What the body did with an agenda item: decided (in consensus, R-11), referred back
    (återremiss) or struck off (avförs). Versioned: two secretaries amending its wording at
    once must not overwrite each other."""

    class Outcome(models.TextChoices):
        DECIDED = "decided", pgettext_lazy("utfall", "Beslut")
        REFERRED_BACK = "referred_back", _("Återremiss")
        STRUCK_OFF = "struck_off", _("Avförs")

    item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="decision", verbose_name=_("paragraf")
    )
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("beslutstext"))
    objections = optional_text(
        _("invändningar"), help_text=_("Vem som invände och varför (då fattas inget beslut).")
    )
    recorded_by = user_fk(_("infört av"))
    recorded_at = models.DateTimeField(_("infört"), auto_now_add=True)
    # What the public sees: the text of the latest locked minutes, copied from their
    # frozen content when they are locked, never from the live record.
    published_text = optional_text(_("beslutstext i justerat protokoll"))
    published_in = protected_fk(
        "Minutes",
        _("offentliggjort genom protokoll"),
        optional=True,
        related_name="published_decisions",
    )

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["item__meeting__date", "item__number"]

    def __str__(self) -> str:
        return f"{self.item.body.short_name} {self.item.meeting.date} § {self.item.number}"


class Assignment(VersionedModel):
    """An assignment (uppdrag) given by a decision to a body or a person, to report back."""

    decision = protected_fk(Decision, _("beslut"), related_name="assignments")
    assignee_body = protected_fk(
        Body, _("till organ"), optional=True, related_name="assignments_received"
    )
    assignee_person = person_fk(_("till person"), optional=True, related_name="assignments")
    description = models.TextField(_("uppdrag"))
    expected_report = optional_text(_("återrapportering"), 300)
    due_date = models.DateField(_("senast"))
    reported_at = optional_date(_("återrapporterat"))
    report = optional_text(_("återrapport"))

    class Meta:
        verbose_name = _("uppdrag från beslut")
        verbose_name_plural = _("uppdrag från beslut")
        ordering = ["due_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee_body__isnull=False) | Q(assignee_person__isnull=False),
                name="assignment_has_assignee",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def assignee(self) -> str:
        return str(self.assignee_body or self.assignee_person)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.reported_at is None and self.due_date < (today or dt.date.today())


class Minutes(models.Model):
    """Minutes (protokoll) of a meeting as versions with a lifecycle (R-14): a version is
    drafted from the meeting's record (a frozen snapshot of attendance, paragraphs and
    decisions), then signed by the person who presided and a member of the other side. From
    the first signature the version and the record are frozen; with the second the version is
    locked: its PDF/A is rendered once, sealed, stored with its SHA-256 and never rendered
    again. A version being signed can be withdrawn with a reason (its signatures are void);
    a locked version is corrected by a new version, and stays the public record until that
    one is locked."""

    meeting = protected_fk(Meeting, _("sammanträde"), related_name="minutes")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    content = models.JSONField(_("innehåll"))
    correction_reason = optional_text(_("skäl till rättelsen"))
    created_by = user_fk(_("upprättat av"))
    created_at = models.DateTimeField(_("upprättat"), auto_now_add=True)
    drafted_at = optional_moment(_("utkastet upprättat"))
    presiding = person_fk(_("ledde sammanträdet"), optional=True)
    signed_at = optional_moment(_("justerat"))
    withdrawn_at = optional_moment(_("tillbakadraget"))
    withdrawn_by = user_fk(_("tillbakadraget av"), optional=True)
    withdrawal_reason = optional_text(_("skäl till att versionen drogs tillbaka"))
    archive_pdf = models.BinaryField(_("arkivfil (PDF/A)"), null=True, blank=True, editable=False)
    archive_sha256 = optional_text(_("kontrollsumma (SHA-256)"), 64)

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")
        ordering = ["meeting", "version"]
        constraints = [unique("meeting", "version", name="minutes_unique_version")]

    def __str__(self) -> str:
        return f"Protokoll {self.meeting} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = (
                Minutes.objects.filter(pk=self.pk).values_list("signed_at", "withdrawn_at").first()
            )
            if stored is not None and stored[0] is not None:
                raise ValueError("Justerat protokoll kan inte ändras.")
            if stored is not None and stored[1] is not None:
                raise ValueError("Ett tillbakadraget protokoll kan inte ändras.")
        super().save(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        """Locked: both signatures are there (R-14)."""
        return self.signed_at is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def content_digest(self) -> str:
        """The draft's content as the signer read it: a signature names this, so a draft
        redrawn in between is not signed unread."""
        import hashlib
        import json

        text = json.dumps(self.content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


class Signature(models.Model):
    class Capacity(models.TextChoices):
        CHAIR = "chair", _("Ordförande")
        ADJUSTER = "adjuster", _("Justerare")

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="signatures")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(max_length=10, choices=Capacity.choices)
    side = models.CharField(max_length=20, choices=Side.choices)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("justering")
        verbose_name_plural = _("justeringar")
        ordering = ["signed_at"]
        constraints = [unique("minutes", "capacity", name="one_signature_per_capacity")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_capacity_display()})"
