import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Startar GITS med gunicorn (produktionsserver; statiska filer serveras av appen)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GITS_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GITS_WORKERS", "3")))

    def handle(self, *args, **options):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "gits.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        self.stdout.write(f"GITS körs på http://{options['bind']}/ (avsluta med Ctrl+C)")
        self.stdout.flush()
        # Become gunicorn (same process id), so that SIGTERM and SIGINT reach it directly and
        # it stops its workers and frees the port, instead of leaving them behind.
        os.execv(sys.executable, command)
