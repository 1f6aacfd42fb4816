"""A payback run (`gits invoice-parties --line ID --payback BELOPP`) in real processes against
a real database (SQLite here, PostgreSQL in CI through DATABASE_URL), as the invoice run is
tested in test_invoice_run_processes: two paybacks of the same surplus at once take turns on
the budget's lock. The first is held between finding no run and starting one; the second
must wait (without the lock, on PostgreSQL, it would start the run too and one of the two
would fail), then finds the first's run (the same reference): one run, one set of invoices,
no error, no gap. On SQLite the write transaction (BEGIN IMMEDIATE) serialises them too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.finance.test_invoice_run_processes import (
    ROOT,
    Database,
    _admin,
    _finish,
    _gits,
    _server_url,
    _wait_blocked,
    _wait_paused,
    assert_whole,
)

TODAY = "2026-02-16"
SEED = """
import datetime as dt
from decimal import Decimal
from django.contrib.auth import get_user_model
from gits.data.loader import load_defaults
from gits.finance import services
from gits.finance.demo import ensure_financiers
from gits.organisations.models import Organisation

load_defaults()
financiers = ensure_financiers()
admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "gits-test-2026")
region = Organisation.objects.get(kind=Organisation.Kind.REGION)
services.party_settings_save(actor=admin, organisation=region, bankgiro="9900-0002")
budget = services.budget_create(
    actor=None, year=2026, check_right=False, buyer_reference="VästKom GITS",
    bankgiro="5050-1055",
)
line = services.line_create(
    actor=admin, budget=budget, name="Öppna data", amount=Decimal("933000.00"),
    shares={financiers["Kommuner"]: Decimal("744000.00"), financiers["VGR"]: Decimal("189000.00")},
    spread_method="per_capita", population_date=dt.date(2024, 12, 31), accept_earlier=True,
)
print("LINE", line.pk)
"""


@pytest.fixture
def db(tmp_path):
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        name = f"gits_payback_{uuid.uuid4().hex[:10]}"
        with _admin(base) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        database = Database(_server_url(base, name), tmp_path)
    else:
        database = Database(f"sqlite:///{tmp_path / 'payback.sqlite3'}", tmp_path)
    try:
        _gits(database, "migrate", "--noinput", "--verbosity", "0")
        yield database
    finally:
        if database.is_postgres:
            with _admin(base) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _payback(db: Database, tmp_path: Path, line: str, **env: str):
    log = tmp_path / f"payback-{uuid.uuid4().hex[:8]}.log"
    out = log.with_suffix(".out")
    with out.open("w") as stdout, log.open("w") as stderr:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gits",
                "invoice-parties",
                "--line",
                line,
                "--payback",
                "1000,00",
                "--reference",
                "Beslut 1",
                "--today",
                TODAY,
                "--verbosity",
                "0",
            ],
            cwd=ROOT,
            env=db.env(**env),
            stdout=stdout,
            stderr=stderr,
        )
    proc.log, proc.out = log, out  # type: ignore[attr-defined]
    return proc


def _counts(said: str) -> tuple[int, int]:
    match = re.search(r"(\d+) nya fakturor, (\d+) fanns redan", said)
    assert match, said
    return int(match[1]), int(match[2])


def test_two_paybacks_of_one_surplus_at_once_make_one_set(db, tmp_path):
    seeded = _gits(db, "shell", "--command", SEED)
    line = seeded.stdout.split("LINE", 1)[1].split()[0]
    resume = tmp_path / "resume"
    # the first holds its transaction open between finding no run and starting one ...
    first = _payback(
        db,
        tmp_path,
        line,
        GITS_TEST_PAUSE_AT="finance.partyrun.checked:1",
        GITS_TEST_RESUME_FILE=str(resume),
    )
    _wait_paused(first, "finance.partyrun.checked")
    # ... the second starts meanwhile: it must wait for the budget, not fail, not pay twice
    second = _payback(db, tmp_path, line)
    _wait_blocked(db, second)
    resume.touch()
    said_first = _finish(first)
    said_second = _finish(second)
    # Each party's invoice is a transaction of its own, so the two take turns party by
    # party: between them every municipality gets exactly one invoice, under one run.
    counts = [_counts(said) for said in (said_first, said_second)]
    assert counts[0][0] + counts[1][0] == 49, (said_first, said_second)
    assert all(new + old == 49 for new, old in counts), (said_first, said_second)
    made = assert_whole(db)
    assert len(made) == 49
    assert all(i["amounts"][2] < 0 for i in made)
    assert db.rows("SELECT COUNT(*) FROM finance_partyrun") == [(1,)]
