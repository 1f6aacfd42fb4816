"""Writes for budgets, financing, invoices and scenarios (R-22 to R-26). Each service checks
the right, validates, writes and records the audit entry in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from gits.core.audit import audit_record, diff, snapshot
from gits.core.concurrency import bump_version, check_version
from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.core.permissions import require
from gits.finance.allocation import by_users, halves, spread
from gits.finance.formatting import kr
from gits.finance.models import (
    ZERO,
    Budget,
    BudgetLine,
    Financier,
    FinancierSide,
    FinancingShare,
    Invoice,
    InvoiceLine,
    NumberSeries,
    Scenario,
    ScenarioAlternative,
    SpreadMethod,
    StatedTotal,
    UserCount,
    VatCategory,
    default_deadline,
)
from gits.finance.selectors import (
    line_split,
    line_user_counts,
    municipalities,
    quarterly_plan,
)
from gits.organisations.models import Organisation

Progress = Callable[[int, int], None] | None

FINANCIER_FIELDS = ["name", "short_name", "side", "organisation", "position"]
BUDGET_FIELDS = [
    "title",
    "deadline",
    "warning_days",
    "decision_reference",
    "decided_on",
    "seller",
    "buyer",
    "buyer_reference",
    "bankgiro",
    "note",
]
LINE_FIELDS = [
    "name",
    "managed_object",
    "amount",
    "position",
    "joint_function",
    "invoiced",
    "spread_method",
    "population_date",
    "accept_earlier",
    "actual_amount",
    "vat_category",
    "vat_rate",
    "note",
]
SCENARIO_FIELDS = ["name", "description", "reference_date", "accept_earlier", "spread_method"]
VAT_RATES = {Decimal("25"), Decimal("12"), Decimal("6")}
PAYMENT_DAYS = 30


def _money(value: Any, field_name: str, *, allow_none: bool = False) -> Decimal | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise DomainError(_("Ange ett belopp."), field=field_name)
    if isinstance(value, float):
        value = str(value)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as err:
        raise DomainError(_("%(v)s är inte ett belopp.") % {"v": value}, field=field_name) from err
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(_("Ange beloppet i kronor med högst två decimaler."), field=field_name)
    if amount < 0:
        raise DomainError(_("Beloppet får inte vara negativt."), field=field_name)
    if abs(amount) >= Decimal("1e12"):
        raise DomainError(_("Beloppet är för stort."), field=field_name)
    return to_money(amount)


def _set_fields(obj: Any, fields: dict[str, Any], allowed: list[str]) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
        setattr(obj, name, value)


# --- financiers -------------------------------------------------------------------------


def financier_create(*, actor: Any, check_right: bool = True, **fields: Any) -> Financier:
    """Add a financier (R-22): the municipalities, their association, the region, another
    financier, or others the user adds."""
    with transaction.atomic():
        if check_right:
            require(actor, "finance.budget:change")
        financier = Financier()
        _set_fields(financier, fields, FINANCIER_FIELDS)
        financier.name = (financier.name or "").strip()
        if not financier.name:
            raise DomainError(_("Ange finansiärens namn."), field="name")
        if financier.side not in FinancierSide.values:
            raise DomainError(_("Välj sida."), field="side")
        if Financier.objects.filter(name__iexact=financier.name).exists():
            raise DomainError(
                _("Finansiären %(n)s finns redan.") % {"n": financier.name}, field="name"
            )
        financier.save()
        audit_record(
            action="finance.financier.created",
            obj=financier,
            actor=actor,
            changes=diff({}, snapshot(financier, FINANCIER_FIELDS)),
        )
    return financier


# --- budgets (R-22, R-24) ---------------------------------------------------------------


def _default_party(kind: str) -> Organisation | None:
    return Organisation.objects.filter(kind=kind).order_by("pk").first()


def _clean_budget(budget: Budget) -> None:
    if not 2000 <= int(budget.year) <= 2100:
        raise DomainError(_("Ange ett år mellan 2000 och 2100."), field="year")
    if budget.deadline is None:
        budget.deadline = default_deadline(budget.year)
    if budget.decided_on and not budget.decision_reference:
        raise DomainError(
            _("Ange vilket beslut som fastställde budgeten."), field="decision_reference"
        )
    if budget.seller_id and budget.seller_id == budget.buyer_id:
        raise DomainError(_("En part kan inte fakturera sig själv."), field="buyer")


def budget_create(*, actor: Any, year: int, check_right: bool = True, **fields: Any) -> Budget:
    """Open the budget of a year. The deadline defaults to 1 September the year before (R-24);
    invoices go from the region to the municipal association unless set otherwise (R-25)."""
    with transaction.atomic():
        if check_right:
            require(actor, "finance.budget:change")
        if Budget.objects.filter(year=year).exists():
            raise DomainError(_("Det finns redan en budget för %(y)s.") % {"y": year}, field="year")
        budget = Budget(year=year)
        _set_fields(budget, fields, BUDGET_FIELDS)
        if "seller" not in fields:
            budget.seller = _default_party(Organisation.Kind.REGION)
        if "buyer" not in fields:
            budget.buyer = _default_party(Organisation.Kind.ASSOCIATION)
        _clean_budget(budget)
        budget.save()
        audit_record(
            action="finance.budget.created",
            obj=budget,
            actor=actor,
            changes=diff({}, {"year": year, **snapshot(budget, BUDGET_FIELDS)}),
        )
    return budget


def budget_update(*, actor: Any, budget: Budget, version: int | None, **fields: Any) -> Budget:
    """Change a budget's calendar, decision reference or invoicing parties (R-24, R-25)."""
    with transaction.atomic():
        require(actor, "finance.budget:change")
        budget = Budget.objects.select_for_update().get(pk=budget.pk)
        check_version(budget, version)
        before = snapshot(budget, BUDGET_FIELDS)
        _set_fields(budget, fields, BUDGET_FIELDS)
        _clean_budget(budget)
        changes = diff(before, snapshot(budget, BUDGET_FIELDS))
        if changes:
            bump_version(budget)
            budget.save()
            audit_record(action="finance.budget.changed", obj=budget, actor=actor, changes=changes)
    return budget


