"""Writes for invoicing each party (R-23, R-25, R-26): a levy per inhabitant, a share of a
budget line, or a payback, invoiced to each municipality (or any party) for a period, one
invoice per party (the parties' payment settings are in `settings`).

A run is computed once: its split (exact to the öre, core.money.split) is checked against its
basis and kept with the run in one transaction, so a basis that is missing (population, users,
financing) refuses the whole run, naming what is missing and for whom. Each party's invoice is
then issued in a transaction of its own, so an interrupted run leaves whole invoices only and
a second run resumes it: what a party already has stands, and the numbers stay gap-free."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from gits.core.audit import audit_record, diff, snapshot
from gits.core.errors import DomainError
from gits.core.faults import pause_point
from gits.core.fields import checked_year
from gits.core.permissions import require
from gits.finance.formatting import kr
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    Invoice,
    InvoiceQuerySet,
    PartyRun,
    PartyRunShare,
    SpreadMethod,
    VatCategory,
)
from gits.finance.services.common import Progress, checked_texts
from gits.finance.services.invoicing import (
    Draft,
    Item,
    RunResult,
    _issue_many,
    _object_code,
    payment_details,
)
from gits.finance.services.party_plans import (
    Planned,
    _period,
    levy_plan,
    payback_plan,
    share_plan,
)
from gits.finance.services.settings import checked_lengths, safe_amount
from gits.organisations.models import Organisation

RUN = "finance.invoice:run"
RUN_FIELDS = [
    "kind",
    "title",
    "reference",
    "year",
    "period_start",
    "period_end",
    "seller",
    "line",
    "rate",
    "amount",
    "method",
    "reference_date",
    "accept_earlier",
    "vat_category",
    "vat_rate",
]


# --- runs to each party ---------------------------------------------------------------------


def _seller(seller: Organisation | None) -> Organisation:
    found = (
        seller or Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("pk").first()
    )
    if found is None:
        raise DomainError(_("Ange fakturerande part."), field="seller")
    return found


def _key(
    kind: str, seller: Organisation, year: int, quarter: int, line: Any, title: str, ref: str
) -> str:
    parts = [
        kind,
        str(seller.pk),
        str(year),
        str(quarter),
        str(line.pk if line else ""),
        title,
        ref,
    ]
    return "|".join(p.strip().lower() for p in parts)[:300]


def _take_turns(seller: Organisation, line: BudgetLine | None) -> None:
    """Lock what a run invoices from, until the caller's transaction ends, as invoice_run
    locks its budget: a run of a budget line (a share or a payback) locks the budget's row, a
    levy (no budget) its seller's row. Two runs for the same period at once then take turns:
    the second waits, then finds the first's run and invoices and issues nothing again
    (on SQLite the write transaction, BEGIN IMMEDIATE, already serialises them)."""
    if line is not None:
        list(Budget.objects.select_for_update().filter(pk=line.budget_id).values_list("pk"))
    else:
        list(Organisation.objects.select_for_update().filter(pk=seller.pk).values_list("pk"))


def _start(
    *,
    actor: Any,
    kind: str,
    title: str,
    reference: str,
    year: int,
    quarter: int,
    seller: Organisation,
    plan: Callable[[], Sequence[Planned]],
    today: dt.date,
    line: BudgetLine | None = None,
    same_total: bool = False,
    **fields: Any,
) -> PartyRun:
    """The run for these parameters: the one already started, or a new one with its split
    kept, in one transaction (refused whole when its basis is missing)."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Ange vad som faktureras."), field="title")
    probe = PartyRun(title=title, reference=(reference or "").strip())
    checked_texts(probe, ["title", "reference"])
    checked_lengths(probe, ["title", "reference"])
    key = _key(kind, seller, year, quarter, line, title, reference or "")
    with transaction.atomic():
        require(actor, RUN)
        _take_turns(seller, line)
        found = PartyRun.objects.filter(key=key).first()
        pause_point(
            "finance.partyrun.checked"
        )  # test-only (core/faults.py): between check and write
        if found is not None:
            _same_basis(found, fields)
            if same_total and sum((p.amount for p in plan()), ZERO) != found.amount:
                raise DomainError(
                    _(
                        "%(t)s är redan återbetald med referensen ”%(r)s” med ett annat belopp; "
                        "ange en annan referens för en ny återbetalning."
                    )
                    % {"t": found.title, "r": found.reference},
                    field="reference",
                )
            return found
        rows = [p for p in plan() if p.amount]
        if not rows:
            raise DomainError(
                _("Det finns inget att fakturera: varje parts belopp är noll."), field="amount"
            )
        total = sum((p.amount for p in rows), ZERO)
        if (
            total > 0
            and not payment_details(seller).payable
            and not (line is not None and line.budget.bankgiro)
        ):
            raise DomainError(
                _(
                    "Betalningsuppgifter saknas för %(s)s: ange bankgiro, plusgiro eller IBAN "
                    "under Betalningsuppgifter per part."
                )
                % {"s": seller},
                field="seller",
            )
        start, end = _period(year, quarter)
        run = PartyRun.objects.create(
            kind=kind,
            key=key,
            title=title,
            reference=(reference or "").strip(),
            year=year,
            period_start=start,
            period_end=end,
            seller=seller,
            line=line,
            amount=total,
            issue_date=today,
            **fields,
        )
        PartyRunShare.objects.bulk_create(
            [
                PartyRunShare(
                    run=run,
                    party=p.party,
                    position=i,
                    amount=p.amount,
                    weight=p.weight,
                    figure_date=p.figure_date,
                    basis=p.basis[:500],
                )
                for i, p in enumerate(rows, start=1)
            ]
        )
        audit_record(
            action="finance.partyrun.started",
            obj=run,
            actor=actor,
            parent=line,
            changes={**diff({}, snapshot(run, RUN_FIELDS)), "parter": [None, len(rows)]},
        )
    return run


