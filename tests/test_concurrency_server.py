"""Concurrent writes wait or conflict, never fail (issue 12): the production server (`gits
serve`, gunicorn with several worker processes) on a real database, the SQLite file of an
installation or a fresh database on the PostgreSQL server of DATABASE_URL (CI runs both).

Pairs of simultaneous PATCHes of the same record with the same version end in one 200 and one
409, never a 5xx, and the record's audit trail holds exactly the successes. Two simultaneous
invoice runs of one quarter, and two simultaneous paybacks with one reference, make one set of
invoices: the second answers with what the first made (or 409), never a 500."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
PAIRS = 8
SEED = """
import datetime as dt
from decimal import Decimal
from django.contrib.auth import get_user_model
from gits.accounts.services import token_create
from gits.bodies.models import Person
from gits.data.loader import load_defaults
from gits.finance import services
from gits.finance.demo import ensure_financiers
from gits.organisations.models import Organisation
from gits.portfolio.models import ManagedObject

load_defaults()
ensure_financiers()
admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "gits-test-2026")
budget = services.budget_create(
    actor=None, year=2025, check_right=False, buyer_reference="VästKom GITS",
    bankgiro="5050-1055",
)
line = services.line_create(
    actor=None, budget=budget, check_right=False, name="Rad 2025", amount=Decimal("812345.67"),
    joint_function=True, invoiced=True, population_date=dt.date(2023, 12, 31),
    accept_earlier=True,
)
person = Person.objects.create(first_name="Samtidig", last_name="Skrivare")
obj = ManagedObject.objects.create(name="Samtidighet", short_name="SAMT")
party = Organisation.objects.filter(kind="municipality").order_by("pk").first()
_, raw = token_create(user=admin)
print(f"TOKEN={raw}")
print(f"PERSON={person.pk}")
print(f"LINE={line.pk}")
print(f"OBJECT={obj.pk}")
print(f"PARTY={party.pk}")
"""


@dataclass
class Database:
    url: str

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith(("postgres://", "postgresql://"))

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.is_postgres:
            import psycopg

            conn = psycopg.connect(self.url)
            sql = sql.replace("?", "%s")
        else:
            conn = sqlite3.connect(urlsplit(self.url).path)
        try:
            cur = conn.cursor()
            cur.execute(sql, params)
            return list(cur.fetchall())
        finally:
            conn.close()


@dataclass
class Server:
    db: Database
    base: str
    token: str
    person: int
    line: int
    managed_object: int
    party: int
    log: Path

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{self.base}/api/v1{path}", headers=self.headers(), timeout=60, **kwargs
        )


def _server_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin(url: str):
    import psycopg

    return psycopg.connect(_server_url(url, "postgres"), autocommit=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(db: Database, var_dir: Path) -> dict[str, str]:
    """The environment of a production installation: no debug, no test mode."""
    env = {
        **os.environ,
        "DATABASE_URL": db.url,
        "GITS_VAR_DIR": str(var_dir),
        "GITS_SECRET_KEY": "concurrency-test-" + uuid.uuid4().hex,
        "GITS_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "gits.settings",
    }
    for name in ("GITS_DEBUG", "GITS_TESTING", "GITS_TEST_PAUSE_AT", "GITS_TEST_RESUME_FILE"):
        env.pop(name, None)
    return env


def _gits(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gits", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"gits {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base_url = os.environ.get("DATABASE_URL", "")
    var_dir = tmp_path_factory.mktemp("gits-concurrency")
    if base_url.startswith(("postgres://", "postgresql://")):
        name = f"gits_conc_{uuid.uuid4().hex[:10]}"
        with _admin(base_url) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db = Database(_server_url(base_url, name))
    else:
        db = Database(f"sqlite:///{var_dir / 'gits.sqlite3'}")
    env = _env(db, var_dir)
    proc = None
    log = var_dir / "server.log"
    try:
        _gits(env, "migrate", "--noinput", "--verbosity", "0")
        out = _gits(env, "shell", "--command", SEED).split()
        seeded = dict(w.split("=", 1) for w in out if "=" in w and w.split("=")[0].isupper())
        port = _free_port()
        with log.open("w") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "gits", "serve", "--bind", f"127.0.0.1:{port}"]
                + ["--workers", "2"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"the server exited:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the server did not start:\n{log.read_text()}"
            try:  # listening, and a worker answers
                if requests.get(f"http://127.0.0.1:{port}/api/v1/bodies", timeout=30).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        yield Server(
            db=db,
            base=f"http://127.0.0.1:{port}",
            token=seeded["TOKEN"],
            person=int(seeded["PERSON"]),
            line=int(seeded["LINE"]),
            managed_object=int(seeded["OBJECT"]),
            party=int(seeded["PARTY"]),
            log=log,
        )
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # quick shutdown
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if db.is_postgres:
            with _admin(base_url) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{urlsplit(db.url).path[1:]}" WITH (FORCE)')


def _at_once(*calls):
    """Run the calls in parallel threads released together; their responses in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return [f.result() for f in [pool.submit(run, c) for c in calls]]


def _no_server_error(server: Server, responses) -> list[int]:
    codes = [r.status_code for r in responses]
    assert all(c < 500 for c in codes), (
        f"{codes}: {[r.text[:300] for r in responses]}\n" + (server.log.read_text()[-3000:])
    )
    return codes


