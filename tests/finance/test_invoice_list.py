"""The invoice list a page at a time (issue 15): every invoice is reachable through page
links that keep the address's other parameters, each row's status is right on any page, and
a page costs the same number of queries however many invoices there are."""

import datetime as dt

import pytest

from gits.finance import services
from gits.finance.models import Invoice
from gits.finance.selectors import invoices as invoice_selectors
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 15)


@pytest.fixture
def issued(budget_2026, lead_user):
    """Three quarterly invoices and a credit note of the first: four documents, the credit
    note the newest."""
    for q in (1, 2, 3):
        services.invoice_run(actor=lead_user, year=2026, quarter=q, today=TODAY)
    first = Invoice.objects.get(kind=Invoice.Kind.QUARTERLY, quarter=1)
    credit = services.invoice_credit(actor=lead_user, invoice=first, reason="Fel", today=TODAY)
    return first, credit


@pytest.fixture
def lead_client(client, lead_user):
    client.login(username=lead_user.username, password=PASSWORD)
    return client


def _numbers(html: str) -> list[str]:
    return [n for n in Invoice.objects.values_list("number", flat=True) if f">{n}</a>" in html]


def test_a_page_shows_fifty_invoices(issued, lead_client):
    response = lead_client.get("/ekonomi/fakturor/")
    assert response.context["page_obj"].paginator.per_page == 50
    assert len(_numbers(response.content.decode())) == 4
    assert 'class="pagination"' not in response.content.decode()
    # One heading above the section's navigation.
    assert response.content.decode().count("<h1>Fakturor</h1>") == 1


def test_page_links_keep_the_address_and_reach_every_invoice(
    issued, lead_client, monkeypatch, django_assert_max_num_queries
):
    first, credit = issued
    monkeypatch.setattr(invoice_selectors, "INVOICE_PAGE_SIZE", 3)
    page1 = lead_client.get("/ekonomi/fakturor/?ar=2026&kvartal=3").content.decode()
    assert "Sida 1 av 2" in page1
    assert 'href="?ar=2026&amp;kvartal=3&amp;sida=2"' in page1
    # The quarter named in the address is still the one the run form proposes.
    assert '<option value="3" selected>' in page1[page1.index('id="run-heading"') :]
    with django_assert_max_num_queries(12):
        page2 = lead_client.get("/ekonomi/fakturor/?ar=2026&kvartal=3&sida=2").content.decode()
    assert 'href="?ar=2026&amp;kvartal=3&amp;sida=1"' in page2
    # Newest first: the credit note and Q3, Q2 on the first page, Q1 on the second.
    assert set(_numbers(page1)) == set(
        Invoice.objects.exclude(pk=first.pk).values_list("number", flat=True)
    )
    assert _numbers(page2) == [first.number]
    # Each row's status, whichever page it is on.
    assert f"Krediterar {first.number}" in page1
    assert f"Krediterad ({credit.number})" in page2
    assert page1.count("Utfärdad<") == 2


def test_a_page_past_the_end_shows_the_last(issued, lead_client, monkeypatch):
    monkeypatch.setattr(invoice_selectors, "INVOICE_PAGE_SIZE", 3)
    response = lead_client.get("/ekonomi/fakturor/?sida=99")
    assert response.status_code == 200
    assert "Sida 2 av 2" in response.content.decode()
    assert lead_client.get("/ekonomi/fakturor/?sida=x").status_code == 200


def test_the_list_and_the_api_filter_on_number_year_kind_and_buyer(
    issued, lead_client, lead_user, auth_header
):
    first, credit = issued
    buyer = first.buyer_id

    def shown(query: str) -> list[str]:
        return sorted(_numbers(lead_client.get("/ekonomi/fakturor/" + query).content.decode()))

    def listed(**params) -> list[str]:
        response = lead_client.get(
            "/api/v1/finance/invoices", params, headers=auth_header(lead_user)
        )
        assert response.status_code == 200
        return sorted(i["number"] for i in response.json())

    everything = sorted(Invoice.objects.values_list("number", flat=True))
    assert shown("") == everything and listed() == everything
    assert shown("?typ=credit") == [credit.number] == listed(kind="credit")
    tail = str(credit.serial)
    assert shown(f"?nummer={tail}") == [credit.number] == listed(number=tail)
    assert shown(f"?part={buyer}&period=2026") == everything
    assert listed(buyer_id=buyer, year=2026) == everything
    assert shown("?period=2025") == [] == listed(year=2025)
    assert (
        "Inga fakturor matchar sökningen."
        in lead_client.get("/ekonomi/fakturor/?period=2025").content.decode()
    )
    # A value that is none of the choices is no filter, not an error.
    assert shown("?typ=nonsense&part=abc&period=99999") == everything
    assert lead_client.get(
        "/api/v1/finance/invoices", {"kind": "nonsense"}, headers=auth_header(lead_user)
    ).status_code in (400, 422)
