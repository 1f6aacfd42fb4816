from django.core.management.base import BaseCommand

from gits.data.demo import DEMO_PASSWORD, load_demo
from gits.data.loader import load_defaults


class Command(BaseCommand):
    help = "Läser in demodata (påhittade personer, SITIV med ledamöter, demoanvändare)."

    def handle(self, *args, **options):
        load_defaults()
        created = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demodata inläst ({created} personer)."))
        else:
            self.stdout.write("Demodata fanns redan; inget ändrades.")
        self.stdout.write(
            f"Demo-inloggning: admin / {DEMO_PASSWORD} (även funktionsledare, koordinator, "
            f"ledamot, kommunkontakt med samma lösenord)"
        )