def test_simultaneous_patches_end_in_one_success_and_one_conflict(server):
    person = f"/people/{server.person}"
    version = server.call("GET", person).json()["version"]
    start = version
    successes = 0
    for i in range(PAIRS):
        a, b = _at_once(
            partial(server.call, "PATCH", person, json={"version": version, "title": f"A {i}"}),
            partial(server.call, "PATCH", person, json={"version": version, "title": f"B {i}"}),
        )
        codes = _no_server_error(server, [a, b])
        assert sorted(codes) == [200, 409], codes
        winner = a if a.status_code == 200 else b
        loser = b if winner is a else a
        assert loser.json()["field"] == "version"
        version = winner.json()["version"]
        successes += 1
    stored = server.call("GET", person).json()
    assert stored["version"] == start + PAIRS
    audited = server.db.rows(
        "SELECT changes FROM core_auditentry WHERE action = 'bodies.person.changed' "
        "AND object_id = ?",
        (str(server.person),),
    )
    assert len(audited) == successes == PAIRS
    assert stored["title"] in {f"A {PAIRS - 1}", f"B {PAIRS - 1}"}


def test_four_simultaneous_patches_with_one_version_let_exactly_one_through(server):
    person = f"/people/{server.person}"
    before = server.call("GET", person).json()["version"]
    responses = _at_once(
        *[
            (lambda n=n: server.call("PATCH", person, json={"version": before, "phone": f"0{n}"}))
            for n in range(4)
        ]
    )
    codes = _no_server_error(server, responses)
    assert sorted(codes) == [200, 409, 409, 409], codes
    assert server.call("GET", person).json()["version"] == before + 1


def test_simultaneous_writes_of_different_records_wait_and_all_succeed(server):
    before = len(server.db.rows("SELECT id FROM bodies_person"))
    responses = _at_once(
        *[
            partial(server.call, "POST", "/people", json={"first_name": "Ny", "last_name": f"{n}"})
            for n in range(4)
        ]
    )
    assert _no_server_error(server, responses) == [201] * 4
    created = {str(r.json()["id"]) for r in responses}
    audited = server.db.rows(
        "SELECT object_id FROM core_auditentry WHERE action = 'bodies.person.created'"
    )
    assert created <= {str(a) for (a,) in audited}
    assert len(server.db.rows("SELECT id FROM bodies_person")) == before + 4


def test_two_simultaneous_first_contacts_of_a_kind_never_fail(server):
    """A party's contact of one kind is set (created or changed): two people naming the first
    one at the same moment meet the uniqueness of (object, party, kind)."""
    path = f"/objects/{server.managed_object}/contacts"
    for kind in ("business", "technical"):
        responses = _at_once(
            *[
                partial(
                    server.call,
                    "POST",
                    path,
                    json={"party_id": server.party, "kind": kind, "name": f"Kontakt {n}"},
                )
                for n in range(2)
            ]
        )
        codes = _no_server_error(server, responses)
        assert set(codes) <= {201, 409} and 201 in codes, codes
        stored = server.db.rows(
            "SELECT name FROM portfolio_supportcontact WHERE managed_object_id = ? "
            "AND party_id = ? AND kind = ?",
            (server.managed_object, server.party, kind),
        )
        assert len(stored) == 1


def _invoices(db: Database, kind: str, year: int, quarter: int | None = None) -> list[tuple]:
    sql = "SELECT number, buyer_id FROM finance_invoice WHERE kind = ? AND year = ?"
    params: tuple = (kind, year)
    if quarter is not None:
        sql += " AND quarter = ?"
        params += (quarter,)
    return db.rows(sql, params)


def test_two_simultaneous_invoice_runs_make_one_invoice(server):
    for quarter in (1, 2):
        responses = _at_once(
            *[
                partial(
                    server.call,
                    "POST",
                    "/finance/invoice-runs",
                    json={"year": 2025, "quarter": quarter},
                )
                for _ in range(2)
            ]
        )
        codes = _no_server_error(server, responses)
        assert sorted(codes) in ([200, 201], [201, 409]), codes
        made = [n for r in responses if r.status_code == 201 for n in r.json()["created"]]
        found = [r.json()["existing"] for r in responses if r.status_code == 200]
        stored = _invoices(server.db, "quarterly", 2025, quarter)
        assert len(stored) == len(made) > 0
        assert len({n for n, _b in stored}) == len(stored)
        for existing in found:
            assert sorted(i["number"] for i in existing) == sorted(i["number"] for i in made)


def test_two_simultaneous_paybacks_with_one_reference_make_one_set(server):
    path = f"/finance/lines/{server.line}/payback"
    body = {"amount": "100.00", "reference": "SITIV 2025/7"}
    responses = _at_once(*[(lambda: server.call("POST", path, json=body)) for _ in range(2)])
    codes = _no_server_error(server, responses)
    assert set(codes) <= {201, 409}, codes
    made = [i for r in responses if r.status_code == 201 for i in r.json()["created"]]
    stored = _invoices(server.db, "payback", 2025)
    assert len(stored) == len(made) > 0
    assert len({b for _n, b in stored}) == len(stored)  # one document per party
