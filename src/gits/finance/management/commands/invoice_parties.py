import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.management.base import CommandError

from gits.core.commands import ActingCommand
from gits.core.errors import DomainError
from gits.finance.models import BudgetLine, PartyRun
from gits.finance.services import levy_run, payback_run, run_resume, share_run


def _amount(value: str) -> Decimal:
    try:
        return Decimal(value.replace(",", ".").replace(" ", ""))
    except InvalidOperation as err:
        raise CommandError(f"{value} är inget belopp.") from err


class Command(ActingCommand):
    help = (
        "Fakturerar varje kommun (eller part) för en period, en faktura per part och en "
        "transaktion per part: en avgift per invånare (--per-invanare BELOPP --title ... "
        "--year ... --population-date ...), en budgetrads andel (--line ID) eller en "
        "återbetalning av en rads överskott (--line ID --payback BELOPP --reference BESLUT). "
        "--resume RUN fortsätter en avbruten körning. Idempotent: en körning till skapar "
        "inget nytt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--per-invanare", dest="rate", help="Kronor per invånare och år")
        parser.add_argument("--title", default="", help="Vad som faktureras, t.ex. Bibblix")
        parser.add_argument("--year", type=int)
        parser.add_argument(
            "--population-date", type=dt.date.fromisoformat, help="Folkmängd per (ÅÅÅÅ-MM-DD)"
        )
        parser.add_argument("--accept-earlier", action="store_true")
        parser.add_argument("--line", type=int, help="Budgetradens id")
        parser.add_argument(
            "--payback", help="Överskott att betala tillbaka till radens finansiärer (med --line)"
        )
        parser.add_argument("--quarter", type=int, default=0, choices=[0, 1, 2, 3, 4])
        parser.add_argument("--reference", default="", help="Beslut eller referens")
        parser.add_argument("--resume", type=int, help="Körningens id")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Dagens datum")

    def handle(self, *args, **options):
        user = self.acting_user(options)
        today = options["today"] or dt.date.today()
        chosen = [k for k in ("rate", "line", "resume") if options[k] is not None]
        if len(chosen) != 1:
            raise CommandError("Ange en av --per-invanare, --line eller --resume.")
        if options["payback"] is not None and options["line"] is None:
            raise CommandError("Ange budgetraden (--line) vars överskott betalas tillbaka.")
        with self.progress("Fakturerar varje part", options) as progress:
            try:
                if options["resume"] is not None:
                    run = PartyRun.objects.filter(pk=options["resume"]).first()
                    if run is None:
                        raise CommandError(f"Körningen {options['resume']} finns inte.")
                    result = run_resume(actor=user, run=run, today=today, progress=progress)
                elif options["line"] is not None:
                    line = BudgetLine.objects.filter(pk=options["line"]).first()
                    if line is None:
                        raise CommandError(f"Budgetraden {options['line']} finns inte.")
                    if options["payback"] is not None:
                        result = payback_run(
                            actor=user,
                            line=line,
                            amount=_amount(options["payback"]),
                            reference=options["reference"],
                            today=today,
                            progress=progress,
                        )
                    else:
                        result = share_run(
                            actor=user,
                            line=line,
                            quarter=options["quarter"],
                            reference=options["reference"],
                            today=today,
                            progress=progress,
                        )
                else:
                    if not (options["year"] and options["population_date"]):
                        raise CommandError("Ange --year och --population-date.")
                    result = levy_run(
                        actor=user,
                        title=options["title"],
                        rate=_amount(options["rate"]),
                        year=options["year"],
                        reference_date=options["population_date"],
                        accept_earlier=options["accept_earlier"],
                        quarter=options["quarter"],
                        reference=options["reference"],
                        today=today,
                        progress=progress,
                    )
            except DomainError as err:
                raise CommandError(str(err.message)) from err
        for invoice in result.created:
            self.stdout.write(f"{invoice.number} {invoice.buyer}: {invoice.total_amount} kr")
        self.stdout.write(
            self.style.SUCCESS(
                f"Klart (körning {result.run.pk if result.run else '–'}): "
                f"{len(result.created)} nya fakturor, {len(result.existing)} fanns redan."
            )
        )