def _joint_financiers(budget: Budget) -> tuple[Financier, Financier]:
    def pick(org_id: int | None, side: str) -> Financier | None:
        found = Financier.objects.filter(organisation_id=org_id).first() if org_id else None
        return found or Financier.objects.filter(side=side).order_by("position", "pk").first()

    region = pick(budget.seller_id, FinancierSide.REGION)
    municipal = pick(budget.buyer_id, FinancierSide.MUNICIPALITIES)
    if region is None or municipal is None or region == municipal:
        raise DomainError(
            _("50/50-fördelning kräver en finansiär för regionen och en för kommunsidan."),
            field="joint_function",
        )
    return region, municipal


def _clean_line(line: BudgetLine) -> None:
    line.name = (line.name or "").strip()
    if not line.name:
        raise DomainError(_("Ange radens benämning."), field="name")
    clash = BudgetLine.objects.filter(budget_id=line.budget_id, name__iexact=line.name)
    if clash.exclude(pk=line.pk).exists():
        raise DomainError(
            _("Budgeten har redan en rad som heter %(n)s.") % {"n": line.name}, field="name"
        )
    line.amount = _money(line.amount, "amount", allow_none=True)
    line.actual_amount = _money(line.actual_amount, "actual_amount", allow_none=True)
    if line.spread_method not in SpreadMethod.values:
        raise DomainError(_("Välj en fördelningsmetod."), field="spread_method")
    if line.vat_category not in VatCategory.values:
        raise DomainError(_("Välj momskategori."), field="vat_category")
    line.vat_rate = Decimal(line.vat_rate or 0)
    if line.vat_category == VatCategory.STANDARD and line.vat_rate not in VAT_RATES:
        raise DomainError(_("Momssatsen ska vara 25, 12 eller 6 procent."), field="vat_rate")
    if line.vat_category == VatCategory.OUTSIDE_SCOPE:
        line.vat_rate = Decimal("0")
    if line.joint_function and line.amount is None:
        raise DomainError(_("Ange belopp för att kunna dela det 50/50."), field="amount")


