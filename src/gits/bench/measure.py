"""One database's part of `make bench` (run by `python -m gits.bench` with DATABASE_URL and
DJANGO_SETTINGS_MODULE=gits.bench.settings set): queries per request, the invoice run and the
meeting pack (both rolled back, so the data set can be reused), then the HTTP measurement of
the production server with wrk. Writes its results as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def key_pages() -> tuple[list[tuple[str, str, bool]], dict[str, int]]:
    """(name, url, signed in) for each key page and API list, and the data set's counts."""
    from django.db.models import Count

    from gits.bodies.models import Body, Person
    from gits.core.models import AuditEntry
    from gits.meetings.models import Case, Decision, Meeting, Minutes
    from gits.organisations.models import Organisation
    from gits.plans.models import StatusReport
    from gits.portfolio.models import ManagedObject

    sitiv = Body.objects.get(short_name="SITIV")
    meeting = (
        Meeting.objects.filter(body=sitiv, minutes__signed_at__isnull=False)
        .annotate(n=Count("items"))
        .order_by("-date")
        .first()
    ) or Meeting.objects.order_by("-date").first()
    pages = [
        ("Start (inloggad)", "/", True),
        ("Organisationer", "/organisationer/", True),
        ("Organ: SITIV", f"/organ/{sitiv.pk}/", True),
        ("Sammanträden", "/sammantraden/", True),
        ("Sammanträde", f"/sammantraden/{meeting.pk}/", True),
        ("Beslutsregister (anonym)", "/beslut/", False),
        ("Beslutsregister (inloggad)", "/beslut/", True),
        ("Ärenden", "/arenden/", True),
        ("Objekt", "/objekt/", True),
        ("Avtal", "/avtal/", True),
        ("Planer", "/planer/", True),
        ("Ekonomi", "/ekonomi/", True),
        ("Fakturor", "/ekonomi/fakturor/", True),
        ("Historik", "/historik/", True),
        ("API: beslut", "/api/v1/decisions", False),
        (
            "API: sammanträden",
            f"/api/v1/meetings?body_id={sitiv.pk}&year={meeting.date.year}",
            False,
        ),
        ("API: objekt", "/api/v1/objects", False),
        ("API: kommuner", "/api/v1/municipalities", False),
    ]
    from gits.finance.models import Invoice

    counts = {
        "kommuner": Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count(),
        "personer": Person.objects.count(),
        "sammanträden": Meeting.objects.count(),
        "ärenden": Case.objects.count(),
        "beslut": Decision.objects.count(),
        "justerade protokoll": Minutes.objects.filter(signed_at__isnull=False).count(),
        "objekt": ManagedObject.objects.count(),
        "statusrapporter": StatusReport.objects.count(),
        "fakturor": Invoice.objects.count(),
        "historikposter": AuditEntry.objects.count(),
    }
    return pages, counts


