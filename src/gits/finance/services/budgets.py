"""Writes for budgets and their financing (R-22 to R-25): financiers, budgets, budget lines
with their financing shares, users per organisation, the totals a source document states,
and the import of a whole budget."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from gits.core.audit import audit_record, diff, snapshot
from gits.core.changes import Change, Recorded
from gits.core.errors import DomainError
from gits.core.fields import checked_year
from gits.core.permissions import require, require_party
from gits.finance.allocation import halves
from gits.finance.formatting import kr
from gits.finance.models import (
    Budget,
    BudgetLine,
    Financier,
    FinancingShare,
    StatedTotal,
    UserCount,
)
from gits.finance.models.choices import (
    ZERO,
    FinancierSide,
    SpreadMethod,
    VatCategory,
    default_deadline,
)
from gits.finance.services.common import Progress, checked_amount, checked_texts
from gits.organisations.models import Organisation

CHANGE = "finance.budget:change"
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
VAT_RATES = {Decimal("25"), Decimal("12"), Decimal("6")}


def _amounts(amounts: Mapping[Any, Decimal]) -> dict[str, str]:
    """Amounts per party as the history shows them."""
    return {str(party): kr(amount) for party, amount in amounts.items()}


# --- financiers -------------------------------------------------------------------------


def _clean_financier(financier: Financier) -> None:
    financier.name = (financier.name or "").strip()
    checked_texts(financier, ["name", "short_name"])
    if not financier.name:
        raise DomainError(_("Ange finansiärens namn."), field="name")
    if financier.side not in FinancierSide.values:
        raise DomainError(_("Välj sida."), field="side")
    if Financier.objects.filter(name__iexact=financier.name).exists():
        raise DomainError(_("Finansiären %(n)s finns redan.") % {"n": financier.name}, field="name")


FINANCIER = Recorded(Financier, FINANCIER_FIELDS, clean=_clean_financier, right=CHANGE)


def financier_create(*, actor: Any, check_right: bool = True, **fields: Any) -> Financier:
    """Add a financier (R-22): the municipalities, their association, the region, another
    financier, or others the user adds."""
    return FINANCIER.create(actor=actor, check_right=check_right, values=fields)


# --- budgets (R-22, R-24) ---------------------------------------------------------------


def _default_party(kind: str) -> Organisation | None:
    return Organisation.objects.filter(kind=kind).order_by("pk").first()


def _clean_budget(budget: Budget) -> None:
    checked_texts(
        budget, ["title", "decision_reference", "buyer_reference", "bankgiro"], multiline=["note"]
    )
    budget.year = checked_year(budget.year)
    if budget.deadline is None:
        budget.deadline = default_deadline(budget.year)
    if budget.decided_on and not budget.decision_reference:
        raise DomainError(
            _("Ange vilket beslut som fastställde budgeten."), field="decision_reference"
        )
    if budget.seller_id and budget.seller_id == budget.buyer_id:
        raise DomainError(_("En part kan inte fakturera sig själv."), field="buyer")


# The year is set when a budget is opened, never changed; a user sets BUDGET_FIELDS.
BUDGET = Recorded(Budget, ["year", *BUDGET_FIELDS], clean=_clean_budget)


def _one_budget_a_year(change: Change[Budget]) -> None:
    year = change.obj.year
    if Budget.objects.filter(year=year).exists():
        raise DomainError(_("Det finns redan en budget för %(y)s.") % {"y": year}, field="year")


def budget_create(*, actor: Any, year: int, check_right: bool = True, **fields: Any) -> Budget:
    """Open the budget of a year. The deadline defaults to 1 September the year before (R-24);
    invoices go from the region to the municipal association unless set otherwise (R-25)."""
    if "seller" not in fields:
        fields["seller"] = _default_party(Organisation.Kind.REGION)
    if "buyer" not in fields:
        fields["buyer"] = _default_party(Organisation.Kind.ASSOCIATION)
    return BUDGET.create(
        obj=Budget(year=year),
        actor=actor,
        check_right=check_right,
        values=fields,
        allowed=BUDGET_FIELDS,
        check=_one_budget_a_year,
    )


def budget_update(*, actor: Any, budget: Budget, version: int | None, **fields: Any) -> Budget:
    """Change a budget's calendar, decision reference or invoicing parties (R-24, R-25)."""
    return BUDGET.update(budget, actor=actor, version=version, values=fields, allowed=BUDGET_FIELDS)


# --- lines and their financing (R-22, R-23) ---------------------------------------------


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
    checked_texts(line, ["name", "note"])
    if not line.name:
        raise DomainError(_("Ange radens benämning."), field="name")
    clash = BudgetLine.objects.filter(budget_id=line.budget_id, name__iexact=line.name)
    if clash.exclude(pk=line.pk).exists():
        raise DomainError(
            _("Budgeten har redan en rad som heter %(n)s.") % {"n": line.name}, field="name"
        )
    line.amount = checked_amount(line.amount, "amount", allow_none=True)
    line.actual_amount = checked_amount(line.actual_amount, "actual_amount", allow_none=True)
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


