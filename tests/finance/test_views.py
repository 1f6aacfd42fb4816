"""The pages: thin views over the same services; list pages have query bounds that do not
grow with the data."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from gits.finance import services
from gits.finance.models import Budget, BudgetLine, Financier, Invoice
from tests.factories import PASSWORD
from tests.finance.test_exports import seed_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(client, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    return client


@pytest.fixture
def contact_client(client, contact_user):
    client.login(username=contact_user.username, password=PASSWORD)
    return client


def test_pages_need_sign_in(client, defaults):
    response = client.get("/ekonomi/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_demo_pages_render_with_seed_flags(demo, contact_client):
    page = contact_client.get("/ekonomi/budget/2024/").content.decode()
    assert "2 rader balanserar inte" in page
    assert "Saknar finansiering" in page and "Finansiering utan belopp" in page
    assert "IoT projektledare (VGR)" in page  # explanation of the 15 280 000 in the TOTALT row
    assert 'role="img"' in page and '<title id="chart-objects-title">' in page
    for url in [
        "/ekonomi/",
        "/ekonomi/budget/2026/",
        "/ekonomi/budget/2026/fordelning/",
        "/ekonomi/fakturor/",
        "/ekonomi/finansiarer/",
        "/ekonomi/per-invanare/?rate=6&reference_date=2024-12-31&accept_earlier=on",
        "/ekonomi/scenarier/",
        "/ekonomi/per-part/",
        "/ekonomi/parter/",
        "/ekonomi/finansieringsplan/",
        "/ekonomi/budget/2026/kostnadsslag/",
    ]:
        assert contact_client.get(url).status_code == 200, url
    invoice = Invoice.objects.get(kind="quarterly")
    assert contact_client.get(f"/ekonomi/fakturor/{invoice.pk}/").status_code == 200
    assert contact_client.get(f"/ekonomi/fakturor/{invoice.pk}/faktura.pdf").content.startswith(
        b"%PDF"
    )
    assert contact_client.get(f"/ekonomi/fakturor/{invoice.pk}/peppol.xml").status_code == 200
    assert contact_client.get("/ekonomi/sie/2026/").content.startswith(b"#FLAGGA 0")
    assert contact_client.get("/ekonomi/budget/2024/excel/").status_code == 200
    levy = contact_client.get(
        "/ekonomi/per-invanare/?rate=6&reference_date=2024-12-31"
    ).content.decode()
    assert "Stenungsund" in levy  # refused, naming the municipalities
    levy = contact_client.get(
        "/ekonomi/per-invanare/?rate=6&reference_date=2024-12-31&accept_earlier=on"
    ).content.decode()
    # Inhabitants as Swedes write them, in the sum, the rows and the lead.
    assert re.search(r'<tfoot>.*<td class="num">\d{1,3}(\xa0\d{3})+</td>', levy, re.S)
    assert re.search(r"6,00\xa0kr × \d{1,3}(\xa0\d{3})+ invånare", levy)


def test_contact_may_read_but_not_change(demo, contact_client):
    page = contact_client.get("/ekonomi/budget/2026/").content.decode()
    assert "Ny budgetrad" not in page
    response = contact_client.post(
        "/ekonomi/budget/2026/rader/ny/",
        {"name": "X", "spread_method": "equal", "vat_category": "O"},
    )
    assert "behörighet" in response.content.decode()
    assert not BudgetLine.objects.filter(name="X").exists()


def test_enter_unbalanced_line_see_flag_fix_it(budget_2026, lead_client):
    vgr = Financier.objects.get(name="VGR")
    data = {
        "name": "SAMSA",
        "amount": "1 000 000",
        "spread_method": "equal",
        "vat_category": "O",
        f"share_{vgr.pk}": "900 000",
    }
    response = lead_client.post("/ekonomi/budget/2026/rader/ny/", data, follow=True)
    page = response.content.decode()
    assert "balanserar inte" in page and "100\u00a0000,00\u00a0kr lägre" in page
    line = BudgetLine.objects.get(name="SAMSA")
    data.update({f"share_{vgr.pk}": "1 000 000", "version": line.version})
    page = lead_client.post(f"/ekonomi/rader/{line.pk}/andra/", data, follow=True).content.decode()
    assert "Raden SAMSA är sparad." in page and "rader balanserar inte" not in page


def test_stale_form_shows_the_conflict_beside_the_field(budget_2026, lead_client, lead_user):
    line = BudgetLine.objects.get()
    services.line_update(actor=lead_user, line=line, version=1, note="först")
    response = lead_client.post(
        f"/ekonomi/rader/{line.pk}/andra/",
        {
            "name": "GITS",
            "amount": "3000000,01",
            "spread_method": "per_capita",
            "vat_category": "O",
            "joint_function": "on",
            "version": 1,
        },
    )
    assert "har ändrats av någon annan" in response.content.decode()


def test_invoice_run_and_credit_through_the_pages(budget_2026, lead_client):
    page = lead_client.post(
        "/ekonomi/fakturor/kor/", {"year": 2026, "quarter": 1}, follow=True
    ).content.decode()
    assert "är utfärdad för kvartal 1 2026" in page
    again = lead_client.post(
        "/ekonomi/fakturor/kor/", {"year": 2026, "quarter": 1}, follow=True
    ).content.decode()
    assert "redan fakturerat" in again and Invoice.objects.count() == 1
    future = lead_client.post("/ekonomi/fakturor/kor/", {"year": 2030, "quarter": 1})
    assert future.status_code == 400 and "ingen budget" in future.content.decode()
    invoice = Invoice.objects.get()
    page = lead_client.post(
        f"/ekonomi/fakturor/{invoice.pk}/kreditera/", {"reason": "Fel"}, follow=True
    ).content.decode()
    assert "krediterar" in page.lower() and Invoice.objects.filter(kind="credit").count() == 1


def test_budget_import_page_all_or_nothing(financiers, lead_client):
    bad = SimpleUploadedFile("b.xlsx", seed_workbook([["A", "x", None, None, None, None, None]]))
    response = lead_client.post("/ekonomi/budget/import/", {"year": 2024, "file": bad})
    page = response.content.decode()
    assert "inget importerades" in page.lower() and "rad 3, kolumn B" in page
    assert not Budget.objects.filter(year=2024).exists()
    good = SimpleUploadedFile("b.xlsx", seed_workbook())
    response = lead_client.post(
        "/ekonomi/budget/import/", {"year": 2024, "file": good}, follow=True
    )
    assert "importerad med 9 rader" in response.content.decode()


def _more_budgets(lead_user, financiers, n):
    for year in range(2040, 2040 + n):
        budget = services.budget_create(actor=lead_user, year=year)
        for i in range(3):
            services.line_create(
                actor=lead_user,
                budget=budget,
                name=f"L{i}",
                amount=Decimal("10"),
                shares={financiers["VGR"]: Decimal("5")},
            )


def test_list_pages_have_query_bounds(
    financiers, lead_user, lead_client, django_assert_max_num_queries
):
    _more_budgets(lead_user, financiers, 1)
    for url in ("/ekonomi/", "/ekonomi/budget/2040/", "/ekonomi/fakturor/"):
        with django_assert_max_num_queries(16):
            assert lead_client.get(url).status_code == 200
    for year in range(2041, 2046):
        budget = services.budget_create(actor=lead_user, year=year)
        for i in range(8):
            services.line_create(
                actor=lead_user,
                budget=budget,
                name=f"L{i}",
                amount=Decimal("10"),
                shares={financiers["VGR"]: Decimal("5")},
            )
    for url in ("/ekonomi/", "/ekonomi/budget/2045/", "/ekonomi/fakturor/"):
        with django_assert_max_num_queries(16):
            assert lead_client.get(url).status_code == 200


def test_invoice_list_query_bound_does_not_grow(
    budget_2026, lead_user, lead_client, django_assert_max_num_queries
):
    for q in (1, 2, 3):
        services.invoice_run(actor=lead_user, year=2026, quarter=q, today=dt.date(2026, 10, 15))
    for invoice in list(Invoice.objects.all())[:2]:
        services.invoice_credit(
            actor=lead_user, invoice=invoice, reason="x", today=dt.date(2026, 10, 15)
        )
    with django_assert_max_num_queries(12):
        assert lead_client.get("/ekonomi/fakturor/").status_code == 200


def test_demo_is_idempotent(demo):
    counts = (Budget.objects.count(), BudgetLine.objects.count(), Invoice.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Budget.objects.count(), BudgetLine.objects.count(), Invoice.objects.count()) == counts
    assert counts == (3, 18, 50)  # the first quarter of 2026 and a levy to 49 municipalities
