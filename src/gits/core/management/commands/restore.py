from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gits.core.backup import BackupError, restore
from gits.core.progress import cli_progress


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia från FIL till en tom installation (databasen skapas "
        "först). Allt eller inget."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Ersätt data som redan finns i databasen."
        )

    def handle(self, *args, file: Path, force: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            with cli_progress("Återställer") as progress:
                manifest = restore(file, force=force, progress=progress)
        except BackupError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(
            f"Återställt {sum(manifest['rows'].values())} rader och {len(manifest['files'])} "
            f"filer från {manifest['created']}."
        )