def _write_shares(line: BudgetLine, shares: dict[Financier, Any] | None) -> dict[str, str]:
    """Replace the line's shares. With joint_function the shares are computed: 50/50
    between the region and the municipal side (R-23)."""
    if line.joint_function:
        region, municipal = _joint_financiers(line.budget)
        parts = halves(line.amount or ZERO)
        shares = {region: parts["region"], municipal: parts["municipalities"]}
    if shares is None:
        return {}
    cleaned: dict[Financier, Decimal] = {}
    for financier, value in shares.items():
        amount = _money(value, f"share_{financier.pk}", allow_none=True)
        if amount:
            cleaned[financier] = amount
    before = {str(s.financier): str(s.amount) for s in line.shares.select_related("financier")}
    line.shares.all().delete()
    FinancingShare.objects.bulk_create(
        [FinancingShare(line=line, financier=f, amount=a) for f, a in cleaned.items()]
    )
    after = {str(f): str(a) for f, a in cleaned.items()}
    return {"finansiering": [before, after]} if before != after else {}


def line_create(
    *,
    actor: Any,
    budget: Budget,
    shares: dict[Financier, Any] | None = None,
    check_right: bool = True,
    **fields: Any,
) -> BudgetLine:
    """Add a budget line with its financing shares. A line whose shares do not sum to its
    amount is saved and flagged with the difference, not refused (R-22)."""
    with transaction.atomic():
        if check_right:
            require(actor, "finance.budget:change")
        line = BudgetLine(budget=budget)
        _set_fields(line, fields, LINE_FIELDS)
        if "position" not in fields:
            line.position = budget.lines.count() + 1
        _clean_line(line)
        line.save()
        share_changes = _write_shares(line, shares)
        audit_record(
            action="finance.line.created",
            obj=line,
            actor=actor,
            parent=budget,
            changes={**diff({}, snapshot(line, LINE_FIELDS)), **share_changes},
        )
    return line


def line_update(
    *,
    actor: Any,
    line: BudgetLine,
    version: int | None,
    shares: dict[Financier, Any] | None = None,
    **fields: Any,
) -> BudgetLine:
    """Change a line and (when given) replace its financing shares (R-22, R-23)."""
    with transaction.atomic():
        require(actor, "finance.budget:change")
        line = (
            BudgetLine.objects.select_for_update(of=("self",))
            .select_related("budget")
            .get(pk=line.pk)
        )
        check_version(line, version)
        before = snapshot(line, LINE_FIELDS)
        _set_fields(line, fields, LINE_FIELDS)
        _clean_line(line)
        share_changes = _write_shares(line, shares)
        changes = {**diff(before, snapshot(line, LINE_FIELDS)), **share_changes}
        if changes:
            bump_version(line)
            line.save()
            audit_record(
                action="finance.line.changed",
                obj=line,
                actor=actor,
                parent=line.budget,
                changes=changes,
            )
    return line


def line_delete(*, actor: Any, line: BudgetLine) -> None:
    """Remove a line that has not been invoiced."""
    with transaction.atomic():
        require(actor, "finance.budget:change")
        budget = line.budget
        audit_record(
            action="finance.line.deleted",
            obj=line,
            actor=actor,
            parent=budget,
            changes=diff(snapshot(line, LINE_FIELDS), {}),
        )
        try:
            line.delete()
        except ProtectedError as err:
            raise DomainError(
                _("Raden %(n)s är fakturerad och kan inte tas bort.") % {"n": line.name},
                field="name",
            ) from err


