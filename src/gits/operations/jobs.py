"""The scheduled jobs: what each does, when it runs, and the one wrapper every run goes
through (`run`), which records the run for the administrator's view and the metrics.

A job is idempotent: run twice, it does nothing the second time (reminders, packs and
notifications are recorded once sent; the backup of a day replaces that day's file). A job
that fails raises, so that django-q2 records the failure and delivers the task again (see
`Q_CLUSTER` in settings: `retry`, `max_attempts`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_q.models import Task

from gits.operations.models import JobState, WorkerHeartbeat
from gits.operations.notifications import Outcome

log = logging.getLogger(__name__)

# The function every schedule calls, with the job's name as its argument.
RUN = "gits.operations.jobs.run"


class JobFailed(Exception):
    """A job did part of its work and must be tried again (e.g. some e-mail was not sent)."""


@dataclass(frozen=True)
class Job:
    name: str
    label: Any
    description: Any
    func: Callable[[], str]
    cron: str = ""  # a cron line in Swedish local time, or
    minutes: int = 0  # every so many minutes

    @property
    def when(self) -> str:
        if self.minutes:
            return _("var %(n)s:e minut") % {"n": self.minutes}
        minute, hour, *_rest = self.cron.split()
        return _("dagligen %(h)s.%(m)s") % {"h": hour.zfill(2), "m": minute.zfill(2)}


def _result(outcome: Outcome, what: str) -> str:
    if outcome.failed:
        raise JobFailed(
            _("%(sent)s skickade, %(failed)s kunde inte skickas (%(what)s).")
            % {"sent": outcome.sent, "failed": outcome.failed, "what": what}
        )
    return _("%(sent)s skickade (%(what)s).") % {"sent": outcome.sent, "what": what}


def heartbeat() -> str:
    """Record that a worker on this machine runs jobs (read by the health check), and clear
    out old records."""
    host = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(
        host=host, defaults={"pid": os.getpid(), "seen_at": timezone.now()}
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - dt.timedelta(days=7)).delete()
    # django-q2 prunes the successful runs it keeps, not the failed: keep 30 days of those.
    Task.objects.filter(success=False, stopped__lt=timezone.now() - dt.timedelta(days=30)).delete()
    return _("Livstecken från %(host)s.") % {"host": host}


def status_report_reminders() -> str:
    from gits.operations.models import Category
    from gits.operations.notifications import person_recipient, wants
    from gits.plans.services import reminders_send

    def reminded(person) -> bool:
        recipient = person_recipient(person)
        return recipient is not None and wants(recipient, Category.REPORTS)

    sent = reminders_send(wants=reminded)
    return _("%(n)s påminnelser skickade.") % {"n": sent}


def meeting_packs() -> str:
    from gits.plans.services import packs_compile_due

    packs = packs_compile_due()
    if not packs:
        return _("Inga utskick att sammanställa.")
    return _("Utskick sammanställt: %(m)s.") % {"m": ", ".join(str(p.meeting) for p in packs)}


def notifications() -> str:
    from gits.operations import notices

    outcome = Outcome()
    outcome += notices.minutes_to_sign_notify()
    outcome += notices.late_reports_notify()
    outcome += notices.state_changes_notify()
    return _result(outcome, _("protokoll, sena rapporter, ändrat läge"))


def agreement_notices() -> str:
    from gits.operations.notices import agreement_notices_notify

    return _result(agreement_notices_notify(), _("avtal nära uppsägningsdagen"))


def invoice_proposal() -> str:
    from gits.operations.notices import invoice_run_propose

    return _result(invoice_run_propose(), _("kvartalsfakturering"))


def nightly_backup() -> str:
    """Back up the database and the uploaded files to GITS_BACKUP_DIR, one file a day (a
    second run the same day replaces it), keeping the newest GITS_BACKUP_KEEP."""
    from gits.core.backup import backup

    folder = settings.GITS_BACKUP_DIR
    path = folder / f"gits-{timezone.localdate().isoformat()}.tar.gz"
    manifest = backup(path)
    kept = sorted(folder.glob("gits-*.tar.gz"))
    for old in kept[: max(len(kept) - settings.GITS_BACKUP_KEEP, 0)]:
        old.unlink()
    return _("%(path)s: %(rows)s rader, %(files)s filer.") % {
        "path": path,
        "rows": sum(manifest["rows"].values()),
        "files": len(manifest["files"]),
    }


JOBS: dict[str, Job] = {
    job.name: job
    for job in [
        Job(
            "heartbeat",
            gettext_lazy("Livstecken"),
            gettext_lazy("Visar att worker kör jobb (hälsokontrollen läser det)."),
            heartbeat,
            minutes=1,
        ),
        Job(
            "notifications",
            gettext_lazy("Aviseringar"),
            gettext_lazy(
                "E-post om protokoll att justera, sena statusrapporter och ändrat läge på det man ansvarar för."
            ),
            notifications,
            minutes=10,
        ),
        Job(
            "status_report_reminders",
            gettext_lazy("Påminnelser om statusrapporter"),
            gettext_lazy(
                "Påminner funktionskoordinatorer när underlagsdagen närmar sig (som gits send-reminders)."
            ),
            status_report_reminders,
            cron="15 6 * * *",
        ),
        Job(
            "meeting_packs",
            gettext_lazy("Utskick till sammanträden"),
            gettext_lazy(
                "Sammanställer utskicket när underlagsdagen har passerat (som gits compile-packs)."
            ),
            meeting_packs,
            cron="20 6 * * *",
        ),
        Job(
            "agreement_notices",
            gettext_lazy("Uppsägning av avtal"),
            gettext_lazy("Varnar sex, tre och en månad före sista dag att säga upp ett avtal."),
            agreement_notices,
            cron="0 7 * * *",
        ),
        Job(
            "invoice_proposal",
            gettext_lazy("Förslag om kvartalsfakturering"),
            gettext_lazy("Föreslår ekonomin att fakturera när ett kvartal är slut."),
            invoice_proposal,
            cron="30 7 * * *",
        ),
        Job(
            "backup",
            gettext_lazy("Säkerhetskopia"),
            gettext_lazy("Säkerhetskopierar databasen och filerna varje natt."),
            nightly_backup,
            cron="30 2 * * *",
        ),
    ]
}


def run(name: str) -> str:
    """Run one job and record the run: started, finished, result or error, duration. The
    error is raised again so that the queue records the failure and retries."""
    job = JOBS[name]
    JobState.objects.get_or_create(name=name)
    started = timezone.now()
    JobState.objects.filter(name=name).update(last_started=started)
    clock = time.monotonic()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            result = str(job.func())
    except Exception as err:
        JobState.objects.filter(name=name).update(
            runs=F("runs") + 1,
            failures=F("failures") + 1,
            consecutive_failures=F("consecutive_failures") + 1,
            last_finished=timezone.now(),
            last_ok=False,
            last_error="".join(traceback.format_exception_only(err)).strip()[:2000],
            last_duration=time.monotonic() - clock,
        )
        log.exception("Jobbet %s misslyckades", name)
        raise
    JobState.objects.filter(name=name).update(
        runs=F("runs") + 1,
        consecutive_failures=0,
        last_finished=timezone.now(),
        last_success=timezone.now(),
        last_ok=True,
        last_result=result[:2000],
        last_error="",
        last_duration=time.monotonic() - clock,
    )
    log.info("Jobbet %s: %s", name, result)
    return result
