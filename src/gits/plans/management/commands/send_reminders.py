from django.core.management.base import BaseCommand

from gits.plans.services import reminders_send


class Command(BaseCommand):
    help = "Påminner funktionskoordinatorer om statusrapporter vars underlagsdag närmar sig (körs dagligen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=5, help="Hur många dagar före underlagsdagen (standard 5)"
        )

    def handle(self, *args, **options):
        sent = reminders_send(days_ahead=options["days"])
        self.stdout.write(f"{sent} påminnelser skickade.")
