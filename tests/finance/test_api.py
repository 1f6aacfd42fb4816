"""The API: same services, rules and rights as the pages (401, 403, 400 with field, 409)."""

import datetime as dt
from decimal import Decimal

import pytest

from gits.core.models import AuditEntry
from gits.finance.models import BudgetLine, Financier, Invoice

pytestmark = pytest.mark.django_db
API = "/api/v1/finance"


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def test_reads_need_a_token_and_the_right(client, budget_2026, make_user, auth_header):
    assert client.get(f"{API}/budgets/2026").status_code == 401
    nobody = make_user(None, username="utan-roll")
    assert client.get(f"{API}/budgets/2026", headers=auth_header(nobody)).status_code == 403


def test_budget_detail_has_flags_and_computed_totals(
    client, budget_2026, contact_user, auth_header, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        data = client.get(f"{API}/budgets/2026", headers=auth_header(contact_user)).json()
    assert data["amount_total"] == "3000000.01" and data["financing_total"] == "3000000.01"
    assert data["lines"][0]["problem"] == "" and data["flagged"] == 0
    assert {t["name"]: t["amount"] for t in data["totals"]}["VGR"] == "1500000.01"


def test_write_needs_the_right_and_writes_nothing(client, budget_2026, contact_user, auth_header):
    headers = auth_header(contact_user)
    entries = AuditEntry.objects.count()
    response = post(client, f"{API}/budgets/2026/lines", {"name": "X", "amount": "1.00"}, headers)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert (
        AuditEntry.objects.count() == entries and not BudgetLine.objects.filter(name="X").exists()
    )


def test_unbalanced_line_then_fixed_with_version_and_stale_is_409(
    client, budget_2026, lead_user, auth_header
):
    headers = auth_header(lead_user)
    vgr = Financier.objects.get(name="VGR").pk
    response = post(
        client,
        f"{API}/budgets/2026/lines",
        {
            "name": "SAMSA",
            "amount": "1000.00",
            "shares": [{"financier_id": vgr, "amount": "900.00"}],
        },
        headers,
    )
    assert response.status_code == 201
    line = response.json()
    detail = client.get(f"{API}/budgets/2026", headers=headers).json()
    row = next(x for x in detail["lines"] if x["id"] == line["id"])
    assert row["difference"] == "100.00" and "lägre" in row["problem"]
    fixed = client.patch(
        f"{API}/lines/{line['id']}",
        {"version": 1, "shares": [{"financier_id": vgr, "amount": "1000.00"}]},
        content_type="application/json",
        headers=headers,
    )
    assert fixed.status_code == 200 and fixed.json()["version"] == 2
    stale = client.patch(
        f"{API}/lines/{line['id']}",
        {"version": 1, "note": "x"},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 409 and stale.json()["field"] == "version"


def test_domain_error_is_400_with_field(client, budget_2026, lead_user, auth_header):
    response = post(
        client,
        f"{API}/budgets/2026/lines",
        {"name": "GITS", "amount": "1.00"},
        auth_header(lead_user),
    )
    assert response.status_code == 400 and response.json()["field"] == "name"
    response = post(
        client, f"{API}/invoice-runs", {"year": 2099, "quarter": 1}, auth_header(lead_user)
    )
    assert response.status_code == 400 and response.json()["field"] == "year"


def test_invoice_run_is_idempotent_and_credit_and_ubl(
    client, budget_2026, lead_user, auth_header, monkeypatch
):
    headers = auth_header(lead_user)
    first = post(client, f"{API}/invoice-runs", {"year": 2026, "quarter": 1}, headers)
    assert first.status_code == 201
    invoice = first.json()["created"][0]
    assert (
        invoice["total_amount"] == "375000.00" and invoice["lines"][0]["net_amount"] == "375000.00"
    )
    second = post(client, f"{API}/invoice-runs", {"year": 2026, "quarter": 1}, headers)
    assert second.status_code == 200 and second.json()["created"] == []
    assert Invoice.objects.count() == 1
    xml = client.get(f"{API}/invoices/{invoice['id']}/ubl", headers=headers)
    assert xml.status_code == 200 and b"urn:fdc:peppol.eu:2017:poacc:billing:3.0" in xml.content
    credit = post(client, f"{API}/invoices/{invoice['id']}/credit", {"reason": "Fel"}, headers)
    assert credit.status_code == 201 and credit.json()["credited_invoice_id"] == invoice["id"]
    assert credit.json()["total_amount"] == "-375000.00"
    sie = client.get(f"{API}/sie/2026", headers=headers)
    assert sie.content.startswith(b"#FLAGGA 0\r\n")


def test_split_and_levy_and_refusal_naming_municipalities(
    client, budget_2026, contact_user, auth_header
):
    headers = auth_header(contact_user)
    line = BudgetLine.objects.get()
    split = client.get(f"{API}/lines/{line.pk}/split", headers=headers).json()
    assert (
        split["total"] == "1500000.00"
        and len(split["rows"]) == 49
        and len(split["substitutes"]) == 5
    )
    refused = client.get(f"{API}/levy", {"reference_date": "2024-12-31"}, headers=headers)
    assert refused.status_code == 400 and "Stenungsund" in refused.json()["detail"]
    levy = client.get(
        f"{API}/levy", {"reference_date": "2024-12-31", "accept_earlier": True}, headers=headers
    ).json()
    assert Decimal(levy["total"]) == 6 * levy["population"]


def test_scenario_comparison(client, defaults, lead_user, auth_header):
    headers = auth_header(lead_user)
    created = post(
        client,
        f"{API}/scenarios",
        {"name": "Översyn", "reference_date": "2024-12-31", "accept_earlier": True},
        headers,
    )
    assert created.status_code == 201
    sid = created.json()["scenario_id"]
    post(
        client,
        f"{API}/scenarios/{sid}/alternatives",
        {"name": "Avveckla", "total_cost": "1000000.01"},
        headers,
    )
    data = post(
        client,
        f"{API}/scenarios/{sid}/alternatives",
        {"name": "Utöka", "total_cost": "5000000"},
        headers,
    ).json()
    first = data["columns"][0]
    assert (first["region"], first["municipalities"]) == ("500000.01", "500000.00")
    assert first["split"]["total"] == "500000.00"


def test_calendar(client, defaults, contact_user, auth_header):
    data = client.get(
        f"{API}/calendar",
        {"today": dt.date(2026, 8, 20).isoformat()},
        headers=auth_header(contact_user),
    ).json()
    assert data["status"] == "soon" and data["deadline"] == "2026-09-01"
