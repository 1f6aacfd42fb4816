"""Copy a generated data set from its SQLite file into the (migrated, empty) database that
DATABASE_URL names: `python -m gits.bench.copy SOURCE.sqlite3`.

`make bench` uses it to measure PostgreSQL on the very same rows as SQLite: the data were made
once by `gits generate`, through the services and their rules, and are copied as they are
(ids included). Generating `nation` again on PostgreSQL would take over an hour here; the copy
takes minutes. Everything is copied in one transaction (Django makes PostgreSQL's foreign keys
deferrable, so the order of the tables does not matter), then the sequences are reset."""

from __future__ import annotations

import argparse
import os
import sys
import time

import django

BATCH = 2_000


def copy_all(source: str) -> dict[str, int]:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connections, transaction

    connections.databases["source"] = {
        **connections.databases["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": source,
        "OPTIONS": {},
    }
    target = connections["default"]
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    for model in models:
        for field in model._meta.concrete_fields:
            # bulk_create would stamp "now" into auto_now fields: keep the generated times.
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                field.auto_now = field.auto_now_add = False
    counts: dict[str, int] = {}
    with transaction.atomic():
        tables = ", ".join(target.ops.quote_name(m._meta.db_table) for m in models)
        with target.cursor() as cursor:
            # Migrate's own rows (content types, permissions, groups, criteria) are replaced by
            # the source's, so that every reference keeps pointing at the same id.
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        for index, model in enumerate(models, start=1):
            started = time.monotonic()
            rows = model._base_manager.using("source").order_by("pk").iterator(chunk_size=BATCH)
            batch, total = [], 0
            for row in rows:
                batch.append(row)
                if len(batch) == BATCH:
                    model._base_manager.bulk_create(batch)
                    total += len(batch)
                    batch = []
            if batch:
                model._base_manager.bulk_create(batch)
                total += len(batch)
            counts[model._meta.label_lower] = total
            print(
                f"  [{index:3d}/{len(models)}] {model._meta.label_lower}: {total} rader "
                f"({time.monotonic() - started:.1f} s)",
                flush=True,
            )
        with target.cursor() as cursor:
            for sql in target.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m gits.bench.copy", description=__doc__)
    parser.add_argument("source", help="the SQLite file of the data set")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gits.bench.settings")
    django.setup()
    from django.db import connection

    from gits.data.generate import analyze

    if connection.vendor != "postgresql":
        sys.exit("DATABASE_URL ska peka på en PostgreSQL-databas.")
    started = time.monotonic()
    counts = copy_all(args.source)
    analyze()
    print(f"== kopierade {sum(counts.values())} rader på {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
