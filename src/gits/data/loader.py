"""Loading a region's data set (R-3). The data set is a folder with `dataset.json` and a
municipalities CSV; the embedded default is named by GITS_DATASET, another region is another
folder. Loading is idempotent: what exists is left as it is, so running it twice changes
nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from gits.bodies.models import Body
from gits.bodies.services import body_create
from gits.core.errors import DomainError
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.services import organisation_create, population_record
from gits.portfolio.models import Criterion

DATA_DIR = Path(__file__).resolve().parent


def dataset_path(name: str | None = None) -> Path:
    name = name or settings.GITS_DATASET
    candidate = Path(name)
    path = candidate if candidate.is_dir() else DATA_DIR / name
    if not (path / "dataset.json").is_file():
        raise DomainError(f"Datamängden {name!r} hittades inte (ingen dataset.json).")
    return path


def read_dataset(path: Path) -> dict[str, Any]:
    data = json.loads((path / "dataset.json").read_text(encoding="utf-8"))
    with (path / data["municipalities_file"]).open(encoding="utf-8", newline="") as fh:
        data["municipalities"] = list(csv.DictReader(fh))
    return data


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def load_defaults(
    *, name: str | None = None, progress: Callable[[int, int], None] | None = None
) -> LoadResult:
    """Create what the data set has and the database lacks; leave the rest alone."""
    data = read_dataset(dataset_path(name))
    result = LoadResult()
    steps = (
        2
        + len(data["federations"])
        + len(data["municipalities"])
        + len(data.get("bodies", []))
        + len(data.get("criteria", []))
    )
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, steps)

    def ensure(kind: str, spec: dict[str, Any], **extra: Any) -> Organisation:
        existing = Organisation.objects.filter(name=spec["name"]).first()
        if existing is None and spec.get("org_number"):
            existing = Organisation.objects.filter(org_number=spec["org_number"]).first()
        if existing is not None:
            return existing
        result.add("organisationer")
        return organisation_create(
            actor=None,
            check_right=False,
            name=spec["name"],
            short_name=spec.get("short_name", ""),
            kind=kind,
            org_number=spec.get("org_number", ""),
            website=spec.get("website", ""),
            **extra,
        )

    with transaction.atomic():
        ensure(Organisation.Kind.REGION, data["region"])
        tick()
        ensure(Organisation.Kind.ASSOCIATION, data["association"])
        tick()
        federations = {}
        for spec in data["federations"]:
            federations[spec["code"]] = ensure(Organisation.Kind.FEDERATION, spec)
            tick()
        org_numbers = data.get("municipality_org_numbers", {})
        for row in data["municipalities"]:
            municipality = Organisation.objects.filter(scb_code=row["scb_code"]).first()
            if municipality is None:
                municipality = ensure(
                    Organisation.Kind.MUNICIPALITY,
                    {"name": row["name"], "org_number": org_numbers.get(row["scb_code"], "")},
                    scb_code=row["scb_code"],
                    federation=federations[row["federation"]],
                )
            date = dt.date.fromisoformat(row["population_date"])
            if (
                row.get("population")
                and not PopulationFigure.objects.filter(
                    municipality=municipality, reference_date=date
                ).exists()
            ):
                population_record(
                    actor=None,
                    check_right=False,
                    municipality=municipality,
                    reference_date=date,
                    population=int(row["population"]),
                    source=row["source"],
                    note=row.get("note", ""),
                )
                result.add("folkmängdsuppgifter")
            tick()
        bodies: dict[str, Body] = {}
        for spec in data.get("bodies", []):
            body = Body.objects.filter(short_name=spec["short_name"]).first()
            if body is None:
                spec = dict(spec)
                parent = spec.pop("parent", None)
                body = body_create(
                    actor=None,
                    check_right=False,
                    parent=bodies.get(parent) if parent else None,
                    **spec,
                )
                result.add("organ")
            bodies[body.short_name] = body
            tick()
        # The criteria for co-management by number: one the review has changed or
        # retired is left as it is, and only a missing number is added.
        for spec in data.get("criteria", []):
            _, created = Criterion.objects.get_or_create(
                number=spec["number"],
                defaults={"name": spec["name"], "description": spec.get("description", "")},
            )
            if created:
                result.add("kriterier för samförvaltning")
            tick()
    return result