def user_counts_set(
    *, actor: Any, line: BudgetLine, counts: dict[Organisation, int | None]
) -> BudgetLine:
    """Record the number of users per organisation of a line (R-23, R-25); None removes."""
    with transaction.atomic():
        require(actor, "finance.budget:change")
        before = {
            str(uc.organisation): uc.users for uc in line.user_counts.select_related("organisation")
        }
        for users in counts.values():
            if users is not None and int(users) < 0:
                raise DomainError(_("Antal användare kan inte vara negativt."), field="users")
        line.user_counts.all().delete()
        UserCount.objects.bulk_create(
            [
                UserCount(line=line, organisation=o, users=int(u))
                for o, u in counts.items()
                if u is not None
            ]
        )
        after = {str(o): int(u) for o, u in counts.items() if u is not None}
        audit_record(
            action="finance.users.set",
            obj=line,
            actor=actor,
            parent=line.budget,
            changes={"användare": [before, after]},
        )
    return line


def stated_totals_set(
    *, actor: Any, budget: Budget, totals: Iterable[dict[str, Any]], check_right: bool = True
) -> Budget:
    """Keep the totals a source document states, to compare with the computed ones."""
    with transaction.atomic():
        if check_right:
            require(actor, "finance.budget:change")
        budget.stated_totals.all().delete()
        created = StatedTotal.objects.bulk_create(
            [
                StatedTotal(
                    budget=budget,
                    label=t["label"],
                    financier=t.get("financier"),
                    side=t.get("side", ""),
                    amount=_money(t["amount"], "amount"),
                    position=i,
                )
                for i, t in enumerate(totals)
            ]
        )
        audit_record(
            action="finance.budget.stated_totals",
            obj=budget,
            actor=actor,
            changes={"angivna summor": [None, {s.label: str(s.amount) for s in created}]},
        )
    return budget


@dataclass
class ImportedLine:
    name: str
    amount: Decimal | None
    shares: dict[Financier, Decimal]
    managed_object: Any = None


def budget_import(
    *,
    actor: Any,
    year: int,
    lines: list[ImportedLine],
    stated: list[dict[str, Any]],
    replace: bool = False,
    progress: Progress = None,
) -> Budget:
    """Import a budget checked in full beforehand: all lines or nothing (R-22)."""
    with transaction.atomic():
        require(actor, "finance.budget:change")
        budget = Budget.objects.filter(year=year).first()
        if budget is None:
            budget = budget_create(actor=actor, year=year, check_right=False)
        elif budget.lines.exists():
            if not replace:
                raise DomainError(
                    _("Budgeten för %(y)s har redan rader. Välj att ersätta dem.") % {"y": year},
                    field="replace",
                )
            for line in list(budget.lines.all()):
                line_delete(actor=actor, line=line)
        for i, item in enumerate(lines, start=1):
            line_create(
                actor=actor,
                budget=budget,
                check_right=False,
                name=item.name,
                amount=item.amount,
                managed_object=item.managed_object,
                position=i,
                shares=item.shares,
            )
            if progress:
                progress(i, len(lines))
        if stated:
            stated_totals_set(actor=actor, budget=budget, totals=stated, check_right=False)
        audit_record(
            action="finance.budget.imported",
            obj=budget,
            actor=actor,
            changes={"rader": [None, len(lines)]},
        )
    return budget


# --- invoices (R-25, R-26) --------------------------------------------------------------


