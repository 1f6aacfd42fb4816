"""Importerar folkmängd per kommun från SCB:s tabell (CSV). Allt eller inget: har någon rad
fel skrivs ingenting, och varje fel anges med rad och kolumn."""

import datetime as dt

from gits.core.commands import ImportCommand
from gits.organisations.importing import DEFAULT_SOURCE, read_population_file
from gits.organisations.services import population_import


class Command(ImportCommand):
    help = __doc__
    progress_label = "Importerar folkmängd"

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="Datum som siffrorna avser (ÅÅÅÅ-MM-DD)"
        )
        parser.add_argument("--source", default=DEFAULT_SOURCE)

    def read(self, file, options, progress):
        rows = read_population_file(
            file.read_bytes(), default_date=options["date"], default_source=options["source"]
        )
        result = population_import(actor=self.acting_user(options), rows=rows, progress=progress)
        return (
            f"Klart: {result['created']} nya, {result['updated']} ändrade, "
            f"{result['unchanged']} oförändrade."
        )
