from pathlib import Path

from django.core.management.base import BaseCommand

from gits.core.backup import backup
from gits.core.progress import cli_progress


class Command(BaseCommand):
    help = "Skriver en konsekvent säkerhetskopia (databas och uppladdade filer) till FIL."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        with cli_progress("Säkerhetskopierar") as progress:
            manifest = backup(file, progress=progress)
        self.stdout.write(
            f"Säkerhetskopian {file} innehåller {sum(manifest['rows'].values())} rader och "
            f"{len(manifest['files'])} filer."
        )
