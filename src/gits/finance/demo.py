"""Demo data for money (demo_data.json): the financiers, seed 003's "Total budget 2024 GITS"
entered exactly as the table has it (so its inconsistencies show as flags), balanced budgets
for last year and this year with per-capita splits and cost categories, the payment and
accounting settings of the region and the association, this year's first quarter invoiced (or,
early in January to April, last year's fourth), a levy per inhabitant (Bibblix, seed 003)
invoiced to all 49 municipalities, and the review scenario of seed 004. demo_data.json is
written as if this year were BASE_YEAR; every year in it but the seed's and the population's
follows the current year. Idempotent: what exists is left alone."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from gits.finance import services
from gits.finance.models import (
    Budget,
    Financier,
    Invoice,
    PartyRun,
    PartySettings,
    Scenario,
    SpreadMethod,
)
from gits.organisations.models import Organisation

DATA = json.loads((Path(__file__).resolve().parent / "demo_data.json").read_text("utf-8"))


# The year demo_data.json calls "this year"; its budgets, invoices, levy and categories move
# with the current year (population figures and seed 003's 2024 table stay what they are).
BASE_YEAR = 2026


def _moved_date(text: str, shift: int) -> dt.date:
    day = dt.date.fromisoformat(text)
    return day.replace(year=day.year + shift)


def _moved_text(text: str, shift: int) -> str:
    """A title or decision reference with each year in it moved by shift."""
    return re.sub(r"\b(20\d\d)\b", lambda m: str(int(m.group(1)) + shift), text)


def _d(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


SEED_003_LINES: list[tuple[str, Decimal | None, dict[str, Decimal]]] = [
    (name, _d(amount), {k: Decimal(v) for k, v in shares.items()})
    for name, amount, shares in DATA["seed_003"]["lines"]
]
# The TOTALT row as the table states it; two cells hold two figures each.
SEED_003_STATED: list[tuple[str, str | None, str, Decimal]] = [
    (label, financier, side, Decimal(amount))
    for label, financier, side, amount in DATA["seed_003"]["stated"]
]


def ensure_financiers() -> dict[str, Financier]:
    found = {}
    for spec in DATA["financiers"]:
        financier = Financier.objects.filter(name=spec["name"]).first()
        if financier is None:
            kind = spec["organisation_kind"]
            org = Organisation.objects.filter(kind=kind).order_by("pk").first() if kind else None
            financier = services.financier_create(
                actor=None,
                check_right=False,
                name=spec["name"],
                short_name=spec["short_name"],
                side=spec["side"],
                organisation=org,
                position=spec["position"],
            )
        found[spec["name"]] = financier
    return found


def _line_options(options: dict[str, Any]) -> dict[str, Any]:
    options = dict(options)
    if options.pop("per_capita", False):
        options.update(
            spread_method=SpreadMethod.PER_CAPITA,
            population_date=dt.date.fromisoformat(DATA["scenario"]["reference_date"]),
            accept_earlier=True,
        )
    return options


def _budget(year: int, lines, financiers, **fields) -> Budget:
    budget = services.budget_create(actor=None, year=year, check_right=False, **fields)
    for position, (name, amount, shares, options) in enumerate(lines, start=1):
        services.line_create(
            actor=None,
            budget=budget,
            check_right=False,
            name=name,
            amount=None if amount is None else Decimal(amount),
            position=position,
            shares={financiers[k]: Decimal(v) for k, v in shares.items()},
            **_line_options(options),
        )
    return budget


def load_seed_2024(financiers: dict[str, Financier]) -> Budget:
    budget = _budget(
        2024,
        [(n, a, s, {}) for n, a, s in SEED_003_LINES],
        financiers,
        title="Total budget 2024 GITS",
        note=DATA["seed_003"]["source"],
    )
    services.stated_totals_set(
        actor=None,
        budget=budget,
        check_right=False,
        totals=[
            {"label": label, "financier": financiers[f] if f else None, "side": side, "amount": a}
            for label, f, side, a in SEED_003_STATED
        ],
    )
    return budget


def load(today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    shift = today.year - BASE_YEAR
    if not Organisation.objects.filter(kind=Organisation.Kind.REGION).exists():
        return
    with transaction.atomic():
        financiers = ensure_financiers()
        if not Budget.objects.filter(year=2024).exists():
            load_seed_2024(financiers)
        for spec in DATA["budgets"]:
            year = spec["year"] + shift
            if Budget.objects.filter(year=year).exists():
                continue
            _budget(
                year,
                spec["lines"],
                financiers,
                title=_moved_text(spec["title"], shift),
                decision_reference=_moved_text(spec["decision_reference"], shift),
                decided_on=_moved_date(spec["decided_on"], shift),
                buyer_reference=spec["buyer_reference"],
            )
        run = DATA["invoice_quarter"]
        lead = get_user_model().objects.filter(username=run["user"]).first()
        if lead is not None:
            _party_settings(lead)
            _categories(lead, shift)
            # The levy (issued 16 February) before the first quarter (10 April): the
            # numbers follow the dates.
            _levy(lead, shift, today)
        year, quarter, issued = _quarter_to_invoice(run, shift, today)
        if lead is not None and not Invoice.objects.filter(year=year, quarter=quarter).exists():
            services.invoice_run(actor=lead, year=year, quarter=quarter, today=issued)
        if not Scenario.objects.exists():
            spec = DATA["scenario"]
            services.scenario_create(
                actor=None,
                check_right=False,
                name=spec["name"],
                description=spec["description"],
                reference_date=dt.date.fromisoformat(spec["reference_date"]),
                accept_earlier=True,
                spread_method=SpreadMethod.PER_CAPITA,
                alternatives=[(n, Decimal(c)) for n, c in spec["alternatives"]],
            )


def _quarter_to_invoice(
    run: dict[str, Any], shift: int, today: dt.date
) -> tuple[int, int, dt.date]:
    """This year's quarter of the demo, issued on its day; before that day (early in the
    year) the quarter before it, issued today: nothing is dated after today and quarters are
    invoiced in arrears (R-25)."""
    year, quarter = run["year"] + shift, run["quarter"]
    issued = _moved_date(run["today"], shift)
    if issued <= today:
        return year, quarter, issued
    year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return year, quarter, today


def _party_settings(lead: Any) -> None:
    for spec in DATA["party_settings"]:
        spec = dict(spec)
        org = Organisation.objects.filter(kind=spec.pop("organisation_kind")).order_by("pk").first()
        if org is not None and not PartySettings.objects.filter(organisation=org).exists():
            services.party_settings_save(actor=lead, organisation=org, **spec)


def _categories(lead: Any, shift: int) -> None:
    spec = DATA["categories"]
    budget = Budget.objects.filter(year=spec["year"] + shift).first()
    line = budget.lines.filter(name=spec["line"]).first() if budget else None
    if line is not None and not line.categories.exists():
        services.line_categories_set(
            actor=lead,
            line=line,
            rows={c: (Decimal(b), Decimal(o)) for c, (b, o) in spec["rows"].items()},
        )


def _levy(lead: Any, shift: int, today: dt.date) -> None:
    """A levy per inhabitant invoiced to every municipality (seed 003: Bibblix is paid per
    inhabitant by each municipality); 31 December 2024, with earlier figures accepted for the
    five municipalities that lack one, which their invoices then show. This year's, issued in
    February (or today, if that is earlier)."""
    spec = DATA["levy"]
    year = spec["year"] + shift
    if PartyRun.objects.filter(title=spec["title"], year=year).exists():
        return
    services.levy_run(
        actor=lead,
        title=spec["title"],
        rate=Decimal(spec["rate"]),
        year=year,
        reference_date=dt.date.fromisoformat(spec["reference_date"]),
        accept_earlier=True,
        reference=_moved_text(spec["reference"], shift),
        today=min(_moved_date(spec["today"], shift), today),
    )
