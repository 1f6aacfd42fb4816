import datetime as dt

from django.core.management.base import CommandError

from gits.core.commands import ActingCommand
from gits.core.errors import DomainError
from gits.finance.models import Budget
from gits.finance.services import invoice_run, quarter_period


class Command(ActingCommand):
    help = (
        "Fakturerar kvartal i efterskott (R-25). Utan --year/--quarter faktureras varje avslutat "
        "kvartal som ännu inte är fakturerat. Idempotent: en körning till skapar inget nytt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Dagens datum (ÅÅÅÅ-MM-DD)")

    def handle(self, *args, **options):
        user = self.acting_user(options)
        today = options["today"] or dt.date.today()
        if options["quarter"] and not options["year"]:
            raise CommandError("Ange --year tillsammans med --quarter.")
        if options["year"] and options["quarter"]:
            periods = [(options["year"], options["quarter"])]
        else:
            years = (
                [options["year"]]
                if options["year"]
                else Budget.objects.values_list("year", flat=True)
            )
            periods = [
                (y, q)
                for y in sorted(years)
                for q in (1, 2, 3, 4)
                if quarter_period(y, q)[1] < today
            ]
        created = existing = 0
        with self.progress("Fakturerar kvartal", options) as progress:
            for done, (year, quarter) in enumerate(periods, start=1):
                try:
                    result = invoice_run(actor=user, year=year, quarter=quarter, today=today)
                except DomainError as err:
                    if len(periods) == 1:
                        raise CommandError(str(err.message)) from err
                    self.stderr.write(f"{year} K{quarter}: {err.message}")
                else:
                    created += len(result.created)
                    existing += len(result.existing)
                    for invoice in result.created:
                        self.stdout.write(
                            f"{year} K{quarter}: {invoice.number} {invoice.total_amount} kr"
                        )
                progress(done, len(periods))
        self.stdout.write(
            self.style.SUCCESS(f"Klart: {created} nya fakturor, {existing} fanns redan.")
        )
