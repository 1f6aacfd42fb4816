"""`make bench`: what a user gets, measured over HTTP on the production server.

For each database (SQLite and PostgreSQL) it generates a data set (`gits generate`, reused when
one with the same scale and seed exists; PostgreSQL copies SQLite's when there is one, so both
are measured on the same rows), serves it with `gits serve` (gunicorn, 3 workers,
DEBUG off), drives each key page and API list with wrk at 32 connections and reports requests
per second, p50 and p99 latency, the ratio to a trivial view served by the same server in the
same run, queries per request and the workers' peak memory; plus the invoice run of a quarter
against reading its input, the meeting pack's compile time and the generation time. Writes the
table to docs/performance-latest.md. Timings are never asserted in tests.

    python -m gits.bench [--scale tiny|region|nation] [--seed N] [--db sqlite,postgresql]
                         [--quick] [--duration S] [--connections N]

PostgreSQL: a database of its own (bench_<scale>_<seed>) on the server DATABASE_URL names when
it is a postgres:// URL, else on a temporary server started like .ci/run does (a cluster in
/tmp/gits-bench-pg kept between runs so that a generated data set is reused)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("GITS_HOME", Path.cwd())).resolve()
BENCH_DIR = ROOT / "var" / "bench"
PG_DIR = Path("/tmp/gits-bench-pg")
PG_PORT = int(os.environ.get("GITS_BENCH_PGPORT", "54331"))


def sh(*args: str, env: dict[str, str] | None = None, check: bool = True, **kw):
    return subprocess.run(list(args), env=env, check=check, **kw)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("== wrk saknas: installerar Debian-paketet wrk", flush=True)
    apt_install("wrk")
    return shutil.which("wrk") or "wrk"


def apt_install(package: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh("apt-get", "update", "-qq")
    sh("apt-get", "install", "-y", "-qq", package, env=env)


def postgres_url(key: str, *, fresh: bool = False) -> tuple[str, bool]:
    """A database for the data set `key`, and whether it already existed (`fresh`: drop it
    first, e.g. after a generation that did not finish)."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        return _on_server(given, f"bench_{key.replace('-', '_')}", fresh=fresh)
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    if not bins:
        print("== installerar PostgreSQL", flush=True)
        apt_install("postgresql")
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    pgbin = bins[-1]
    su = ["su", "postgres", "-c"]
    if not (PG_DIR / "PG_VERSION").exists():
        PG_DIR.mkdir(parents=True, exist_ok=True)
        sh("chown", "postgres:postgres", str(PG_DIR))
        sh(*su, f"{pgbin}/initdb -D {PG_DIR} -U postgres --auth=trust -E UTF8 >/dev/null")
    status = sh(*su, f"{pgbin}/pg_ctl -D {PG_DIR} status >/dev/null", check=False)
    if status.returncode != 0:
        sh(
            *su,
            f"{pgbin}/pg_ctl -D {PG_DIR} -o '-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1' "
            f"-l {PG_DIR}/log -w start >/dev/null",
        )
    psql = f"psql -h 127.0.0.1 -p {PG_PORT} -U postgres -tAc"
    name = f"bench_{key.replace('-', '_')}"
    if fresh:
        sh(*su, f"{psql} 'DROP DATABASE IF EXISTS {name}'")
    exists = sh(
        *su,
        f"{psql} \"SELECT 1 FROM pg_database WHERE datname='{name}'\"",
        capture_output=True,
        text=True,
    )
    if exists.stdout.strip() != "1":
        sh(*su, f"{psql} 'CREATE DATABASE {name}'")
        return f"postgres://postgres@127.0.0.1:{PG_PORT}/{name}", False
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/{name}", True


