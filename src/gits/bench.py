"""`make bench`: speed and memory of the main pages and API calls on a generated data set.

Runs against its own SQLite file (var/bench.sqlite3) unless DATABASE_URL is set, so it never
touches the real database. Prints a table and writes docs/performance-latest.md. Timings are
measured here, never asserted in tests (rule 8); the tests assert query-count bounds instead."""

from __future__ import annotations

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path


def main() -> None:
    root = Path(os.environ.get("GITS_HOME", Path.cwd()))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{root / 'var' / 'bench.sqlite3'}")
    os.environ.setdefault("GITS_DEBUG", "0")
    os.environ.setdefault("GITS_SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("GITS_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gits.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings
    from tqdm import tqdm

    db_file = Path(settings.DATABASES["default"]["NAME"])
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and db_file.exists():
        db_file.unlink()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    scale = int(os.environ.get("GITS_BENCH_SCALE", "300"))
    _generate(scale, tqdm)

    from gits.bodies.models import Body
    from gits.meetings.models import Meeting

    sitiv = Body.objects.get(short_name="SITIV")
    meeting = Meeting.objects.filter(body=sitiv).order_by("-date").first()
    client = Client()
    client.login(username="funktionsledare", password="gits-demo-2026")
    pages = [
        ("Start", "/"),
        ("Organisationer", "/organisationer/"),
        ("SITIV", f"/organ/{sitiv.pk}/"),
        ("Beslutsregister", "/beslut/"),
        ("Sammanträden", "/sammantraden/"),
        ("Sammanträde", f"/sammantraden/{meeting.pk}/"),
        ("Ärenden", "/arenden/"),
        ("Planer och rapporter", "/planer/"),
        ("API: kommuner", "/api/v1/municipalities"),
        ("API: beslut", "/api/v1/decisions"),
    ]
    rows = []
    runs = int(os.environ.get("GITS_BENCH_RUNS", "15"))
    with override_settings(DEBUG=True):  # to count queries
        for name, url in pages:
            times, queries = [], 0
            tracemalloc.start()
            for _ in range(runs):
                reset_queries()
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                queries = len(connection.queries)
                assert response.status_code == 200, (url, response.status_code)
            peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
            rows.append((name, url, statistics.median(times), max(times), queries, peak))
    header = "| sida | median ms | max ms | frågor | minnestopp MiB |\n|---|---:|---:|---:|---:|\n"
    table = header + "\n".join(
        f"| {n} (`{u}`) | {m:.1f} | {x:.1f} | {q} | {p:.1f} |" for n, u, m, x, q, p in rows
    )
    text = (
        f"# Prestanda (senaste `make bench`)\n\nDatamängd: standarddata, demodata och {scale} extra ärenden "
        f"med beslut. {runs} anrop per sida, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}.\n\n{table}\n"
    )
    print(text)
    out = root / "docs" / "performance-latest.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    sys.stdout.flush()


def _generate(scale: int, tqdm) -> None:
    """Extra cases, meetings and decisions so list pages have something to page through."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from gits.bodies.models import Body
    from gits.bodies.selectors import body_composition
    from gits.meetings import services

    admin = get_user_model().objects.get(username="admin")
    sitiv = Body.objects.get(short_name="SITIV")
    prep = {
        m.side: m.person for m in Body.objects.get(short_name="Beredningsgruppen").memberships.all()
    }
    year = dt.date.today().year - 1
    meetings = []
    for month in range(1, 13):
        meeting = services.meeting_plan(actor=admin, body=sitiv, date=dt.date(year, month, 20))
        composition = body_composition(sitiv, meeting.date)
        services.attendance_record(
            actor=admin,
            meeting=meeting,
            present={m.person_id for s in composition.sides for m in s.seated},
        )
        meetings.append(meeting)
    for i in tqdm(range(scale), desc="Genererar ärenden och beslut", unit="st"):
        case = services.case_register(
            actor=admin,
            body=sitiv,
            title=f"Benchärende {i}",
            proposal=f"SITIV beslutar i ärende {i}.",
            today=dt.date(year, 1, 1),
        )
        case = services.case_update(
            actor=admin,
            case=case,
            version=case.version,
            preparer_region=prep["region"],
            preparer_municipalities=prep["municipalities"],
        )
        services.case_move(actor=admin, case=case, to_state="in_preparation")
        services.case_move(actor=admin, case=case, to_state="prepared")
        item = services.agenda_add(actor=admin, meeting=meetings[i % 12], case=case)
        services.decision_record(actor=admin, item=item, outcome="decided")


if __name__ == "__main__":
    main()
