"""Issuing cannot be undone (issue 13, R-25, R-26): every button that issues invoices (a run
to each party, a payback, the settlement, a credit note) leads to a confirmation that says
what follows; the GET changes nothing, the POST issues, and a user without the right gets no
button and a refusal."""

import datetime as dt
from decimal import Decimal

import pytest

from gits.finance import services
from gits.finance.models import Invoice, PartyRun
from tests.finance.conftest import YEAR_END_2024

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(budget_2026, financiers):
    """A line the municipalities finance, spread across them per capita."""
    return services.line_create(
        actor=None,
        budget=budget_2026,
        check_right=False,
        name="Bibblix",
        amount=Decimal("49000"),
        shares={financiers["Kommuner"]: Decimal("49000")},
        population_date=YEAR_END_2024,
        accept_earlier=True,
    )


@pytest.fixture
def issued(budget_2026, lead_user):
    return services.invoice_run(
        actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 15)
    ).created[0]


def test_share_run_asks_first_then_issues(client, line, lead_user):
    client.force_login(lead_user)
    form = client.get("/ekonomi/per-part/").content.decode()
    assert 'method="get" action="/ekonomi/per-part/andel/"' in form
    query = {"line": line.pk, "quarter": "1", "reference": "SITIV 2026/3"}
    page = client.get("/ekonomi/per-part/andel/", query)
    html = page.content.decode()
    assert page.status_code == 200 and "Fakturera varje part: Bibblix 2026" in html
    assert "49 fakturor skapas för kvartal 1 2026" in html and "bara krediteras" in html
    assert 'name="reference" value="SITIV 2026/3"' in html and "Avbryt" in html
    assert not PartyRun.objects.exists() and not Invoice.objects.exists()
    response = client.post("/ekonomi/per-part/andel/", query)
    assert response.status_code == 302 and Invoice.objects.filter(kind="share").count() == 49


def test_a_refused_plan_is_shown_beside_the_form_before_asking(client, defaults, lead_user):
    client.force_login(lead_user)
    levy = {
        "title": "Bibblix",
        "rate": "2,50",
        "year": "2026",
        "quarter": "0",
        "reference_date": "2024-12-31",
        "vat_category": "O",
        "vat_rate": "0",
    }
    response = client.get("/ekonomi/per-part/avgift/", levy)  # no earlier figures accepted
    assert response.status_code == 400
    assert "Folkmängd per 2024-12-31 saknas" in response.content.decode()
    response = client.get("/ekonomi/per-part/avgift/", {**levy, "rate": "tre"})
    assert response.status_code == 400 and not PartyRun.objects.exists()


def test_payback_asks_first_then_pays_back(client, line, lead_user):
    client.force_login(lead_user)
    split = client.get(f"/ekonomi/rader/{line.pk}/fordelning/").content.decode()
    assert f'method="get" action="/ekonomi/rader/{line.pk}/aterbetalning/"' in split
    query = {"amount": "1000", "reference": "SITIV 2026-12-05 § 3"}
    page = client.get(f"/ekonomi/rader/{line.pk}/aterbetalning/", query)
    html = page.content.decode()
    assert page.status_code == 200 and "Betala tillbaka överskott: Bibblix 2026" in html
    assert "återbetalningar (fakturor med negativt belopp) skapas" in html
    assert "Ja, utfärda återbetalningarna" in html and not Invoice.objects.exists()
    client.post(f"/ekonomi/rader/{line.pk}/aterbetalning/", query)
    assert Invoice.objects.filter(kind="payback").exists()
    # a wrong amount goes back to the line with the reason, nothing asked
    wrong = client.get(f"/ekonomi/rader/{line.pk}/aterbetalning/", {"amount": "x"})
    assert wrong.status_code == 302 and wrong["Location"] == f"/ekonomi/rader/{line.pk}/fordelning/"


