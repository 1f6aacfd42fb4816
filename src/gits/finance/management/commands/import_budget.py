"""Importerar en budget från Excel (R-22). Allt eller inget: har någon cell fel skrivs
ingenting, och varje fel anges med blad, rad och kolumn."""

from gits.core.commands import ImportCommand
from gits.finance.excel import budget_import_workbook


class Command(ImportCommand):
    help = __doc__
    progress_label = "Importerar budget"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--replace", action="store_true", help="Ersätt budgetens rader")

    def read(self, file, options, progress):
        budget, lines = budget_import_workbook(
            actor=self.acting_user(options),
            year=options["year"],
            data=file.read_bytes(),
            replace=options["replace"],
            progress=progress,
        )
        return f"Budgeten för {budget.year} är importerad: {lines} rader."
