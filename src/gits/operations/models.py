"""What the background work keeps: each job's state, the workers' heartbeats, the
notifications sent (so each is sent once) and each user's choice of notifications.

The schedule itself lives in django-q2's `Schedule` table, written by `schedule.ensure_schedules`
from the jobs declared in `jobs.py`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.fields import optional_moment, optional_text, weak_fk
from gits.core.models import Named


class Category(models.TextChoices):
    """The kinds of e-mail notification a person can turn off, one field each on
    `NotificationPreference`."""

    SIGNATURE = "signature", _("Protokoll att justera")
    REPORTS = "reports", _("Sena statusrapporter")
    CHANGES = "changes", _("Ändrat läge på det jag ansvarar för")
    AGREEMENTS = "agreements", _("Avtal att säga upp")
    INVOICING = "invoicing", _("Kvartalsfakturering")


class JobState(models.Model):
    """A scheduled job as the administrator sees it: its last run and its failures."""

    name = models.CharField(_("jobb"), max_length=50, unique=True)
    runs = models.PositiveIntegerField(_("körningar"), default=0)
    failures = models.PositiveIntegerField(_("misslyckade körningar"), default=0)
    consecutive_failures = models.PositiveIntegerField(_("misslyckanden i följd"), default=0)
    last_started = optional_moment(_("senast startat"))
    last_finished = optional_moment(_("senast klart"))
    last_success = optional_moment(_("senast lyckat"))
    last_ok = models.BooleanField(_("lyckades senast"), null=True, blank=True)
    last_result = optional_text(_("resultat"))
    last_error = optional_text(_("fel"))
    last_duration = models.FloatField(_("tid (sekunder)"), null=True, blank=True)

    class Meta:
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")
        ordering = ["name"]

    def __str__(self) -> str:
        from gits.operations.jobs import JOBS

        job = JOBS.get(self.name)
        return str(job.label) if job else self.name


class WorkerHeartbeat(Named):
    """A worker machine's latest sign of life, written by the heartbeat job through the
    queue (so it proves that the scheduler, the queue and a worker process all run)."""

    host = models.CharField(_("dator"), max_length=200, unique=True)
    pid = models.PositiveIntegerField(_("process"), default=0)
    seen_at = models.DateTimeField(_("senaste livstecken"))

    NAME_FIELD = "host"

    class Meta:
        verbose_name = _("livstecken från worker")
        verbose_name_plural = _("livstecken från worker")
        ordering = ["-seen_at"]


class NotificationPreference(models.Model):
    """Which notifications a user wants by e-mail; every category is on until turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("användare"),
    )
    signature = models.BooleanField(Category.SIGNATURE.label, default=True)
    reports = models.BooleanField(Category.REPORTS.label, default=True)
    changes = models.BooleanField(Category.CHANGES.label, default=True)
    agreements = models.BooleanField(Category.AGREEMENTS.label, default=True)
    invoicing = models.BooleanField(Category.INVOICING.label, default=True)

    class Meta:
        verbose_name = _("val av aviseringar")
        verbose_name_plural = _("val av aviseringar")

    def __str__(self) -> str:
        return str(_("Aviseringar för %(user)s") % {"user": self.user.get_username()})

    def wants(self, category: str) -> bool:
        return bool(getattr(self, category))


class Notification(models.Model):
    """An e-mail notification that was sent. The key names what it was about and to whom, so
    that a job run again sends nothing twice."""

    key = models.CharField(_("nyckel"), max_length=300, unique=True)
    category = models.CharField(_("slag"), max_length=20, choices=Category.choices)
    email = models.EmailField(_("e-post"))
    user = weak_fk(settings.AUTH_USER_MODEL, _("användare"))
    subject = models.CharField(_("ämne"), max_length=300)
    link = models.CharField(_("länk"), max_length=500)
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.email}"


class ScanPosition(models.Model):
    """How far a job has read an append-only table (the audit trail), so that a run reads
    only what is new."""

    name = models.CharField(_("namn"), max_length=50, unique=True)
    position = models.BigIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("läsposition")
        verbose_name_plural = _("läspositioner")

    def __str__(self) -> str:
        return f"{self.name}: {self.position}"