def test_resuming_a_run_asks_first(client, line, lead_user, monkeypatch):
    from gits.finance.services import invoicing

    real = invoicing._issue_many
    calls = {"n": 0}

    def flaky(drafts, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("avbrott")
        return real(drafts, **kwargs)

    monkeypatch.setattr("gits.finance.services.parties.BATCH", 1)  # a party a transaction
    monkeypatch.setattr("gits.finance.services.parties._issue_many", flaky)
    with pytest.raises(RuntimeError):
        services.share_run(actor=lead_user, line=line)
    monkeypatch.undo()
    run = PartyRun.objects.get()
    client.force_login(lead_user)
    assert f'href="/ekonomi/per-part/{run.pk}/fortsatt/"' in (
        client.get(f"/ekonomi/per-part/{run.pk}/").content.decode()
    )
    html = client.get(f"/ekonomi/per-part/{run.pk}/fortsatt/").content.decode()
    assert "48 fakturor skapas och får fakturanummer" in html
    assert Invoice.objects.filter(run=run).count() == 1
    client.post(f"/ekonomi/per-part/{run.pk}/fortsatt/")
    assert Invoice.objects.filter(run=run).count() == 49
    done = client.get(f"/ekonomi/per-part/{run.pk}/fortsatt/").content.decode()
    assert "Varje part har redan sin faktura" in done and "Ja, utfärda" not in done


def test_settlement_asks_first(client, issued, lead_user):
    client.force_login(lead_user)
    form = client.get("/ekonomi/fakturor/").content.decode()
    assert 'method="get" action="/ekonomi/fakturor/avrakning/"' in form
    page = client.get("/ekonomi/fakturor/avrakning/", {"year": 2026})
    html = page.content.decode()
    assert page.status_code == 200 and "Avräkna 2026" in html
    assert "efter antal användare" in html and "Ja, utfärda avräkningen" in html
    assert not Invoice.objects.filter(kind="settlement").exists()
    missing = client.get("/ekonomi/fakturor/avrakning/", {"year": 2031})
    assert missing.status_code == 400 and "ingen budget för 2031" in missing.content.decode()


def test_crediting_asks_first_then_credits(client, issued, lead_user):
    client.force_login(lead_user)
    detail = client.get(f"/ekonomi/fakturor/{issued.pk}/").content.decode()
    assert f'method="get" action="/ekonomi/fakturor/{issued.pk}/kreditera/"' in detail
    url = f"/ekonomi/fakturor/{issued.pk}/kreditera/"
    page = client.get(url, {"reason": "Fel belopp"})
    html = page.content.decode()
    assert page.status_code == 200 and f"Kreditera faktura {issued.number}" in html
    assert "En kreditnota med nästa nummer" in html and "”Fel belopp”" in html
    assert 'name="reason" value="Fel belopp"' in html
    assert not Invoice.objects.filter(kind="credit").exists()
    assert client.get(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Fel belopp"})
    assert Invoice.objects.filter(kind="credit", credited_invoice=issued).count() == 1
    again = client.get(url, {"reason": "Igen"}).content.decode()
    assert "redan krediterad" in again and "Ja, utfärda kreditnotan" not in again


def test_without_the_right_no_button_and_a_refusal(client, issued, line, contact_user):
    client.force_login(contact_user)
    for page, action in (
        ("/ekonomi/per-part/", "/ekonomi/per-part/andel/"),
        ("/ekonomi/fakturor/", "/ekonomi/fakturor/avrakning/"),
        (f"/ekonomi/fakturor/{issued.pk}/", f"/ekonomi/fakturor/{issued.pk}/kreditera/"),
        (f"/ekonomi/rader/{line.pk}/fordelning/", f"/ekonomi/rader/{line.pk}/aterbetalning/"),
    ):
        html = client.get(page).content.decode()
        assert page and f'action="{action}"' not in html
    assert (
        client.get("/ekonomi/per-part/andel/", {"line": line.pk, "quarter": "0"}).status_code == 403
    )
    assert client.get("/ekonomi/fakturor/avrakning/", {"year": 2026}).status_code == 403
    url = f"/ekonomi/fakturor/{issued.pk}/kreditera/"
    assert client.get(url, {"reason": "x"}).status_code == 403
    assert client.get("/ekonomi/fakturor/kor/", {"year": 2026, "quarter": 2}).status_code == 403
    assert (
        client.get(f"/ekonomi/rader/{line.pk}/aterbetalning/", {"amount": "1"}).status_code == 403
    )
    client.post(url, {"reason": "x"})
    assert not Invoice.objects.filter(kind="credit").exists()
