"""`gits invoice-run` in real processes against a real database: the SQLite file of an
installation, or a fresh database on the PostgreSQL server of DATABASE_URL (CI runs both).

Nothing is lost (issue 12): killed with SIGKILL after an invoice is committed or in the middle
of writing one, the run leaves no gap in the numbers, no duplicate and nothing half written,
and the next run completes it to exactly what an uninterrupted run makes. Two runs of one
quarter at once end with one set of invoices and no error: the second waits, then finds them.

The moments to kill or hold a process are the pause points of gits.core.faults (test-only)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-01-20"  # every quarter of 2024 and 2025 has ended
YEARS = (2024, 2025)  # the budgets SEED makes
SEED = """
import datetime as dt
from decimal import Decimal
from django.contrib.auth import get_user_model
from gits.data.loader import load_defaults
from gits.finance import services
from gits.finance.demo import ensure_financiers

load_defaults()
ensure_financiers()
get_user_model().objects.create_superuser("admin", "admin@example.org", "gits-test-2026")
for year in (2024, 2025):
    budget = services.budget_create(
        actor=None, year=year, check_right=False, buyer_reference="VästKom GITS",
        bankgiro="5050-1055",
    )
    for i, amount in enumerate(["3000000.01", "812345.67", "120000.10"], start=1):
        services.line_create(
            actor=None, budget=budget, check_right=False, name=f"Rad {i} {year}",
            amount=Decimal(amount), joint_function=True, invoiced=True,
            population_date=dt.date(year - 2, 12, 31), accept_earlier=True,
        )
"""


# --- the databases ------------------------------------------------------------------------


@dataclass
class Database:
    """One database the processes share: its URL, and a DB-API connection to read it back."""

    url: str
    var_dir: Path

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith(("postgres://", "postgresql://"))

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "GITS_TESTING": "1",
            "GITS_VAR_DIR": str(self.var_dir),
            "DJANGO_SETTINGS_MODULE": "gits.settings",
            **extra,
        }
        for name in ("GITS_TEST_PAUSE_AT", "GITS_TEST_RESUME_FILE"):
            if name not in extra:
                env.pop(name, None)
        return env

    def connect(self):
        if self.is_postgres:
            import psycopg

            return psycopg.connect(self.url)
        return sqlite3.connect(urlsplit(self.url).path)

    def rows(self, sql: str) -> list[tuple]:
        conn = self.connect()
        try:
            cur = conn.cursor()
            cur.execute(sql)
            return list(cur.fetchall())
        finally:
            conn.close()


def _server_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin(url: str):
    import psycopg

    return psycopg.connect(_server_url(url, "postgres"), autocommit=True)


def _gits(db: Database, *args: str, timeout: float = 300, **env: str):
    result = subprocess.run(
        [sys.executable, "-m", "gits", *args],
        cwd=ROOT,
        env=db.env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"gits {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A migrated database with the defaults, an administrator and budgets for 2024 and 2025
    (three invoiced lines each): the template every test copies."""
    base = os.environ.get("DATABASE_URL", "")
    var_dir = tmp_path_factory.mktemp("gits-var")
    if base.startswith(("postgres://", "postgresql://")):
        name = f"gits_proc_{uuid.uuid4().hex[:10]}"
        with _admin(base) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db = Database(_server_url(base, name), var_dir)
    else:
        db = Database(f"sqlite:///{var_dir / 'template.sqlite3'}", var_dir)
    try:
        _gits(db, "migrate", "--noinput", "--verbosity", "0")
        _gits(db, "shell", "--command", SEED)
        yield db
    finally:
        if db.is_postgres:
            with _admin(base) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{urlsplit(db.url).path[1:]}" WITH (FORCE)')


