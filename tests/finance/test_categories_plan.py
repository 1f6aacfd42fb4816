"""Budget and outcome per cost category of a line (seed 002 Bilaga 2: salaries, premises,
training, equipment, other) and the multi-year financing plan with the years side by side
(seed 001), through the services, the pages and the API."""

from decimal import Decimal

import pytest

from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.models import LineCategory
from gits.finance.overviews import category_summary, financing_plan
from gits.organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = Decimal
API = "/api/v1/finance"


@pytest.fixture
def gits_line(budget_2026):
    return budget_2026.lines.get(name="GITS")


ROWS = {
    "salaries": (D("2400000.00"), D("1800000.00")),
    "premises": (D("400000.00"), None),
    "training": (D("100000.01"), D("50000.00")),
    "equipment": (D("100000.00"), None),
}


def test_categories_carry_budget_and_outcome_and_are_audited(gits_line, lead_user):
    services.line_categories_set(actor=lead_user, line=gits_line, rows=ROWS)
    stored = {c.category: (c.budget, c.outcome) for c in LineCategory.objects.all()}
    assert stored == ROWS
    entry = AuditEntry.objects.get(action="finance.line.categories")
    assert entry.changes["kostnadsslag"][0] is None
    assert "Löner" in entry.changes["kostnadsslag"][1]
    summary = category_summary(gits_line.budget)
    (row,) = summary.lines
    # 3 000 000,01 budgeted, categories 3 000 000,01: no difference
    assert row.budget == D("3000000.01") and row.difference == 0
    assert row.outcome == D("1850000.00")
    totals = {label: (b, o) for label, b, o, _d in summary.totals()}
    assert totals["Löner"] == (D("2400000.00"), D("1800000.00"))
    assert totals["Övrigt"] == (D("0"), D("0"))
    # outcome minus budget for the whole budget, shown in the total row
    assert summary.difference_total == D("1850000.00") - D("3000000.01")
    # Setting the same again writes nothing.
    services.line_categories_set(actor=lead_user, line=gits_line, rows=ROWS)
    assert AuditEntry.objects.filter(action="finance.line.categories").count() == 1


def test_categories_that_do_not_add_up_show_the_difference(gits_line, lead_user):
    services.line_categories_set(
        actor=lead_user, line=gits_line, rows={"salaries": (D("1000000"), None)}
    )
    (row,) = category_summary(gits_line.budget).lines
    assert row.difference == D("2000000.01")


def test_categories_refuse_unknown_negative_and_missing_right(gits_line, lead_user, contact_user):
    with pytest.raises(DomainError) as err:
        services.line_categories_set(actor=lead_user, line=gits_line, rows={"lunch": (1, None)})
    assert err.value.field == "category"
    with pytest.raises(DomainError) as err:
        services.line_categories_set(
            actor=lead_user, line=gits_line, rows={"premises": (D("-1"), None)}
        )
    assert err.value.field == "budget_premises"
    with pytest.raises(RightMissing):
        services.line_categories_set(actor=contact_user, line=gits_line, rows=ROWS)
    assert not LineCategory.objects.exists()


def test_financing_plan_puts_the_years_side_by_side(financiers, lead_user, budget_2026):
    budget_2027 = services.budget_create(actor=lead_user, year=2027)
    services.line_create(
        actor=lead_user,
        budget=budget_2027,
        name="gits",  # the same line, matched by name
        amount=D("3200000.00"),
        joint_function=True,
        population_date=budget_2026.lines.get().population_date,
    )
    services.line_create(
        actor=lead_user, budget=budget_2027, name="Ny tjänst", amount=D("500000.00")
    )
    plan = financing_plan(2026, 2027)
    assert plan.years == [2026, 2027]
    rows = {r.name: r.amounts for r in plan.rows}
    assert rows["GITS"] == [D("3000000.01"), D("3200000.00")]
    assert rows["Ny tjänst"] == [None, D("500000.00")]
    assert plan.totals == [D("3000000.01"), D("3700000.00")]
    assert plan.unfinanced == [D("0.00"), D("500000.00")]
    by_financier = {f.name: a for f, a in plan.financiers}
    assert by_financier["VGR"] == [D("1500000.01"), D("1600000.00")]
    assert financing_plan(2027, 2027).years == [2027]