def _same_basis(run: PartyRun, fields: dict[str, Any]) -> None:
    """A run asked for again must be the same run: other figures under the same name and
    reference would be a second invoicing of the period."""
    for name, value in fields.items():
        stored = getattr(run, name)
        if isinstance(stored, Decimal) and value is not None:
            differs = stored != Decimal(value)
        else:
            differs = stored != value
        if differs:
            raise DomainError(
                _(
                    "%(t)s är redan fakturerad för perioden med andra uppgifter; kreditera den "
                    "eller ange en annan referens."
                )
                % {"t": run.title},
                field=name,
            )


# Parties whose invoices are issued in one transaction: an interrupted run leaves whole
# batches, a second run issues the rest, and a run of 290 municipalities is six batches.
BATCH = 50


def _issue_all(*, actor: Any, run: PartyRun, today: dt.date, progress: Progress) -> RunResult:
    """The parties' invoices, a batch of parties in a transaction of its own; a party that
    already has a live invoice of the run keeps it (idempotent, resumable)."""
    shares = list(run.shares.select_related("party").order_by("position"))
    budget = run.line.budget if run.line is not None else None
    result = RunResult(run=run)
    period = f"{run.period_start.isoformat()} – {run.period_end.isoformat()}"
    item = {
        "description": f"{run.title}, {period}",
        "budget_line": run.line,
        "vat_category": run.vat_category,
        "vat_rate": run.vat_rate,
        "object_code": _object_code(run.line) if run.line else run.title[:50],
    }
    for start in range(0, len(shares), BATCH):
        batch = shares[start : start + BATCH]
        issued = Invoice.objects.filter(run=run, buyer__in=[s.party for s in batch]).exclude(
            kind=Invoice.Kind.CREDIT
        )
        try:
            with transaction.atomic():
                require(actor, RUN)
                _take_turns(run.seller, run.line)
                live, earlier = _by_buyer(issued)
                drafts = []
                for share in batch:
                    if share.party_id in live:
                        result.existing += live[share.party_id]
                    else:
                        drafts.append(
                            Draft(
                                buyer=share.party,
                                items=[Item(net_amount=share.amount, **item)],
                                sequence=earlier.get(share.party_id, 0),
                                basis_note=_("Underlag: %(b)s.") % {"b": share.basis},
                            )
                        )
                if drafts:
                    result.created += _issue_many(
                        drafts,
                        actor=actor,
                        kind=run.invoice_kind,
                        year=run.year,
                        quarter=0,
                        budget=budget,
                        seller=run.seller,
                        today=today,
                        period=(run.period_start, run.period_end),
                        note=_run_note(run),
                        buyer_reference=budget.buyer_reference if budget else "",
                        bankgiro=budget.bankgiro if budget else "",
                        run=run,
                    )
        except IntegrityError:
            # Another run of the same parties at the same moment: theirs stand.
            result.existing += list(issued.live())
        if progress:  # the batch's parties are done together
            for done in range(start + 1, start + len(batch) + 1):
                progress(done, len(shares))
    return result