@pytest.fixture(scope="module")
def copy_of(seeded, tmp_path_factory):
    """A fresh copy of the seeded database for each use (the template stays untouched)."""
    made: list[str] = []

    def make() -> Database:
        name = f"gits_copy_{uuid.uuid4().hex[:10]}"
        if seeded.is_postgres:
            with _admin(seeded.url) as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{urlsplit(seeded.url).path[1:]}"')
            made.append(name)
            return Database(_server_url(seeded.url, name), seeded.var_dir)
        target = tmp_path_factory.mktemp("copy") / f"{name}.sqlite3"
        source, copy = sqlite3.connect(urlsplit(seeded.url).path), sqlite3.connect(target)
        with source, copy:
            source.backup(copy)  # consistent even with a write-ahead log beside the file
        source.close()
        copy.close()
        return Database(f"sqlite:///{target}", seeded.var_dir)

    yield make
    if seeded.is_postgres:
        with _admin(seeded.url) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- what the invoices say -----------------------------------------------------------------


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def invoices(db: Database) -> list[dict]:
    """Every invoice with its lines, without ids and times: what two runs can be compared on."""
    heads = db.rows(
        "SELECT id, number, serial, series_id, kind, year, quarter, sequence, seller_id, "
        "buyer_id, net_amount, vat_amount, total_amount FROM finance_invoice ORDER BY serial"
    )
    lines: dict[int, list[tuple]] = {}
    for invoice_id, position, description, net in db.rows(
        "SELECT invoice_id, position, description, net_amount FROM finance_invoiceline "
        "ORDER BY invoice_id, position"
    ):
        lines.setdefault(invoice_id, []).append((position, description, _money(net)))
    return [
        {
            "number": number,
            "serial": serial,
            "series": series,
            "period": (kind, year, quarter, sequence),
            "parties": (seller, buyer),
            "amounts": (_money(net), _money(vat), _money(total)),
            "lines": lines.get(pk, []),
        }
        for (
            pk,
            number,
            serial,
            series,
            kind,
            year,
            quarter,
            sequence,
            seller,
            buyer,
            net,
            vat,
            total,
        ) in heads
    ]


def assert_whole(db: Database) -> list[dict]:
    """No gap, no duplicate, nothing half written: every invoice has its lines, its totals add
    up and its audit entry exists; the series continues right after the last number."""
    found = invoices(db)
    numbers = [i["number"] for i in found]
    assert len(numbers) == len(set(numbers)), f"duplicate numbers: {numbers}"
    periods = [(i["period"], i["parties"]) for i in found]
    assert len(periods) == len(set(periods)), f"a period invoiced twice: {periods}"
    series = dict(db.rows("SELECT id, next_number FROM finance_numberseries"))
    for series_id, next_number in series.items():
        serials = [i["serial"] for i in found if i["series"] == series_id]
        assert serials == list(range(1, len(serials) + 1)), f"gap in the numbers: {serials}"
        assert next_number == len(serials) + 1, f"series at {next_number} after {serials}"
    for invoice in found:
        net, vat, total = invoice["amounts"]
        assert invoice["lines"], f"{invoice['number']} has no lines"
        assert [p for p, _d, _n in invoice["lines"]] == list(range(1, len(invoice["lines"]) + 1))
        assert sum((n for _p, _d, n in invoice["lines"]), Decimal("0.00")) == net
        assert total == net + vat
    audited = db.rows(
        "SELECT object_id FROM core_auditentry WHERE action = 'finance.invoice.issued'"
    )
    ids = db.rows("SELECT id FROM finance_invoice")
    assert sorted(str(a) for (a,) in audited) == sorted(str(i) for (i,) in ids)
    return found


# --- the processes -------------------------------------------------------------------------


def _start(db: Database, tmp_path: Path, *args: str, **env: str):
    log = tmp_path / f"run-{uuid.uuid4().hex[:8]}.log"
    out = log.with_suffix(".out")
    with out.open("w") as stdout, log.open("w") as stderr:  # the child keeps its own copies
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gits",
                "invoice-run",
                "--today",
                TODAY,
                "--verbosity",
                "0",
                *args,
            ],
            cwd=ROOT,
            env=db.env(**env),
            stdout=stdout,
            stderr=stderr,
        )
    proc.log, proc.out = log, out  # type: ignore[attr-defined]
    return proc


