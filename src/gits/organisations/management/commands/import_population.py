import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gits.core.errors import DomainError
from gits.core.progress import cli_progress
from gits.organisations.importing import DEFAULT_SOURCE, ImportRejected, read_population_file
from gits.organisations.services import population_import


class Command(BaseCommand):
    help = (
        "Importerar folkmängd per kommun från SCB:s tabell (CSV). Allt eller inget: har någon "
        "rad fel skrivs ingenting, och varje fel anges med rad och kolumn."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="Datum som siffrorna avser (ÅÅÅÅ-MM-DD)"
        )
        parser.add_argument("--source", default=DEFAULT_SOURCE)
        parser.add_argument(
            "--user",
            help="Användaren som importen registreras på (standard: första administratören)",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        User = get_user_model()
        user = (
            User.objects.get(username=options["user"])
            if options["user"]
            else User.objects.filter(Q(is_superuser=True) | Q(groups__name="admin"), is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            raise CommandError("Ingen administratör finns; ange --user.")
        try:
            rows = read_population_file(
                path.read_bytes(),
                default_date=options["date"],
                default_source=options["source"],
            )
            with cli_progress(
                "Importerar folkmängd", disable=options["verbosity"] == 0
            ) as progress:
                result = population_import(actor=user, rows=rows, progress=progress)
        except ImportRejected as err:
            for problem in err.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Inget importerades: {len(err.problems)} fel i filen.") from err
        except DomainError as err:
            raise CommandError(str(err.message)) from err
        self.stdout.write(
            self.style.SUCCESS(
                f"Klart: {result['created']} nya, {result['updated']} ändrade, {result['unchanged']} oförändrade."
            )
        )
