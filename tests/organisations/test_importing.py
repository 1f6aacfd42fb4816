import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gits.core.models import AuditEntry
from gits.organisations.importing import ImportRejected, parse_population_csv
from gits.organisations.models import PopulationFigure
from gits.organisations.services import population_import

CODES = {"1401", "1480", "1415"}

SCB_EXPORT = (
    '"Folkmängd efter region och år"\n'
    "\n"
    '"region","2023","2024"\n'
    '"1401 Härryda","39 800","40003"\n'
    '"1415 Stenungsund","27500","27900"\n'
    "\n"
    '"Källa: SCB"\n'
).encode("cp1252")


def test_scb_export_gives_one_figure_per_year_column():
    rows = parse_population_csv(SCB_EXPORT, known_codes=CODES)
    assert [(r.scb_code, r.reference_date.year, r.population) for r in rows] == [
        ("1401", 2023, 39800),
        ("1401", 2024, 40003),
        ("1415", 2023, 27500),
        ("1415", 2024, 27900),
    ]
    assert all(r.reference_date.month == 12 and r.reference_date.day == 31 for r in rows)


def test_project_csv_shape():
    data = b"scb_code;population;population_date;source\n1480;604616;2024-12-31;SCB\n"
    [row] = parse_population_csv(data, known_codes=CODES)
    assert row.reference_date == dt.date(2024, 12, 31) and row.source == "SCB"


def test_every_problem_is_named_by_row_and_column():
    data = (
        b"scb_code,population,population_date\n"
        b"1480,604616,2024-12-31\n"
        b"9999,10,2024-12-31\n"
        b"1401,tio,2024-12-31\n"
        b"1415,5,2024-13-31\n"
    )
    with pytest.raises(ImportRejected) as err:
        parse_population_csv(data, known_codes=CODES)
    problems = [(p.line, p.column) for p in err.value.problems]
    assert problems == [(3, "scb_code"), (4, "population"), (5, "population_date")]
    assert "Rad 3, kolumn ”scb_code”" in str(err.value)
    assert "finns inte i registret" in str(err.value)


def test_a_digit_that_is_not_0_to_9_is_a_row_error_not_a_crash():
    data = "scb_code,population,population_date\n1480,²,2024-12-31\n".encode()
    with pytest.raises(ImportRejected) as err:
        parse_population_csv(data, known_codes=CODES)
    assert [(p.line, p.column) for p in err.value.problems] == [(2, "population")]


def test_duplicate_rows_are_refused():
    data = b"scb_code,population,population_date\n1480,1,2024-12-31\n1480,2,2024-12-31\n"
    with pytest.raises(ImportRejected, match="finns redan på rad 2"):
        parse_population_csv(data, known_codes=CODES)


@pytest.mark.django_db
def test_import_is_all_or_nothing(defaults, tmp_path, admin_user):
    before = PopulationFigure.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("scb_code,population,population_date\n1480,1,2025-12-31\n1480,x,2025-12-31\n")
    with pytest.raises(CommandError, match="Inget importerades"):
        call_command("import_population", str(bad), verbosity=0)
    assert PopulationFigure.objects.count() == before
    good = tmp_path / "good.csv"
    good.write_bytes(SCB_EXPORT)
    call_command("import_population", str(good), verbosity=0)
    assert (
        PopulationFigure.objects.get(
            municipality__scb_code="1415", reference_date=dt.date(2024, 12, 31)
        ).population
        == 27900
    )
    assert AuditEntry.objects.filter(action="organisations.population.imported").count() == 4


@pytest.mark.django_db
def test_import_twice_changes_nothing(defaults, admin_user):
    rows = parse_population_csv(SCB_EXPORT, known_codes=CODES)
    assert population_import(actor=admin_user, rows=rows)["created"] == 3
    assert population_import(actor=admin_user, rows=rows) == {
        "created": 0,
        "updated": 0,
        "unchanged": 4,
    }