def _by_buyer(issued: InvoiceQuerySet) -> tuple[dict[int, list[Invoice]], dict[int, int]]:
    """The live invoices per buyer, and how many each buyer has had (credited ones too)."""
    live: dict[int, list[Invoice]] = {}
    for invoice in issued.live().order_by("pk"):
        live.setdefault(invoice.buyer_id, []).append(invoice)
    earlier = dict(issued.order_by().values_list("buyer").annotate(n=Count("pk")))
    return live, earlier


def _run_note(run: PartyRun) -> str:
    if run.kind == PartyRun.Kind.LEVY:
        text = _("%(t)s %(y)s: %(r)s per invånare.") % {
            "t": run.title,
            "y": run.year,
            "r": kr(run.rate),
        }
    elif run.kind == PartyRun.Kind.PAYBACK:
        text = _("Återbetalning av överskott %(y)s, %(t)s.") % {"y": run.year, "t": run.title}
    else:
        text = _("Er andel av %(t)s %(y)s.") % {"t": run.title, "y": run.year}
    if run.reference:
        text += " " + _("Beslut/referens: %(r)s.") % {"r": run.reference}
    return text


def _checked_vat(vat_category: str, vat_rate: Any) -> tuple[str, Decimal]:
    from gits.finance.services.budgets import VAT_RATES

    if vat_category not in VatCategory.values:
        raise DomainError(_("Välj momskategori."), field="vat_category")
    rate = Decimal(vat_rate or 0)
    if vat_category == VatCategory.STANDARD and rate not in VAT_RATES:
        raise DomainError(_("Momssatsen ska vara 25, 12 eller 6 procent."), field="vat_rate")
    return vat_category, rate if vat_category == VatCategory.STANDARD else Decimal("0")


def _quarter(quarter: int | None) -> int:
    quarter = int(quarter or 0)
    if quarter not in (0, 1, 2, 3, 4):
        raise DomainError(_("Ange kvartal 1–4, eller 0 för hela året."), field="quarter")
    return quarter


