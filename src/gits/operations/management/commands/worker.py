from django.core.management.base import BaseCommand, CommandError

from gits.operations.jobs import JOBS, run
from gits.operations.schedule import ensure_schedules


class Command(BaseCommand):
    requires_system_checks = []  # a long-running process; `gits check` and the server check
    help = (
        "Kör bakgrundsjobben enligt schemat (påminnelser, utskick, avtal, fakturering, "
        "aviseringar, säkerhetskopia) tills den stoppas med Ctrl+C eller SIGTERM. "
        "Flera worker kan köra mot samma databas; varje uppgift körs av en av dem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--run",
            metavar="JOBB",
            choices=sorted(JOBS),
            help="Kör ett jobb en gång nu och avsluta",
        )
        parser.add_argument("--list", action="store_true", help="Visa jobben och schemat")

    def handle(self, *args, **options):
        schedules = ensure_schedules()
        if options["list"]:
            for schedule in schedules:
                job = JOBS[schedule.name]
                self.stdout.write(
                    f"{job.name:28} {job.when:22} nästa {schedule.next_run:%Y-%m-%d %H:%M}  {job.label}"
                )
            return
        if options["run"]:
            try:
                self.stdout.write(run(options["run"]))
            except Exception as err:
                raise CommandError(f"{options['run']}: {err}") from err
            return
        self._serve()

    def _serve(self):
        from django.conf import settings
        from django.db import connections
        from django_q.brokers import get_broker
        from django_q.cluster import Cluster
        from django_q.scheduler import scheduler

        settings.SECRET_KEY  # noqa: B018  (tasks are signed with it)
        broker = get_broker()
        # Put what is due in the queue at once (the cluster's own scheduler first looks after
        # about 30 seconds), so a fresh start shows a heartbeat within seconds.
        scheduler(broker=broker)
        connections.close_all()  # the cluster's processes are forked: each opens its own
        # As django-q2's own `qcluster`: start and return; the process waits for the cluster,
        # which stops on SIGTERM or SIGINT.
        Cluster(broker).start()
