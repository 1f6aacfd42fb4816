"""The invoice page proposes the quarter to invoice (R-25): the last quarter that has ended and
is not yet invoiced, so the secretary's usual run is one click."""

import datetime as dt
import re

import pytest

from gits.finance import services
from gits.finance.views.invoices import quarter_to_invoice
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
AFTER_Q3 = dt.date(2026, 10, 15)


def run(user, quarter, year=2026):
    return services.invoice_run(actor=user, year=year, quarter=quarter, today=AFTER_Q3)


def test_the_last_ended_quarter_when_nothing_is_invoiced(budget_2026):
    assert quarter_to_invoice(AFTER_Q3, {2026}) == (2026, 3)


def test_an_invoiced_quarter_is_passed_over(budget_2026, lead_user):
    run(lead_user, 3)
    assert quarter_to_invoice(AFTER_Q3, {2026}) == (2026, 2)
    run(lead_user, 2)
    run(lead_user, 1)
    # Everything invoiced: the last ended quarter, which the run reports as already invoiced.
    assert quarter_to_invoice(AFTER_Q3, {2026}) == (2026, 3)


def test_a_credited_quarter_is_to_be_invoiced_again(budget_2026, lead_user):
    invoice = run(lead_user, 3).created[0]
    services.invoice_credit(actor=lead_user, invoice=invoice, reason="Fel belopp", today=AFTER_Q3)
    assert quarter_to_invoice(AFTER_Q3, {2026}) == (2026, 3)


def test_a_year_without_a_budget_is_passed_over():
    # In February the last ended quarter is Q4 of last year; it has no budget, 2025 Q1 has none
    # either: nothing to propose, so the last ended quarter.
    assert quarter_to_invoice(dt.date(2026, 2, 10), {2026}) == (2025, 4)
    assert quarter_to_invoice(dt.date(2026, 2, 10), {2024}) == (2024, 4)


def test_the_page_preselects_the_quarter(budget_2026, lead_user, client):
    run(lead_user, 3)
    client.login(username=lead_user.username, password=PASSWORD)
    html = client.get("/ekonomi/fakturor/").content.decode()
    year, quarter = quarter_to_invoice(dt.date.today(), {2026})
    form = html[html.index('id="run-heading"') :]
    assert re.search(rf'name="year" value="{year}"', form)
    assert re.search(rf'<option value="{quarter}" selected>', form)
    # The settlement form's year is a field of its own: one id per field on the page.
    assert html.count('id="id_year"') == 1 and html.count('id="settle_year"') == 1


def test_the_start_page_link_names_the_quarter(budget_2026, lead_user, client):
    client.login(username=lead_user.username, password=PASSWORD)
    html = client.get("/ekonomi/fakturor/?ar=2025&kvartal=4").content.decode()
    form = html[html.index('id="run-heading"') :]
    assert 'name="year" value="2025"' in form and '<option value="4" selected>' in form
    # Nonsense in the address is ignored: the page proposes its own quarter.
    year, quarter = quarter_to_invoice(dt.date.today(), {2026})
    response = client.get("/ekonomi/fakturor/?ar=tjugo&kvartal=9")
    assert response.status_code == 200
    form = response.content.decode()[response.content.decode().index('id="run-heading"') :]
    assert f'name="year" value="{year}"' in form and f'<option value="{quarter}" selected>' in form


def test_issuing_asks_first_and_says_what_follows(budget_2026, lead_user, client):
    """Issuing an invoice cannot be undone (issue 13): the run form leads to a confirmation
    that says what follows; only its POST issues the invoice."""
    from gits.finance.models import Invoice

    client.login(username=lead_user.username, password=PASSWORD)
    page = client.get("/ekonomi/fakturor/kor/?year=2026&quarter=2")
    html = page.content.decode()
    assert page.status_code == 200 and "Det här händer" in html and "kreditnota" in html
    assert "Ja, utfärda fakturan" in html
    assert not Invoice.objects.filter(year=2026, quarter=2).exists()
    # A wrong quarter in the address is shown beside the field, nothing issued.
    assert client.get("/ekonomi/fakturor/kor/?year=2026&quarter=7").status_code == 400
    client.post("/ekonomi/fakturor/kor/", {"year": 2026, "quarter": 2})
    invoice = Invoice.objects.get(year=2026, quarter=2)
    # Asked again, the page says the quarter is invoiced and offers no new run.
    again = client.get("/ekonomi/fakturor/kor/?year=2026&quarter=2").content.decode()
    assert invoice.number in again and "Ja, utfärda fakturan" not in again