def _write_shares(change: Change[BudgetLine], shares: dict[Financier, Any] | None) -> None:
    """Replace the line's shares (None leaves them). With joint_function the shares are
    computed: 50/50 between the region and the municipal side (R-23)."""
    line = change.obj
    if line.joint_function:
        region, municipal = _joint_financiers(line.budget)
        parts = halves(line.amount or ZERO)
        shares = {region: parts["region"], municipal: parts["municipalities"]}
    if shares is None:
        return
    cleaned: dict[Financier, Decimal] = {}
    for financier, value in shares.items():
        amount = checked_amount(value, f"share_{financier.pk}", allow_none=True)
        if amount:
            cleaned[financier] = amount
    before = _amounts({s.financier: s.amount for s in line.shares.select_related("financier")})
    line.shares.all().delete()
    FinancingShare.objects.bulk_create(
        [FinancingShare(line=line, financier=f, amount=a) for f, a in cleaned.items()]
    )
    change.note("finansiering", before, _amounts(cleaned))


LINE = Recorded(
    BudgetLine, LINE_FIELDS, clean=_clean_line, name="finance.line", right=CHANGE, parent="budget"
)


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
    with LINE.creating(
        obj=BudgetLine(budget=budget), actor=actor, check_right=check_right, values=fields
    ) as change:
        line = change.obj
        if "position" not in fields:
            line.position = budget.lines.count() + 1
        line.save()  # the shares refer to the line
        _write_shares(change, shares)
    return change.obj


def line_update(
    *,
    actor: Any,
    line: BudgetLine,
    version: int | None,
    shares: dict[Financier, Any] | None = None,
    **fields: Any,
) -> BudgetLine:
    """Change a line and (when given) replace its financing shares (R-22, R-23)."""
    with LINE.updating(line, actor=actor, version=version, values=fields) as change:
        _write_shares(change, shares)
    return change.obj


def line_delete(*, actor: Any, line: BudgetLine) -> None:
    """Remove a line that has not been invoiced."""
    with transaction.atomic():
        require(actor, CHANGE)
        audit_record(
            action="finance.line.deleted",
            obj=line,
            actor=actor,
            parent=line.budget,
            changes=diff(snapshot(line, LINE_FIELDS), {}),
        )
        try:
            line.delete()
        except ProtectedError as err:
            raise DomainError(
                _("Raden %(n)s är fakturerad och kan inte tas bort.") % {"n": line.name},
                field="name",
            ) from err


# A line's user counts, replaced as a whole at the line's version (rule 4).
USER_COUNTS = Recorded(BudgetLine, (), action="finance.users", right=CHANGE, parent="budget")


def user_counts_set(
    *,
    actor: Any,
    line: BudgetLine,
    counts: dict[Organisation, int | None],
    version: int | None = None,
) -> BudgetLine:
    """Record the number of users per organisation of a line (R-23, R-25), read at the
    line's `version`; None removes."""
    with USER_COUNTS.updating(line, actor=actor, version=version, verb="set") as change:
        line = change.obj
        stored = list(line.user_counts.select_related("organisation"))
        # Every party whose count is set or removed (rights per party).
        require_party(actor, [*counts, *(uc.organisation for uc in stored)])
        before = {str(uc.organisation): uc.users for uc in stored}
        for users in counts.values():
            if users is not None and int(users) < 0:
                raise DomainError(_("Antal användare kan inte vara negativt."), field="users")
        kept = {o: int(u) for o, u in counts.items() if u is not None}
        line.user_counts.all().delete()
        UserCount.objects.bulk_create(
            [UserCount(line=line, organisation=o, users=u) for o, u in kept.items()]
        )
        change.note("användare", before, {str(o): u for o, u in kept.items()})
    return line


# --- what a source document states, and the import of a whole budget --------------------


def stated_totals_set(
    *, actor: Any, budget: Budget, totals: Iterable[dict[str, Any]], check_right: bool = True
) -> Budget:
    """Keep the totals a source document states, to compare with the computed ones."""
    with transaction.atomic():
        if check_right:
            require(actor, CHANGE)
        budget.stated_totals.all().delete()
        created = StatedTotal.objects.bulk_create(
            [
                StatedTotal(
                    budget=budget,
                    label=t["label"],
                    financier=t.get("financier"),
                    side=t.get("side", ""),
                    amount=checked_amount(t["amount"], "amount"),
                    position=i,
                )
                for i, t in enumerate(totals)
            ]
        )
        audit_record(
            action="finance.budget.stated_totals",
            obj=budget,
            actor=actor,
            changes={"angivna summor": [None, _amounts({s.label: s.amount for s in created})]},
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
        require(actor, CHANGE)
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
