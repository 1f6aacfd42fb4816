from django.core.management.base import BaseCommand

from gits.core.progress import cli_progress
from gits.plans.services import packs_compile_due


class Command(BaseCommand):
    help = "Sammanställer utskicket för varje sammanträde vars underlagsdag har passerat (körs dagligen)."

    def handle(self, *args, **options):
        with cli_progress("Utskick", disable=options["verbosity"] == 0) as progress:
            packs = packs_compile_due()
            progress(len(packs), len(packs))
        for pack in packs:
            self.stdout.write(f"Utskick sammanställt: {pack.meeting}")
        if not packs:
            self.stdout.write("Inga utskick att sammanställa.")
