"""Writes for invoicing (R-25, R-26): quarterly invoices in arrears, the settlement after
the third quarter, paybacks of a surplus and credit notes. Issued invoices are immutable and
numbered without gaps: the number is taken with its series row locked inside the issuing
transaction, so a rollback gives it back. Every run is idempotent: what a period already has
stands, and a second run makes nothing new."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gits.core.audit import audit_entry, audit_records, diff, snapshot
from gits.core.errors import DomainError
from gits.core.faults import pause_point
from gits.core.money import to_money
from gits.core.permissions import require
from gits.finance.allocation import by_users
from gits.finance.formatting import kr
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    Invoice,
    InvoiceLine,
    InvoiceQuerySet,
    NumberSeries,
    PartyRun,
    PartySettings,
    VatCategory,
)
from gits.finance.payments import ocr_reference
from gits.finance.selectors import line_user_counts, municipalities, quarterly_plan
from gits.finance.services.common import Progress
from gits.organisations.models import Organisation

PAYMENT_DAYS = 30
# What the audit entry of an issued invoice or credit note records, besides its period.
ISSUED_FIELDS = ["number", "kind", "buyer", "total_amount", "due_date", "payment_reference"]


def quarter_period(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise DomainError(_("Kvartalet ska vara 1, 2, 3 eller 4."), field="quarter")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def _whole_year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _take_numbers(code: str, count: int = 1) -> tuple[NumberSeries, int]:
    """The next `count` numbers of a series (the first is returned), taken with the series row
    locked inside the caller's transaction: numbers are gap-free because a rollback returns
    them."""
    NumberSeries.objects.get_or_create(code=code)
    series = NumberSeries.objects.select_for_update().get(code=code)
    first = series.next_number
    series.next_number = first + count
    series.save(update_fields=["next_number"])
    return series, first


@dataclass
class Item:
    description: str
    net_amount: Decimal
    budget_line: BudgetLine | None = None
    vat_category: str = VatCategory.OUTSIDE_SCOPE
    vat_rate: Decimal = Decimal("0")
    object_code: str = ""


def _vat(items: list[Item]) -> Decimal:
    groups: dict[tuple[str, Decimal], Decimal] = {}
    for item in items:
        key = (item.vat_category, Decimal(item.vat_rate))
        groups[key] = groups.get(key, ZERO) + item.net_amount
    categories = {k[0] for k in groups}
    if VatCategory.OUTSIDE_SCOPE in categories and len(groups) > 1:
        raise DomainError(
            _(
                "Rader utanför momsens tillämpningsområde (O) kan inte faktureras tillsammans "
                "med momspliktiga rader; dela upp dem på olika budgetar eller ändra momskategori."
            ),
            field="vat_category",
        )
    return sum(
        (to_money(net * rate / 100) for (cat, rate), net in groups.items() if cat == "S"), ZERO
    )


@dataclass
class PaymentDetails:
    """What the payer needs, from the seller's settings (a budget's bankgiro when the seller
    has none): accounts, the days to pay, the terms and how the reference is made."""

    bankgiro: str = ""
    plusgiro: str = ""
    iban: str = ""
    bic: str = ""
    payment_days: int = PAYMENT_DAYS
    terms: str = ""
    use_ocr: bool = True
    length_digit: bool = True

    @property
    def payable(self) -> bool:
        return bool(self.bankgiro or self.plusgiro or self.iban)


def payment_details(seller: Organisation, *, fallback_bankgiro: str = "") -> PaymentDetails:
    settings = PartySettings.objects.filter(organisation=seller).first()
    if settings is None:
        return PaymentDetails(bankgiro=fallback_bankgiro)
    return PaymentDetails(
        bankgiro=settings.bankgiro or ("" if settings.has_payment_account else fallback_bankgiro),
        plusgiro=settings.plusgiro,
        iban=settings.iban,
        bic=settings.bic,
        payment_days=settings.payment_days,
        terms=settings.payment_terms,
        use_ocr=settings.use_ocr,
        length_digit=settings.ocr_length_digit,
    )


def buyer_references(buyers: list[Organisation], fallback: str, year: int) -> dict[int, str]:
    """Per buyer, the reference it wants on its invoices (its settings), else the budget's,
    else one naming the year: a public buyer's e-invoice always carries one (Peppol BIS 3)."""
    own = dict(
        PartySettings.objects.filter(organisation__in=buyers).values_list(
            "organisation_id", "buyer_reference"
        )
    )
    return {b.pk: (own.get(b.pk) or fallback or f"GITS {year}")[:100] for b in buyers}


