from pathlib import Path

from django.core.management.base import CommandError

from gits.core.errors import DomainError
from gits.finance.excel import BudgetImportRejected, budget_import_workbook
from gits.finance.management.commands._user import ActingCommand


class Command(ActingCommand):
    help = (
        "Importerar en budget från Excel (R-22). Allt eller inget: har någon cell fel skrivs "
        "ingenting, och varje fel anges med blad, rad och kolumn."
    )
    user_help = "Användaren som importen registreras på"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--replace", action="store_true", help="Ersätt budgetens rader")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        user = self.acting_user(options)
        try:
            with self.progress("Importerar budget", options) as progress:
                budget, lines = budget_import_workbook(
                    actor=user,
                    year=options["year"],
                    data=path.read_bytes(),
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
            self.style.SUCCESS(f"Budgeten för {budget.year} är importerad: {lines} rader.")
        )