def quarter_period(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise DomainError(_("Kvartalet ska vara 1, 2, 3 eller 4."), field="quarter")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def _next_number(code: str) -> tuple[NumberSeries, int]:
    """The next number of a series, taken with the series row locked inside the caller's
    transaction: numbers are gap-free because a rollback returns the number."""
    NumberSeries.objects.get_or_create(code=code)
    series = NumberSeries.objects.select_for_update().get(code=code)
    number = series.next_number
    series.next_number = number + 1
    series.save(update_fields=["next_number"])
    return series, number


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


def _issue(
    *,
    actor: Any,
    kind: str,
    year: int,
    quarter: int,
    sequence: int,
    budget: Budget | None,
    seller: Organisation,
    buyer: Organisation,
    items: list[Item],
    today: dt.date,
    period: tuple[dt.date, dt.date],
    note: str,
    buyer_reference: str,
    bankgiro: str,
    credited: Invoice | None = None,
    progress: Progress = None,
) -> Invoice:
    if not items:
        raise DomainError(_("Fakturan saknar rader."), field="quarter")
    net = sum((i.net_amount for i in items), ZERO)
    vat = _vat(items)
    series, serial = _next_number(f"F{today.year}")
    invoice = Invoice(
        kind=kind,
        year=year,
        quarter=quarter,
        sequence=sequence,
        number=f"{series.code}-{serial:05d}",
        serial=serial,
        series=series,
        budget=budget,
        seller=seller,
        buyer=buyer,
        issue_date=today,
        due_date=today + dt.timedelta(days=PAYMENT_DAYS),
        period_start=period[0],
        period_end=period[1],
        buyer_reference=(buyer_reference or f"GITS {year}")[:100],
        bankgiro=bankgiro,
        note=note[:300],
        credited_invoice=credited,
        net_amount=net,
        vat_amount=vat,
        total_amount=net + vat,
    )
    invoice.save()
    rows = []
    for position, item in enumerate(items, start=1):
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
            progress(position, len(items))
    InvoiceLine.objects.bulk_create(rows)
    audit_record(
        action="finance.invoice.credited" if credited else "finance.invoice.issued",
        obj=invoice,
        actor=actor,
        parent=credited or budget,
        changes={
            "nummer": [None, invoice.number],
            "typ": [None, invoice.get_kind_display()],
            "period": [None, invoice.period_label],
            "köpare": [None, str(buyer)],
            "belopp": [None, str(invoice.total_amount)],
        },
    )
    return invoice


@dataclass
class RunResult:
    created: list[Invoice] = field(default_factory=list)
    existing: list[Invoice] = field(default_factory=list)


def _budget_for(year: int) -> Budget:
    budget = Budget.objects.select_related("seller", "buyer").filter(year=year).first()
    if budget is None:
        raise DomainError(_("Det finns ingen budget för %(y)s.") % {"y": year}, field="year")
    if budget.seller_id is None or budget.buyer_id is None:
        raise DomainError(
            _("Ange fakturerande och fakturerad part i budgeten för %(y)s.") % {"y": year},
            field="year",
        )
    return budget


def _live(qs) -> list[Invoice]:
    return list(qs.filter(credit_notes__isnull=True))


def _object_code(line: BudgetLine) -> str:
    return line.managed_object.short_name if line.managed_object_id else line.name[:50]


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
            existing = Invoice.objects.filter(
                kind=Invoice.Kind.QUARTERLY,
                year=year,
                quarter=quarter,
                seller=budget.seller,
                buyer=budget.buyer,
            )
            live = _live(existing)
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
                Item(
                    description=f"{p.line.name}, kvartal {quarter} {year}",
                    net_amount=p.quarters[quarter],
                    budget_line=p.line,
                    vat_category=p.line.vat_category,
                    vat_rate=p.line.vat_rate,
                    object_code=_object_code(p.line),
                )
                for p in plan
            ]
            invoice = _issue(
                actor=actor,
                kind=Invoice.Kind.QUARTERLY,
                year=year,
                quarter=quarter,
                sequence=existing.count(),
                budget=budget,
                seller=budget.seller,
                buyer=budget.buyer,
                items=items,
                today=today,
                period=(start, end),
                note=_("Budgeterad kostnad kvartal %(q)s %(y)s, fakturerad i efterskott.")
                % {"q": quarter, "y": year},
                buyer_reference=budget.buyer_reference,
                bankgiro=budget.bankgiro,
                progress=progress,
            )
            return RunResult(created=[invoice])
    except IntegrityError:
        # Someone else ran the same period at the same moment: theirs stands.
        return RunResult(
            existing=_live(
                Invoice.objects.filter(kind=Invoice.Kind.QUARTERLY, year=year, quarter=quarter)
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
        q3 = Invoice.objects.filter(
            kind=Invoice.Kind.QUARTERLY,
            year=year,
            quarter=3,
            seller=budget.seller,
            buyer=budget.buyer,
        )
        if not _live(q3):
            raise DomainError(
                _("Avräkning sker efter tredje kvartalet; kvartal 3 %(y)s är inte fakturerat.")
                % {"y": year},
                field="year",
            )
        existing = Invoice.objects.filter(
            kind=Invoice.Kind.SETTLEMENT, year=year, seller=budget.seller, buyer=budget.buyer
        )
        live = _live(existing)
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
        for p in plan:
            run = to_money(p.line.actual_amount - (p.line.amount or ZERO))
            if not run:
                continue
            counts = line_user_counts(p.line)
            parts = by_users(
                run,
                sum(u for o, u in counts.items() if o in region_ids),
                sum(u for o, u in counts.items() if o in town_ids),
            )
            items.append(
                Item(
                    description=_("Avräkning %(y)s %(n)s: utfall %(a)s, budget %(b)s")
                    % {
                        "y": year,
                        "n": p.line.name,
                        "a": kr(p.line.actual_amount),
                        "b": kr(p.line.amount),
                    },
                    net_amount=parts["municipalities"],
                    budget_line=p.line,
                    vat_category=p.line.vat_category,
                    vat_rate=p.line.vat_rate,
                    object_code=_object_code(p.line),
                )
            )
        if not items:
            raise DomainError(
                _("Utfallet är lika med budgeten; det finns inget att avräkna."), field="year"
            )
        invoice = _issue(
            actor=actor,
            kind=Invoice.Kind.SETTLEMENT,
            year=year,
            quarter=0,
            sequence=existing.count(),
            budget=budget,
            seller=budget.seller,
            buyer=budget.buyer,
            items=items,
            today=today,
            period=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
            note=_(
                "Avräkning efter tredje kvartalet %(y)s; över- och underskott fördelade efter antal användare."
            )
            % {"y": year},
            buyer_reference=budget.buyer_reference,
            bankgiro=budget.bankgiro,
        )
    return RunResult(created=[invoice])


def payback_run(
    *, actor: Any, line: BudgetLine, amount: Any, today: dt.date | None = None
) -> RunResult:
    """Pay a line's surplus back to the parties that financed it, in proportion to their
    shares (R-26); a share of the municipalities as a collective is spread across them by
    the line's method. Each payback is a document with a negative amount."""
    today = today or dt.date.today()
    with transaction.atomic():
        require(actor, "finance.invoice:run")
        surplus = _money(amount, "amount")
        if not surplus:
            raise DomainError(_("Ange överskottet som ska betalas tillbaka."), field="amount")
        line = BudgetLine.objects.select_related("budget__seller").get(pk=line.pk)
        budget = line.budget
        if budget.seller_id is None:
            raise DomainError(_("Budgeten saknar fakturerande part."), field="amount")
        shares = {
            s.financier: s.amount for s in line.shares.select_related("financier") if s.amount
        }
        if not shares:
            raise DomainError(
                _("Raden har ingen finansiering att betala tillbaka till."), field="amount"
            )
        parts = spread(surplus, shares)
        to_pay: dict[Organisation, Decimal] = {}
        for financier, part in parts.items():
            if financier.organisation_id:
                org = financier.organisation
                to_pay[org] = to_pay.get(org, ZERO) + part
            elif financier.side == FinancierSide.MUNICIPALITIES:
                weights = {r.municipality: r.weight for r in line_split(line).rows}
                for town, value in spread(part, weights).items():
                    to_pay[town] = to_pay.get(town, ZERO) + value
            else:
                raise DomainError(
                    _("Finansiären %(f)s är inte kopplad till någon organisation.")
                    % {"f": financier},
                    field="amount",
                )
        result = RunResult()
        for org, value in to_pay.items():
            if org.pk == budget.seller_id or not value:
                continue
            existing = Invoice.objects.filter(
                kind=Invoice.Kind.PAYBACK, year=budget.year, seller_id=budget.seller_id, buyer=org
            )
            live = _live(existing)
            if live:
                result.existing += live
                continue
            result.created.append(
                _issue(
                    actor=actor,
                    kind=Invoice.Kind.PAYBACK,
                    year=budget.year,
                    quarter=0,
                    sequence=existing.count(),
                    budget=budget,
                    seller=budget.seller,
                    buyer=org,
                    items=[
                        Item(
                            description=_("Återbetalning av överskott %(y)s, %(n)s")
                            % {"y": budget.year, "n": line.name},
                            net_amount=-value,
                            budget_line=line,
                            object_code=_object_code(line),
                        )
                    ],
                    today=today,
                    period=(dt.date(budget.year, 1, 1), dt.date(budget.year, 12, 31)),
                    note=_("Återbetalning av överskott."),
                    buyer_reference=budget.buyer_reference,
                    bankgiro="",
                )
            )
    return result


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


# --- scenarios (seed 004) ---------------------------------------------------------------


def _clean_scenario(scenario: Scenario) -> None:
    scenario.name = (scenario.name or "").strip()
    if not scenario.name:
        raise DomainError(_("Ange scenariots namn."), field="name")
    if Scenario.objects.exclude(pk=scenario.pk).filter(name__iexact=scenario.name).exists():
        raise DomainError(_("Det finns redan ett scenario med det namnet."), field="name")
    if scenario.reference_date is None:
        raise DomainError(_("Ange vilket datum folkmängden ska avse."), field="reference_date")
    if scenario.spread_method not in (SpreadMethod.PER_CAPITA, SpreadMethod.EQUAL):
        raise DomainError(_("Välj per invånare eller lika per kommun."), field="spread_method")


def scenario_create(
    *,
    actor: Any,
    alternatives: list[tuple[str, Any]] | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Scenario:
    """A review's alternatives (wind up, continue, widen) with a yearly cost each."""
    with transaction.atomic():
        if check_right:
            require(actor, "finance.scenario:change")
        scenario = Scenario()
        _set_fields(scenario, fields, SCENARIO_FIELDS)
        _clean_scenario(scenario)
        scenario.save()
        audit_record(
            action="finance.scenario.created",
            obj=scenario,
            actor=actor,
            changes=diff({}, snapshot(scenario, SCENARIO_FIELDS)),
        )
        for name, cost in alternatives or []:
            alternative_add(
                actor=actor, scenario=scenario, name=name, total_cost=cost, check_right=False
            )
    return scenario


def scenario_update(
    *, actor: Any, scenario: Scenario, version: int | None, **fields: Any
) -> Scenario:
    with transaction.atomic():
        require(actor, "finance.scenario:change")
        scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
        check_version(scenario, version)
        before = snapshot(scenario, SCENARIO_FIELDS)
        _set_fields(scenario, fields, SCENARIO_FIELDS)
        _clean_scenario(scenario)
        changes = diff(before, snapshot(scenario, SCENARIO_FIELDS))
        if changes:
            bump_version(scenario)
            scenario.save()
            audit_record(
                action="finance.scenario.changed", obj=scenario, actor=actor, changes=changes
            )
    return scenario


def alternative_add(
    *, actor: Any, scenario: Scenario, name: str, total_cost: Any, check_right: bool = True
) -> ScenarioAlternative:
    with transaction.atomic():
        if check_right:
            require(actor, "finance.scenario:change")
        name = (name or "").strip()
        if not name:
            raise DomainError(_("Ange alternativets namn."), field="name")
        if scenario.alternatives.filter(name__iexact=name).exists():
            raise DomainError(
                _("Scenariot har redan alternativet %(n)s.") % {"n": name}, field="name"
            )
        alternative = ScenarioAlternative.objects.create(
            scenario=scenario,
            name=name,
            total_cost=_money(total_cost, "total_cost"),
            position=scenario.alternatives.count() + 1,
        )
        audit_record(
            action="finance.scenario.alternative_added",
            obj=alternative,
            actor=actor,
            parent=scenario,
            changes={"alternativ": [None, name], "kostnad": [None, str(alternative.total_cost)]},
        )
    return alternative