def test_pages_show_plan_and_categories_and_save_categories(
    client, gits_line, lead_user, contact_user
):
    client.force_login(contact_user)
    assert client.get("/ekonomi/finansieringsplan/").status_code == 200
    assert client.get("/ekonomi/budget/2026/kostnadsslag/").status_code == 200
    refused = client.get(f"/ekonomi/rader/{gits_line.pk}/kostnadsslag/")
    assert refused.status_code == 302
    client.force_login(lead_user)
    response = client.post(
        f"/ekonomi/rader/{gits_line.pk}/kostnadsslag/",
        {"budget_salaries": "2 400 000", "outcome_salaries": "1 800 000,50"},
    )
    assert response.status_code == 302
    assert LineCategory.objects.get().outcome == D("1800000.50")
    page = client.get("/ekonomi/budget/2026/kostnadsslag/").content.decode()
    assert "Löner" in page and "1\u00a0800\u00a0000,50" in page
    bad = client.post(f"/ekonomi/rader/{gits_line.pk}/kostnadsslag/", {"budget_premises": "x"})
    assert bad.status_code == 400


def test_api_categories_and_plan(client, gits_line, lead_user, contact_user, auth_header):
    response = client.put(
        f"{API}/lines/{gits_line.pk}/categories",
        [{"category": "salaries", "budget": "2400000.00", "outcome": "100.00"}],
        content_type="application/json",
        headers=auth_header(lead_user),
    )
    assert response.status_code == 200 and response.json()[0]["label"] == "Löner"
    refused = client.put(
        f"{API}/lines/{gits_line.pk}/categories",
        [{"category": "salaries", "budget": "1.00"}],
        content_type="application/json",
        headers=auth_header(contact_user),
    )
    assert refused.status_code == 403
    bad = client.put(
        f"{API}/lines/{gits_line.pk}/categories",
        [{"category": "lunch", "budget": "1.00"}],
        content_type="application/json",
        headers=auth_header(lead_user),
    )
    assert bad.status_code == 400 and bad.json()["field"] == "category"
    data = client.get(f"{API}/budgets/2026/categories", headers=auth_header(contact_user)).json()
    assert data["lines"][0]["difference"] == "600000.01"
    plan = client.get(f"{API}/financing-plan", headers=auth_header(contact_user)).json()
    assert plan["years"] == [2026] and plan["totals"] == ["3000000.01"]


def test_a_lines_tables_are_not_overwritten_from_an_older_page(
    client, gits_line, lead_user, auth_header
):
    """Rule 4: the cost categories and the user counts of a line are saved at the line's
    version; a second save made from a page read before the first is refused and keeps
    what was typed, on the page and through the API (409)."""
    read = gits_line.version
    client.force_login(lead_user)
    categories = f"/ekonomi/rader/{gits_line.pk}/kostnadsslag/"
    page = client.get(categories).content.decode()
    assert f'<input type="hidden" name="version" value="{read}"' in page
    first = client.post(categories, {"budget_salaries": "100", "version": read})
    assert first.status_code == 302
    second = client.post(categories, {"budget_salaries": "999", "version": read})
    page = second.content.decode()
    assert second.status_code == 400
    assert "Posten har ändrats av någon annan sedan du öppnade den" in page
    assert 'value="999"' in page
    assert LineCategory.objects.get().budget == D("100.00")

    region = Organisation.objects.get(kind="region")
    users = f"/ekonomi/rader/{gits_line.pk}/anvandare/"
    gits_line.refresh_from_db()
    assert gits_line.version == read + 1
    assert client.post(users, {f"org_{region.pk}": "40", "version": read + 1}).status_code == 302
    stale = client.post(users, {f"org_{region.pk}": "41", "version": read + 1})
    assert stale.status_code == 400
    assert "Posten har ändrats av någon annan" in stale.content.decode()
    assert list(gits_line.user_counts.values_list("users", flat=True)) == [40]

    header = auth_header(lead_user)
    body = [{"organisation_id": region.pk, "users": 42}]
    refused = client.put(
        f"{API}/lines/{gits_line.pk}/users?version={read}",
        body,
        content_type="application/json",
        headers=header,
    )
    assert refused.status_code == 409
    ok = client.put(
        f"{API}/lines/{gits_line.pk}/users?version={read + 2}",
        body,
        content_type="application/json",
        headers=header,
    )
    assert ok.status_code == 200 and ok.json()["version"] == read + 3
    stale = client.put(
        f"{API}/lines/{gits_line.pk}/categories?version={read}",
        [{"category": "salaries", "budget": "5"}],
        content_type="application/json",
        headers=header,
    )
    assert stale.status_code == 409
    assert LineCategory.objects.get().budget == D("100.00")