def terms_text(details: PaymentDetails, due: dt.date) -> str:
    text = _("%(d)s dagar netto, förfallodag %(due)s.") % {
        "d": details.payment_days,
        "due": due.isoformat(),
    }
    return f"{text} {details.terms}".strip()[:300]


@dataclass
class Draft:
    """One invoice of a batch: what differs from the others (whom, what, which in order)."""

    buyer: Organisation
    items: list[Item]
    sequence: int = 0
    basis_note: str = ""


def _issue(
    *, buyer: Organisation, items: list[Item], sequence: int, basis_note: str = "", **batch: Any
) -> Invoice:
    """Issue one invoice (or credit note, payback); see `_issue_many`."""
    return _issue_many([Draft(buyer, items, sequence, basis_note)], **batch)[0]


def _issue_many(
    drafts: list[Draft],
    *,
    actor: Any,
    kind: str,
    year: int,
    quarter: int,
    budget: Budget | None,
    seller: Organisation,
    today: dt.date,
    period: tuple[dt.date, dt.date],
    note: str,
    buyer_reference: str,
    bankgiro: str,
    credited: Invoice | None = None,
    progress: Progress = None,
    run: PartyRun | None = None,
) -> list[Invoice]:
    """Issue invoices from one seller in the caller's transaction: numbered without gaps in
    the order given, with the seller's payment details and an OCR reference, never of zero
    (R-25). A batch (a party run) is written in a few inserts whatever its size."""
    details = payment_details(seller, fallback_bankgiro=bankgiro)
    totals = []
    for draft in drafts:
        if not draft.items:
            raise DomainError(_("Fakturan saknar rader."), field="quarter")
        net = sum((i.net_amount for i in draft.items), ZERO)
        vat = _vat(draft.items)
        if net + vat == 0:
            raise DomainError(
                _("En faktura på noll kronor utfärdas inte (%(b)s).") % {"b": draft.buyer},
                field="amount",
            )
        if net + vat > 0 and credited is None and not details.payable:
            raise DomainError(
                _(
                    "Betalningsuppgifter saknas för %(s)s: ange bankgiro, plusgiro eller IBAN "
                    "under Betalningsuppgifter per part."
                )
                % {"s": seller},
                field="seller",
            )
        totals.append((net, vat))
    series, first = _take_numbers(f"F{today.year}", len(drafts))
    due = today + dt.timedelta(days=details.payment_days)
    references = buyer_references([d.buyer for d in drafts], buyer_reference, year)
    invoices = []
    for serial, draft, (net, vat) in zip(
        range(first, first + len(drafts)), drafts, totals, strict=True
    ):
        number = f"{series.code}-{serial:05d}"
        invoices.append(
            Invoice(
                kind=kind,
                year=year,
                quarter=quarter,
                sequence=draft.sequence,
                number=number,
                serial=serial,
                series=series,
                budget=budget,
                seller=seller,
                buyer=draft.buyer,
                issue_date=today,
                due_date=due,
                period_start=period[0],
                period_end=period[1],
                buyer_reference=references[draft.buyer.pk],
                bankgiro=details.bankgiro,
                plusgiro=details.plusgiro,
                iban=details.iban,
                bic=details.bic,
                payment_reference=(
                    ocr_reference(f"{today.year}{serial:05d}", length_digit=details.length_digit)
                    if details.use_ocr
                    else number
                ),
                payment_terms=terms_text(details, due),
                basis_note=draft.basis_note[:500],
                run=run,
                note=note[:300],
                credited_invoice=credited,
                net_amount=net,
                vat_amount=vat,
                total_amount=net + vat,
            )
        )
    Invoice.objects.bulk_create(invoices)
    pause_point("finance.invoice.written")  # test-only (core/faults.py): killed half written
    rows = []
    for invoice, draft in zip(invoices, drafts, strict=True):
        for position, item in enumerate(draft.items, start=1):
            rows.append(
                InvoiceLine(
                    invoice=invoice,
                    position=position,
                    budget_line=item.budget_line,
                    description=item.description[:300],
                    net_amount=item.net_amount,
                    vat_category=item.vat_category,
                    vat_rate=item.vat_rate,
                    object_code=item.object_code[:50],
                )
            )
            if progress:
                progress(position, len(draft.items))
    InvoiceLine.objects.bulk_create(rows)
    audit_records(
        [
            audit_entry(
                action="finance.invoice.credited" if credited else "finance.invoice.issued",
                obj=invoice,
                actor=actor,
                parent=credited or run or budget,
                changes={
                    **diff({}, snapshot(invoice, ISSUED_FIELDS)),
                    "period": [None, invoice.period_label],
                },
            )
            for invoice in invoices
        ]
    )
    for _invoice in invoices:
        transaction.on_commit(lambda: pause_point("finance.invoice.committed"))  # test-only
    return invoices