def _on_server(url: str, name: str, *, fresh: bool) -> tuple[str, bool]:
    """A database of its own on the server DATABASE_URL names (never the database itself)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        existed = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not existed:
            conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}")), bool(existed)


def base_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "GITS_HOME": str(ROOT),
        "DATABASE_URL": url,
        "GITS_DEBUG": "0",
        "GITS_TESTING": "0",
        "GITS_SECRET_KEY": os.environ.get(
            "GITS_SECRET_KEY", "bench-only-secret-key-not-for-production-use"
        ),
        "GITS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "gits.bench.settings",
        "GITS_DB_CONN_MAX_AGE": "60",
        "GITS_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def dataset(db: str, scale: str, seed: int) -> tuple[dict[str, str], dict]:
    """Generate (or reuse) the data set; returns the environment and what is known of it."""
    key = f"{scale}-{seed}"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    meta_file = BENCH_DIR / f"{db}-{key}.json"
    if db == "sqlite":
        path = BENCH_DIR / f"{key}.sqlite3"
        url, existed = f"sqlite:///{path}", path.exists()
    else:
        url, existed = postgres_url(key)
    env = base_env(url)
    gits = str(Path(sys.executable).parent / "gits")
    if existed and meta_file.exists():
        print(f"== {db}: återanvänder datamängden {key}", flush=True)
        # The schema of the code under test (new indexes), then fresh planner statistics.
        sh(gits, "migrate", "--noinput", "--verbosity", "0", env=env)
        sh(
            sys.executable,
            "-c",
            "import django; django.setup(); from gits.data.generate import analyze; analyze()",
            env=env,
        )
        return env, json.loads(meta_file.read_text())
    meta_file.unlink(missing_ok=True)
    if db != "sqlite" and existed:
        url, _ = postgres_url(key, fresh=True)
        env = base_env(url)
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    sh(gits, "migrate", "--noinput", "--verbosity", "0", env=env)
    source = BENCH_DIR / f"{key}.sqlite3"
    source_meta = BENCH_DIR / f"sqlite-{key}.json"
    if db != "sqlite" and source.exists() and source_meta.exists():
        # The same rows as on SQLite, made once through the services: a fair comparison, and
        # minutes instead of the hour a `nation` generation takes.
        print(f"== {db}: kopierar datamängden {key} från SQLite", flush=True)
        started = time.monotonic()
        sh(sys.executable, "-m", "gits.bench.copy", str(source), env=env)
        meta = {
            **json.loads(source_meta.read_text()),
            "copied_from_sqlite_seconds": round(time.monotonic() - started, 1),
        }
    else:
        print(f"== {db}: genererar datamängden {key}", flush=True)
        started = time.monotonic()
        sh(gits, "generate", "--scale", scale, "--seed", str(seed), env=env)
        meta = {
            "generate_seconds": round(time.monotonic() - started, 1),
            "generated_at": dt.datetime.now(dt.UTC).isoformat(),
        }
    meta_file.write_text(json.dumps(meta))
    return env, meta


def run_db(db: str, args) -> dict:
    env, meta = dataset(db, args.scale, args.seed)
    gits = str(Path(sys.executable).parent / "gits")
    sh(gits, "collectstatic", "--noinput", "--verbosity", "0", env=env)
    out = BENCH_DIR / f"result-{db}.json"
    out.unlink(missing_ok=True)
    sh(
        sys.executable,
        "-m",
        "gits.bench.measure",
        "--out",
        str(out),
        "--duration",
        str(args.duration),
        "--connections",
        str(args.connections),
        "--wrk",
        ensure_wrk(),
        env=env,
    )
    result = json.loads(out.read_text())
    result["generate_seconds"] = meta.get("generate_seconds")
    result["copied_seconds"] = meta.get("copied_from_sqlite_seconds")
    (BENCH_DIR / f"result-{db}-{args.scale}-{args.seed}.json").write_text(json.dumps(result))
    baseline = BENCH_DIR / f"result-{db}-tiny-{args.seed}.json"
    if args.scale != "tiny" and baseline.exists():
        result["baseline"] = json.loads(baseline.read_text())
    return result


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} kärnor ({cpu or platform.processor()}){mem}, Python {platform.python_version()}"


def table(result: dict) -> str:
    """One row per page; with a tiny baseline of the same database, the cost relative to it
    (its share of the trivial view there divided by the share here; target ≤ 1.5)."""
    base = (
        {
            r["name"]: r["rps"] / (result["baseline"]["trivial"]["rps"] or 1)
            for r in result["baseline"]["pages"]
        }
        if "baseline" in result
        else None
    )
    head = "| sida | anrop/s | p50 ms | p99 ms | andel av trivial vy | frågor/anrop | status |"
    rule = "|---|---:|---:|---:|---:|---:|---|"
    if base:
        head, rule = head + " kostnad mot tiny |", rule + "---:|"
    lines = [head, rule]
    trivial = result["trivial"]["rps"] or 1
    lines.append(
        f"| trivial vy (`/bench/trivial/`) | {result['trivial']['rps']:.0f} | "
        f"{result['trivial']['p50']:.1f} | {result['trivial']['p99']:.1f} | 100 % | 0 | 200 |"
        + (" |" if base else "")
    )
    for row in result["pages"]:
        share = 100 * row["rps"] / trivial
        target = 35 if row["url"].startswith("/api/") else 20
        mark = "" if share >= target and row["p99"] < 250 else " ✗"
        line = (
            f"| {row['name']} (`{row['url']}`) | {row['rps']:.1f} | {row['p50']:.1f} | "
            f"{row['p99']:.1f} | {share:.1f} %{mark} | {row['queries']} | {row['status']}"
            + (f", {row['non2xx']} fel under last" if row.get("non2xx") else "")
            + " |"
        )
        if base:
            cost = base.get(row["name"], 0) / max(share / 100, 1e-9)
            line += f" {cost:.2f}{'' if cost <= 1.5 else ' ✗'} |"
        lines.append(line)
    return "\n".join(lines)


def report(results: dict[str, dict], args) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "# Prestanda (senaste `make bench`)",
        "",
        f"Skala **{args.scale}** (frö {args.seed}), {now}. Maskin: {machine()}. "
        f"Server: `gits serve` (gunicorn, 3 arbetsprocesser, DEBUG av); last: wrk, "
        f"{args.connections} anslutningar, {args.duration} s per sida. Andel = sidans anrop/s "
        "genom den triviala vyns i samma körning (mål: sidor ≥ 20 %, API-listor ≥ 35 %, "
        "p99 < 250 ms; ✗ = ej uppnått). Frågor räknas i ett separat anrop per sida.",
    ]
    for db, result in results.items():
        parts += ["", f"## {db}", "", table(result), ""]
        extra = result["extra"]
        parts += [
            f"- Datamängd: {', '.join(f'{v} {k}' for k, v in result['counts'].items())}.",
            f"- `gits generate --scale {args.scale}`: {result.get('generate_seconds')} s"
            + (
                f" (på SQLite; datamängden kopierad hit på {result['copied_seconds']} s)."
                if result.get("copied_seconds")
                else "."
            ),
            f"- Fakturakörning för ett kvartal ({extra.get('invoice_count')} fakturor): "
            f"{extra.get('invoice_run_s')} s; att läsa dess indata: {extra.get('invoice_input_s')} s "
            f"(kvot {extra.get('invoice_ratio')}, mål ≤ 3).",
            f"- Kallelse med {extra.get('pack_reports')} statusrapporter sammanställd på "
            f"{extra.get('pack_s')} s (mål < 2 s).",
            f"- Arbetsprocessernas minne efter mätningen: toppvärde (VmHWM) "
            f"{', '.join(f'{m:.0f}' for m in result['worker_peak_mb'])} MB; nu (RSS) "
            f"{', '.join(f'{m:.0f}' for m in result['worker_rss_mb'])} MB (mål < 200 MB).",
            f"- Maskinens last (loadavg 1/5/15 min) före sidmätningarna {' '.join(result['load_before'])}, "
            f"efter {' '.join(result['load_after'])}; över 2 betyder att andra processer delade "
            "kärnorna och att siffrorna är för låga.",
        ]
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m gits.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scale", default=os.environ.get("SCALE", "tiny"))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SEED", "1")))
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "sqlite,postgresql"))
    parser.add_argument(
        "--quick", action="store_true", default=os.environ.get("QUICK", "") not in ("", "0")
    )
    parser.add_argument("--duration", type=int, default=0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance-latest.md"))
    args = parser.parse_args()
    if not args.duration:
        args.duration = 3 if args.quick else 10
    results = {}
    for db in [d.strip() for d in args.db.split(",") if d.strip()]:
        label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(db, db)
        results[label] = run_db(db, args)
    text = report(results, args)
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
