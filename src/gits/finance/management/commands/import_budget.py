from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gits.core.errors import DomainError
from gits.core.progress import cli_progress
from gits.finance.excel import BudgetImportRejected, parse_budget_workbook
from gits.finance.management.commands._user import command_user
from gits.finance.services import budget_import


class Command(BaseCommand):
    help = (
        "Importerar en budget från Excel (R-22). Allt eller inget: har någon cell fel skrivs "
        "ingenting, och varje fel anges med blad, rad och kolumn."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--replace", action="store_true", help="Ersätt budgetens rader")
        parser.add_argument("--user", help="Användaren som importen registreras på")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        user = command_user(options["user"])
        from gits.portfolio.models import ManagedObject

        objects = {o.short_name.lower(): o for o in ManagedObject.objects.all()}
        try:
            parsed = parse_budget_workbook(path.read_bytes(), objects=objects)
            with cli_progress("Importerar budget", disable=options["verbosity"] == 0) as progress:
                budget = budget_import(
                    actor=user,
                    year=options["year"],
                    lines=parsed.lines,
                    stated=parsed.stated,
                    replace=options["replace"],
                    progress=progress,
                )
        except BudgetImportRejected as err:
            for problem in err.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Inget importerades: {len(err.problems)} fel i filen.") from err
        except DomainError as err:
            raise CommandError(str(err.message)) from err
        self.stdout.write(
            self.style.SUCCESS(
                f"Budgeten för {budget.year} är importerad: {len(parsed.lines)} rader."
            )
        )