def _issue_between_parties(budget: Budget, **details: Any) -> Invoice:
    """Issue an invoice for the budget's year from its invoicing to its invoiced party."""
    assert budget.seller is not None and budget.buyer is not None  # _budget_for checked
    return _issue(
        budget=budget,
        year=budget.year,
        seller=budget.seller,
        buyer=budget.buyer,
        buyer_reference=budget.buyer_reference,
        bankgiro=budget.bankgiro,
        **details,
    )


@dataclass
class RunResult:
    created: list[Invoice] = field(default_factory=list)
    existing: list[Invoice] = field(default_factory=list)
    run: PartyRun | None = None


def _budget_for(year: int) -> Budget:
    """The budget of a year, its row locked until the caller's transaction ends: runs for one
    budget take turns, so a run's check of what a period already has and its issuing are one
    step, and two runs at once make one set of invoices (on SQLite the write transaction,
    BEGIN IMMEDIATE, already serialises them)."""
    budget = (
        Budget.objects.select_related("seller", "buyer")
        .select_for_update(of=("self",))
        .filter(year=year)
        .first()
    )
    if budget is None:
        raise DomainError(_("Det finns ingen budget för %(y)s.") % {"y": year}, field="year")
    if budget.seller_id is None or budget.buyer_id is None:
        raise DomainError(
            _("Ange fakturerande och fakturerad part i budgeten för %(y)s.") % {"y": year},
            field="year",
        )
    return budget


def _issued(budget: Budget, kind: str, **period: Any) -> InvoiceQuerySet:
    """The invoices of a kind for the budget's year, from its invoicing to its invoiced party."""
    return Invoice.objects.filter(
        kind=kind, year=budget.year, seller=budget.seller, buyer=budget.buyer, **period
    )


def _object_code(line: BudgetLine) -> str:
    return line.managed_object.short_name if line.managed_object else line.name[:50]


def _line_item(line: BudgetLine, description: str, net_amount: Decimal) -> Item:
    """An invoice line for a budget line, with the budget line's VAT."""
    return Item(
        description=description,
        net_amount=net_amount,
        budget_line=line,
        vat_category=line.vat_category,
        vat_rate=line.vat_rate,
        object_code=_object_code(line),
    )


def invoice_run(
    *,
    actor: Any,
    year: int,
    quarter: int,
    today: dt.date | None = None,
    progress: Progress = None,
) -> RunResult:
    """Invoice a quarter in arrears for the budgeted cost (R-25): one invoice from the
    invoicing party to the invoiced party, a line per budget line marked for invoicing with a
    quarter of the invoiced party's share. Idempotent: a second run for the period makes
    nothing new (a credited invoice is replaced by a new one). All or nothing."""
    today = today or dt.date.today()
    try:
        with transaction.atomic():
            require(actor, "finance.invoice:run")
            start, end = quarter_period(year, quarter)
            budget = _budget_for(year)
            if today <= end:
                raise DomainError(
                    _("Kvartal %(q)s %(y)s är inte slut; fakturering sker i efterskott.")
                    % {"q": quarter, "y": year},
                    field="quarter",
                )
            existing = _issued(budget, Invoice.Kind.QUARTERLY, quarter=quarter)
            live = list(existing.live())
            if live:
                return RunResult(existing=live)
            plan = quarterly_plan(budget)
            if not plan:
                raise DomainError(
                    _("Budgeten för %(y)s har inga rader att fakturera %(buyer)s.")
                    % {"y": year, "buyer": budget.buyer},
                    field="year",
                )
            items = [
                _line_item(p.line, f"{p.line.name}, kvartal {quarter} {year}", p.quarters[quarter])
                for p in plan
            ]
            invoice = _issue_between_parties(
                budget,
                actor=actor,
                kind=Invoice.Kind.QUARTERLY,
                quarter=quarter,
                sequence=existing.count(),
                items=items,
                today=today,
                period=(start, end),
                note=_("Budgeterad kostnad kvartal %(q)s %(y)s, fakturerad i efterskott.")
                % {"q": quarter, "y": year},
                progress=progress,
            )
            return RunResult(created=[invoice])
    except IntegrityError:
        # Someone else ran the same period at the same moment: theirs stands.
        return RunResult(
            existing=list(
                Invoice.objects.live().filter(
                    kind=Invoice.Kind.QUARTERLY, year=year, quarter=quarter
                )
            )
        )


