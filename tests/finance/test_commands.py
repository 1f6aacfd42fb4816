import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from gits.finance.models import Budget, Invoice
from tests.finance.test_exports import seed_workbook

pytestmark = pytest.mark.django_db


def test_invoice_run_command_runs_every_ended_quarter_once(budget_2026, admin_user, capsys):
    call_command("invoice_run", today=dt.date(2026, 8, 1), verbosity=0)
    assert sorted(Invoice.objects.values_list("quarter", flat=True)) == [1, 2]
    call_command("invoice_run", today=dt.date(2026, 8, 1), verbosity=0)
    assert Invoice.objects.count() == 2
    assert "0 nya fakturor, 2 fanns redan" in capsys.readouterr().out


def test_invoice_run_command_names_the_refusal(budget_2026, admin_user):
    with pytest.raises(CommandError, match="efterskott"):
        call_command("invoice_run", year=2026, quarter=4, today=dt.date(2026, 8, 1), verbosity=0)


def test_import_budget_command_all_or_nothing(financiers, admin_user, tmp_path, capsys):
    good = tmp_path / "budget.xlsx"
    good.write_bytes(seed_workbook())
    call_command("import_budget", str(good), year=2024, verbosity=0)
    assert Budget.objects.get(year=2024).lines.count() == 9
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(seed_workbook([["A", "x", None, None, None, None, None]]))
    with pytest.raises(CommandError, match="Inget importerades"):
        call_command("import_budget", str(bad), year=2025, verbosity=0)
    assert "rad 3, kolumn B" in capsys.readouterr().err
    assert not Budget.objects.filter(year=2025).exists()
