from django.core.management.base import BaseCommand

from gits.core.progress import cli_progress
from gits.data.loader import dataset_path, load_defaults


class Command(BaseCommand):
    help = (
        "Läser in standarddata: regionen, kommunernas förening, kommunalförbunden, kommunerna "
        "med folkmängd, organen och kriterierna för samförvaltning. Kan köras flera gånger; "
        "det som finns lämnas orört."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset", help="Namn eller sökväg till en datamängd (standard: GITS_DATASET)"
        )

    def handle(self, *args, **options):
        path = dataset_path(options.get("dataset"))
        with cli_progress(
            f"Standarddata ({path.name})", disable=options["verbosity"] == 0
        ) as progress:
            result = load_defaults(name=options.get("dataset"), progress=progress)
        if result.total:
            details = ", ".join(f"{n} {what}" for what, n in result.created.items())
            self.stdout.write(self.style.SUCCESS(f"Skapade {details}."))
        else:
            self.stdout.write("Standarddata fanns redan; inget ändrades.")