def _wait_paused(proc, point: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while f"GITS_TEST_PAUSED {point}" not in proc.log.read_text():
        assert proc.poll() is None, f"exited before {point}:\n{proc.log.read_text()}"
        assert time.monotonic() < deadline, f"never reached {point}"
        time.sleep(0.05)


def _wait_blocked(db: Database, proc) -> None:
    """Until the process waits for another's lock: on PostgreSQL seen in pg_stat_activity; on
    SQLite (a busy wait inside the library) given time enough to get there, well under the
    20 s the settings let a writer wait."""
    if db.is_postgres:
        name = urlsplit(db.url).path[1:]
        deadline = time.monotonic() + 60
        while not db.rows(
            f"SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = '{name}'"
        ):
            assert proc.poll() is None, f"did not wait:\n{proc.log.read_text()}"
            assert time.monotonic() < deadline, "the second run never waited for the first"
            time.sleep(0.1)
    else:
        time.sleep(8)
    assert proc.poll() is None, f"did not wait:\n{proc.log.read_text()}"


def _finish(proc, timeout: float = 120) -> str:
    assert proc.wait(timeout=timeout) == 0, proc.log.read_text()
    return proc.out.read_text()


def _kill(proc) -> None:
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


@pytest.fixture(scope="module")
def reference(copy_of) -> list[dict]:
    """What one uninterrupted run makes from the seed."""
    db = copy_of()
    _gits(db, "invoice-run", "--today", TODAY)
    made = assert_whole(db)
    assert len(made) >= 2 * len(YEARS), made  # enough invoices to kill a run between them
    return made


def test_a_killed_run_loses_nothing_and_the_next_run_completes_it(copy_of, reference, tmp_path):
    db = copy_of()
    # 1. killed right after the second invoice was committed
    proc = _start(db, tmp_path, GITS_TEST_PAUSE_AT="finance.invoice.committed:2")
    _wait_paused(proc, "finance.invoice.committed")
    _kill(proc)
    committed = assert_whole(db)
    assert len(committed) >= 2 and committed == reference[: len(committed)]

    # 2. killed in the middle of writing an invoice: its row and number written, its lines
    # not yet. The invoices this run committed before stand; the half-written one leaves no
    # trace, not even its number (assert_whole: the series continues after the last invoice).
    proc = _start(db, tmp_path, GITS_TEST_PAUSE_AT="finance.invoice.written:2")
    _wait_paused(proc, "finance.invoice.written")
    _kill(proc)
    interrupted = assert_whole(db)
    assert interrupted == reference[: len(interrupted)]
    assert len(committed) < len(interrupted) < len(reference)

    # 3. the next run completes it: exactly the set of an uninterrupted run, same numbers
    _finish(_start(db, tmp_path))
    assert assert_whole(db) == reference

    # and one more run makes nothing new
    _finish(_start(db, tmp_path))
    assert assert_whole(db) == reference


def test_two_runs_of_one_quarter_at_once_make_one_set(copy_of, tmp_path):
    db = copy_of()
    period = ("--year", "2025", "--quarter", "2")
    resume = tmp_path / "resume"
    # the first run holds its transaction open with the invoice written, not committed ...
    first = _start(
        db,
        tmp_path,
        *period,
        GITS_TEST_PAUSE_AT="finance.invoice.written:1",
        GITS_TEST_RESUME_FILE=str(resume),
    )
    _wait_paused(first, "finance.invoice.written")
    # ... the second starts meanwhile and must wait, not fail and not invoice again
    second = _start(db, tmp_path, *period)
    _wait_blocked(db, second)
    resume.touch()
    _finish(first)
    said = _finish(second)
    assert "0 nya fakturor, 1 fanns redan" in said, said
    made = assert_whole(db)
    assert [(i["period"][1:3], i["serial"]) for i in made] == [((2025, 2), 1)]


def test_runs_started_together_make_one_set(copy_of, reference, tmp_path):
    """Three runs over every period at the same moment, no pauses: one set, no error."""
    db = copy_of()
    procs = [_start(db, tmp_path) for _ in range(3)]
    for proc in procs:
        _finish(proc, timeout=300)
    assert assert_whole(db) == reference