def levy_run(
    *,
    actor: Any,
    title: str,
    rate: Any,
    year: int,
    reference_date: dt.date,
    accept_earlier: bool = False,
    quarter: int = 0,
    reference: str = "",
    seller: Organisation | None = None,
    vat_category: str = VatCategory.OUTSIDE_SCOPE,
    vat_rate: Any = 0,
    today: dt.date | None = None,
    progress: Progress = None,
) -> RunResult:
    """Invoice each municipality rate kronor per inhabitant for a year or a quarter (seed 002,
    003: services paid per inhabitant such as Öppna data and Bibblix): one invoice per
    municipality showing its population and the date it refers to (R-2). Idempotent and
    resumable; refused whole when a population figure is missing."""
    today = today or dt.date.today()
    year = checked_year(year)
    levy = safe_amount(rate, "rate")
    if not levy:
        raise DomainError(_("Ange kronor per invånare."), field="rate")
    quarter = _quarter(quarter)
    category, vat = _checked_vat(vat_category, vat_rate)
    run = _start(
        actor=actor,
        kind=PartyRun.Kind.LEVY,
        title=title,
        reference=reference,
        year=year,
        quarter=quarter,
        seller=_seller(seller),
        plan=lambda: levy_plan(
            levy, reference_date, accept_earlier=accept_earlier, quarter=quarter
        ),
        today=today,
        rate=levy,
        method=SpreadMethod.PER_CAPITA,
        reference_date=reference_date,
        accept_earlier=accept_earlier,
        vat_category=category,
        vat_rate=vat,
    )
    return _issue_all(actor=actor, run=run, today=today, progress=progress)


def share_run(
    *,
    actor: Any,
    line: BudgetLine,
    quarter: int = 0,
    reference: str = "",
    today: dt.date | None = None,
    progress: Progress = None,
) -> RunResult:
    """Invoice each financing party its share of a budget line for the year or a quarter
    (R-22, R-23): the municipalities' share spread across them by the line's method, each
    invoice showing its basis (population and date, users, or the financing share)."""
    today = today or dt.date.today()
    line = BudgetLine.objects.select_related("budget__seller").get(pk=line.pk)
    seller = _seller(line.budget.seller)
    quarter = _quarter(quarter)
    run = _start(
        actor=actor,
        kind=PartyRun.Kind.SHARE,
        title=line.name,
        reference=reference,
        year=line.budget.year,
        quarter=quarter,
        seller=seller,
        plan=lambda: share_plan(line, seller=seller, quarter=quarter),
        today=today,
        line=line,
        method=line.spread_method,
        reference_date=line.reference_date
        if line.spread_method == SpreadMethod.PER_CAPITA
        else None,
        accept_earlier=line.accept_earlier,
        vat_category=line.vat_category,
        vat_rate=line.vat_rate,
    )
    return _issue_all(actor=actor, run=run, today=today, progress=progress)


def payback_run(
    *,
    actor: Any,
    line: BudgetLine,
    amount: Any,
    reference: str = "",
    today: dt.date | None = None,
    progress: Progress = None,
) -> RunResult:
    """Pay a line's surplus back to the parties that financed it, in proportion to their
    shares (R-26, seed 003: SITHS), one document with a negative amount per party. A party
    may get several paybacks in a year: each has its own reference (e.g. the decision);
    the same reference again is the same payback (idempotent)."""
    today = today or dt.date.today()
    surplus = safe_amount(amount, "amount")
    if not surplus:
        raise DomainError(_("Ange överskottet som ska betalas tillbaka."), field="amount")
    line = BudgetLine.objects.select_related("budget__seller").get(pk=line.pk)
    if line.budget.seller is None:
        raise DomainError(_("Budgeten saknar fakturerande part."), field="amount")
    seller = line.budget.seller
    run = _start(
        actor=actor,
        kind=PartyRun.Kind.PAYBACK,
        title=line.name,
        reference=reference,
        year=line.budget.year,
        quarter=0,
        seller=seller,
        plan=lambda: payback_plan(line, surplus, seller=seller),
        today=today,
        line=line,
        vat_category=VatCategory.OUTSIDE_SCOPE,
        method=line.spread_method,
        same_total=True,
    )
    return _issue_all(actor=actor, run=run, today=today, progress=progress)


def run_resume(
    *, actor: Any, run: PartyRun, today: dt.date | None = None, progress: Progress = None
) -> RunResult:
    """Issue what an interrupted run has not yet issued; what exists stands."""
    return _issue_all(actor=actor, run=run, today=today or dt.date.today(), progress=progress)
