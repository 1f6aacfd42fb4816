"""Budgets (R-22, R-24): flags, computed totals, and seed 003's table checked by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from gits.core.errors import DomainError, RightMissing, StaleRecord
from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.demo import SEED_003_LINES, load_seed_2024
from gits.finance.models import Budget, BudgetLine, FinancierSide
from gits.finance.selectors import budget_calendar, budget_overview

pytestmark = pytest.mark.django_db
D = Decimal


def test_seed_003_table_checked_by_hand():
    """The table's own rows and totals, without the app: which rows balance and which of the
    TOTALT figures are the column sums."""
    rows = {name: (amount, shares) for name, amount, shares in SEED_003_LINES}
    balanced = [n for n, (a, s) in rows.items() if a is not None and a == sum(s.values(), D(0))]
    assert balanced == [
        "GITS",
        "SAMSA",
        "GITS Utvecklingsportfölj",
        "Öppna data",
        "Elevhälsodata Väst",
        "SITHS utveckling",
        "Gemensam utgivning (SITHS)",
    ]
    amounts = sum((a or D(0) for a, _s in rows.values()), D(0))
    assert amounts == D("49573000")
    assert amounts - rows["SITHS utveckling"][0] - rows["Gemensam utgivning (SITHS)"][0] == D(
        "37513000"
    )

    def column(key):
        return sum((s.get(key, D(0)) for _a, s in rows.values()), D(0))

    assert column("Kommuner") == D("5524000")
    assert column("VästKom") == D("2460000")
    assert column("VGR") == D("18249000")  # 16 749 000 without the IoT line
    assert column("SITIV/Annan finansiär") == D("13780000")  # the table says 15 280 000


def test_seed_003_entered_shows_where_it_does_not_add_up(financiers):
    budget = load_seed_2024(financiers)
    o = budget_overview(budget)
    flags = {r.line.name: (r.difference, r.problem) for r in o.rows if r.flagged}
    assert set(flags) == {"SITIV Utvecklingsportfölj", "IoT projektledare"}
    assert flags["SITIV Utvecklingsportfölj"][0] == D("11060000")
    assert "Saknar finansiering" in flags["SITIV Utvecklingsportfölj"][1]
    assert flags["IoT projektledare"][0] == D("-1500000")
    assert "Finansiering utan belopp" in flags["IoT projektledare"][1]
    assert o.amount_total == D("49573000")
    assert o.financing_total == D("40013000")
    assert o.difference == D("9560000")
    assert o.municipal_total == D("7984000")
    checks = {(c.stated.label, c.stated.amount): c for c in o.checks}
    assert checks[("Budget", D("49573000"))].agrees
    assert checks[("Kommuner", D("5524000"))].agrees
    assert checks[("VästKom", D("2460000"))].agrees
    assert checks[("Kommuner + VästKom", D("7984000"))].agrees
    assert checks[("VGR", D("18249000"))].agrees
    short = checks[("Budget", D("37513000"))]
    assert short.difference == D("-12060000")
    assert short.explanation == [["SITHS utveckling", "Gemensam utgivning (SITHS)"]]
    vgr = checks[("VGR", D("16749000"))]
    assert vgr.difference == D("-1500000") and vgr.explanation == [["IoT projektledare (VGR)"]]
    other = checks[("SITIV/Annan finansier", D("15280000"))]
    assert other.difference == D("1500000")
    assert other.computed == D("13780000")
    assert other.explanation == [["IoT projektledare (VGR)"]]


def test_totals_are_computed_per_financier_and_side(financiers):
    budget = services.budget_create(actor=None, year=2030, check_right=False)
    services.line_create(
        actor=None,
        budget=budget,
        check_right=False,
        name="A",
        amount=D("100.00"),
        shares={financiers["VGR"]: D("60"), financiers["Kommuner"]: D("40")},
    )
    services.line_create(
        actor=None,
        budget=budget,
        check_right=False,
        name="B",
        amount=D("10.50"),
        shares={financiers["VästKom"]: D("10.50")},
    )
    o = budget_overview(budget)
    assert dict((str(f.name), t) for f, t in o.financier_pairs())["VGR"] == D("60.00")
    assert o.side_totals[FinancierSide.MUNICIPALITIES] == D("50.50")
    assert o.amount_total == D("110.50") and not o.flagged


def test_unbalanced_line_is_saved_and_flagged_with_the_difference(financiers, lead_user):
    budget = services.budget_create(actor=lead_user, year=2031)
    line = services.line_create(
        actor=lead_user,
        budget=budget,
        name="SAMSA",
        amount=D("1000"),
        shares={financiers["VGR"]: D("400"), financiers["Kommuner"]: D("500")},
    )
    row = budget_overview(budget).rows[0]
    assert row.difference == D("100") and "lägre än beloppet" in row.problem
    services.line_update(
        actor=lead_user,
        line=line,
        version=line.version,
        shares={financiers["VGR"]: D("500"), financiers["Kommuner"]: D("500")},
    )
    assert not budget_overview(budget).rows[0].flagged
    assert AuditEntry.objects.filter(action="finance.line.changed", object_id=str(line.pk)).exists()


def test_joint_function_line_is_split_50_50_with_the_odd_ore_r23(budget_2026, financiers):
    line = budget_2026.lines.get()
    shares = {s.financier.name: s.amount for s in line.shares.select_related("financier")}
    assert shares == {"VGR": D("1500000.01"), "VästKom": D("1500000.00")}


def test_line_without_the_right_is_refused_and_leaves_nothing(financiers, contact_user):
    budget = services.budget_create(actor=None, year=2032, check_right=False)
    before = AuditEntry.objects.count()
    with pytest.raises(RightMissing):
        services.line_create(actor=contact_user, budget=budget, name="X", amount=D("1"))
    assert not BudgetLine.objects.filter(name="X").exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("amount", "field"), [("-1", "amount"), ("1.005", "amount"), ("abc", "amount")]
)
def test_bad_amounts_are_refused_naming_the_field(financiers, amount, field):
    budget = services.budget_create(actor=None, year=2033, check_right=False)
    with pytest.raises(DomainError) as err:
        services.line_create(actor=None, budget=budget, check_right=False, name="X", amount=amount)
    assert err.value.field == field


def test_stale_version_is_refused(budget_2026, lead_user):
    line = budget_2026.lines.get()
    services.line_update(actor=lead_user, line=line, version=line.version, note="ett")
    with pytest.raises(StaleRecord):
        services.line_update(actor=lead_user, line=line, version=line.version, note="två")


def test_floats_are_never_money(financiers):
    budget = services.budget_create(actor=None, year=2034, check_right=False)
    line = services.line_create(actor=None, budget=budget, check_right=False, name="F", amount=0.1)
    assert BudgetLine.objects.get(pk=line.pk).amount == D("0.10")


def test_budget_calendar_warns_before_the_deadline_r24(defaults, lead_user):
    assert budget_calendar(dt.date(2026, 6, 1)).status == "ok"
    soon = budget_calendar(dt.date(2026, 8, 10))
    assert soon.status == "soon" and soon.deadline == dt.date(2026, 9, 1) and soon.days_left == 22
    assert budget_calendar(dt.date(2026, 9, 2)).status == "overdue"
    budget = services.budget_create(
        actor=None, year=2027, check_right=False, deadline=dt.date(2026, 6, 15), warning_days=10
    )
    assert budget_calendar(dt.date(2026, 6, 1)).status == "ok"
    assert budget_calendar(dt.date(2026, 6, 6)).status == "soon"
    services.budget_update(
        actor=lead_user, budget=budget, version=budget.version, decision_reference="SITIV § 4"
    )
    assert Budget.objects.get(pk=budget.pk).version == 2
    status = budget_calendar(dt.date(2026, 9, 2))
    assert status.status == "decided" and "SITIV § 4" in status.message


def test_budget_defaults_r24_r25(defaults):
    budget = services.budget_create(actor=None, year=2028, check_right=False)
    assert budget.deadline == dt.date(2027, 9, 1)
    assert budget.seller.org_number == "232100-0131"
    assert budget.buyer.org_number == "858501-2084"
    with pytest.raises(DomainError) as err:
        services.budget_create(actor=None, year=2028, check_right=False)
    assert err.value.field == "year"