def query_counts(pages, session_client, anon_client) -> dict[str, tuple[int, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    found = {}
    for name, url, signed_in in pages:
        client = session_client if signed_in else anon_client
        client.get(url)  # warm caches as a running server has them
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        found[name] = (len(ctx.captured_queries), response.status_code)
    return found


def extras(admin) -> dict:
    """The invoice run of a quarter across every municipality against reading its input, and
    the meeting pack with the most status reports; both rolled back."""
    from django.db import transaction
    from django.db.models import Count

    from gits.finance.services import levy_run
    from gits.finance.services.parties import levy_plan
    from gits.meetings.models import Meeting
    from gits.plans.services import pack_compile

    out: dict = {}
    year = dt.date.today().year
    reference = dt.date(year - 2, 12, 31)
    started = time.perf_counter()
    planned = list(levy_plan(1, reference, accept_earlier=True, quarter=1))
    out["invoice_input_s"] = round(time.perf_counter() - started, 3)
    lead = type(admin).objects.get(username="funktionsledare")
    with transaction.atomic():
        started = time.perf_counter()
        levy_run(
            actor=lead,
            title="Bench: avgift per invånare",
            rate="1.00",
            year=year,
            quarter=1,
            reference_date=reference,
            accept_earlier=True,
            reference="BENCH",
        )
        out["invoice_run_s"] = round(time.perf_counter() - started, 3)
        transaction.set_rollback(True)
    out["invoice_count"] = len(planned)
    out["invoice_ratio"] = round(out["invoice_run_s"] / max(out["invoice_input_s"], 1e-6), 1)
    meeting = (
        Meeting.objects.annotate(n=Count("status_reports")).filter(n__gt=0).order_by("-n").first()
    )
    if meeting is not None:
        with transaction.atomic():
            started = time.perf_counter()
            pack_compile(actor=admin, meeting=meeting)
            out["pack_s"] = round(time.perf_counter() - started, 2)
            transaction.set_rollback(True)
        out["pack_reports"] = meeting.n
    return out


def parse_wrk(text: str) -> dict:
    def ms(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
        return float(number) * UNITS[unit]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": ms(p50.group(1)) if p50 else 0.0,
        "p99": ms(p99.group(1)) if p99 else 0.0,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def wrk(binary: str, url: str, *, cookie: str, duration: int, connections: int) -> dict:
    command = [binary, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def workers(master: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.append(int(stat.parent.name))
    return found


def memory(pid: int) -> tuple[float, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmHWM", "VmRSS")):
            name, amount = line.split(":")
            values[name] = int(amount.split()[0]) / 1024
    return values.get("VmHWM", 0.0), values.get("VmRSS", 0.0)


def warm(url: str, cookie: str, times: int = 6) -> None:
    """A few requests first, so that every worker has loaded what the page needs."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {}
    )
    for _ in range(times):
        urllib.request.urlopen(request, timeout=60).read()


def serve(port: int) -> subprocess.Popen:
    gits = str(Path(sys.executable).parent / "gits")
    proc = subprocess.Popen(
        [gits, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("Servern startade inte inom 60 s.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--wrk", default="wrk")
    args = parser.parse_args()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin = get_user_model().objects.get(username="admin")
    signed_in = Client()
    signed_in.force_login(admin)
    cookie = signed_in.cookies["sessionid"].value
    pages, counts = key_pages()
    print(f"   frågor per anrop för {len(pages)} sidor", flush=True)
    queries = query_counts(pages, signed_in, Client())
    print("   fakturakörning och kallelse", flush=True)
    extra = extras(admin)
    from django.db import connections

    connections.close_all()

    port = free_port()
    server = serve(port)
    base = f"http://127.0.0.1:{port}"
    try:
        run = {"cookie": "", "duration": args.duration, "connections": args.connections}
        wrk(args.wrk, f"{base}/bench/trivial/", **{**run, "duration": 3})  # warm up
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        trivial = wrk(args.wrk, f"{base}/bench/trivial/", **run)
        print(f"   trivial vy: {trivial['rps']:.0f} anrop/s", flush=True)
        rows = []
        for name, url, needs_login in pages:
            run["cookie"] = cookie if needs_login else ""
            warm(base + url, run["cookie"])
            measured = wrk(args.wrk, base + url, **run)
            n, status = queries[name]
            rows.append({"name": name, "url": url, "queries": n, "status": status, **measured})
            print(
                f"   {name}: {measured['rps']:.1f} anrop/s, p99 {measured['p99']:.0f} ms",
                flush=True,
            )
        pids = workers(server.pid)
        mem = [memory(pid) for pid in pids]
    finally:
        server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        server.wait(timeout=60)
    result = {
        "trivial": trivial,
        "pages": rows,
        "counts": counts,
        "extra": extra,
        "load_before": load_before,
        "load_after": Path("/proc/loadavg").read_text().split()[:3],
        "worker_peak_mb": [m[0] for m in mem],
        "worker_rss_mb": [m[1] for m in mem],
    }
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
