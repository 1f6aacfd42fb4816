"""Återställer en säkerhetskopia från FIL till en tom installation (databasen skapas först).
Allt eller inget."""

from django.core.management import call_command
from django.core.management.base import CommandError

from gits.core.backup import BackupError, restore
from gits.core.commands import FileCommand


class Command(FileCommand):
    help = __doc__
    progress_label = "Återställer"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ersätt data som redan finns i databasen."
        )

    def read(self, file, options, progress):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(file, force=options["force"], progress=progress)
        except BackupError as err:
            raise CommandError(str(err)) from err
        return (
            f"Återställt {sum(manifest['rows'].values())} rader och {len(manifest['files'])} "
            f"filer från {manifest['created']}."
        )