def settlement_run(*, actor: Any, year: int, today: dt.date | None = None) -> RunResult:
    """The settlement after the third quarter (R-25): for each invoiced line the over- or
    under-run (outcome minus budget) is distributed between the region and the municipalities
    in proportion to their users, and the municipal part is invoiced (or credited)."""
    today = today or dt.date.today()
    with transaction.atomic():
        require(actor, "finance.invoice:run")
        budget = _budget_for(year)
        if not _issued(budget, Invoice.Kind.QUARTERLY, quarter=3).live().exists():
            raise DomainError(
                _("Avräkning sker efter tredje kvartalet; kvartal 3 %(y)s är inte fakturerat.")
                % {"y": year},
                field="year",
            )
        existing = _issued(budget, Invoice.Kind.SETTLEMENT)
        live = list(existing.live())
        if live:
            return RunResult(existing=live)
        plan = quarterly_plan(budget)
        missing = [p.line.name for p in plan if p.line.actual_amount is None]
        if missing:
            raise DomainError(
                _("Utfall eller prognos saknas för: %(n)s.") % {"n": ", ".join(missing)},
                field="actual_amount",
            )
        region_ids = set(
            Organisation.objects.filter(kind=Organisation.Kind.REGION).values_list("pk", flat=True)
        )
        town_ids = {m.pk for m in municipalities()}
        items = []
        counted = {p.line.pk: line_user_counts(p.line) for p in plan}
        unbased = [
            f"{p.line.name} ({', '.join(sides)})"
            for p in plan
            if p.line.actual_amount != p.line.amount
            and (
                sides := [
                    str(label)
                    for ids, label in (
                        (region_ids, _("regionens användare")),
                        (town_ids, _("kommunernas användare")),
                    )
                    if not ids & set(counted[p.line.pk])
                ]
            )
        ]
        if unbased:
            raise DomainError(
                _("Avräkningen fördelas efter antal användare per sida; det saknas för: %(n)s.")
                % {"n": "; ".join(unbased)},
                field="users",
            )
        for p in plan:
            run = to_money(p.line.actual_amount - (p.line.amount or ZERO))
            if not run:
                continue
            counts = counted[p.line.pk]
            parts = by_users(
                run,
                sum(u for o, u in counts.items() if o in region_ids),
                sum(u for o, u in counts.items() if o in town_ids),
            )
            if not parts["municipalities"]:
                continue
            items.append(
                _line_item(
                    p.line,
                    _("Avräkning %(y)s %(n)s: utfall %(a)s, budget %(b)s")
                    % {
                        "y": year,
                        "n": p.line.name,
                        "a": kr(p.line.actual_amount),
                        "b": kr(p.line.amount),
                    },
                    parts["municipalities"],
                )
            )
        if not items:
            raise DomainError(
                _("Utfallet är lika med budgeten; det finns inget att avräkna."), field="year"
            )
        invoice = _issue_between_parties(
            budget,
            actor=actor,
            kind=Invoice.Kind.SETTLEMENT,
            quarter=0,
            sequence=existing.count(),
            items=items,
            today=today,
            period=_whole_year(year),
            note=_(
                "Avräkning efter tredje kvartalet %(y)s; över- och underskott fördelade efter antal användare."
            )
            % {"y": year},
        )
    return RunResult(created=[invoice])


def invoice_credit(
    *, actor: Any, invoice: Invoice, reason: str, today: dt.date | None = None
) -> Invoice:
    """Correct an issued invoice the only way allowed: a credit note, a new document with
    the opposite amounts that refers to the original (R-25)."""
    today = today or dt.date.today()
    with transaction.atomic():
        require(actor, "finance.invoice:credit")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError(_("Ange varför fakturan krediteras."), field="reason")
        original = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if original.kind == Invoice.Kind.CREDIT:
            raise DomainError(_("En kreditnota kan inte krediteras."), field="reason")
        if original.credit_notes.exists():
            raise DomainError(
                _("Fakturan %(n)s är redan krediterad.") % {"n": original.number}, field="reason"
            )
        items = [
            Item(
                description=line.description,
                net_amount=-line.net_amount,
                budget_line=line.budget_line,
                vat_category=line.vat_category,
                vat_rate=line.vat_rate,
                object_code=line.object_code,
            )
            for line in original.lines.select_related("budget_line")
        ]
        credit = _issue(
            actor=actor,
            kind=Invoice.Kind.CREDIT,
            year=original.year,
            quarter=0,
            sequence=0,
            budget=original.budget,
            seller=original.seller,
            buyer=original.buyer,
            items=items,
            today=today,
            period=(original.period_start, original.period_end),
            note=_("Krediterar %(n)s: %(r)s") % {"n": original.number, "r": reason},
            buyer_reference=original.buyer_reference,
            bankgiro=original.bankgiro,
            credited=original,
        )
    return credit
