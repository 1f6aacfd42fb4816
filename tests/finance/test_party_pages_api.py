"""Invoicing each party and the settings per party through the pages (with the progress
indicator), the API (JSON errors {detail, field, code}) and the command line."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from gits.finance import services
from gits.finance.models import Invoice, PartyRun, PartySettings
from gits.organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = Decimal
API = "/api/v1/finance"


@pytest.fixture
def region(defaults):
    return Organisation.objects.get(kind=Organisation.Kind.REGION)


@pytest.fixture
def payable(region, lead_user):
    return services.party_settings_save(actor=lead_user, organisation=region, bankgiro="9900-0002")


LEVY = {
    "title": "Bibblix",
    "rate": "2,50",
    "year": "2026",
    "quarter": "0",
    "reference_date": "2024-12-31",
    "accept_earlier": "on",
    "vat_category": "O",
    "vat_rate": "0",
}


def test_runs_page_asks_first_and_the_confirmation_has_a_progress_indicator(
    client, payable, lead_user
):
    """The run forms lead (GET) to a confirmation that says what follows (issue 13); its
    button, the one that issues, shows the progress of the long run."""
    client.force_login(lead_user)
    page = client.get("/ekonomi/per-part/").content.decode()
    assert 'method="get" action="/ekonomi/per-part/avgift/"' in page
    confirm = client.get("/ekonomi/per-part/avgift/", LEVY)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert 'data-progress="confirm-progress"' in html and 'id="confirm-progress"' in html
    assert "<progress" in html and 'method="post" action="/ekonomi/per-part/avgift/"' in html
    assert "49 fakturor skapas" in html and "bara krediteras" in html
    # municipalities without a figure for the date get the latest earlier one, named here
    assert "Folkmängden per 2024-12-31 saknas för" in html and "tidigare siffror används" in html
    assert not PartyRun.objects.exists() and not Invoice.objects.exists()


def test_levy_from_the_page_invoices_each_municipality_and_shows_the_run(
    client, payable, lead_user
):
    client.force_login(lead_user)
    response = client.post("/ekonomi/per-part/avgift/", LEVY)
    run = PartyRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ekonomi/per-part/{run.pk}/"
    assert Invoice.objects.filter(run=run).count() == 49
    page = client.get(response["Location"]).content.decode()
    assert "49 av 49 utfärdade" in page and "folkmängd 2024-12-31" in page
    invoice = Invoice.objects.filter(run=run).first()
    detail = client.get(f"/ekonomi/fakturor/{invoice.pk}/").content.decode()
    assert "OCR-nummer" in detail and invoice.payment_reference in detail
    assert "Utanför momsens tillämpningsområde" in detail and "9900-0002" in detail


def test_a_refused_run_is_shown_beside_its_field(client, payable, lead_user):
    client.force_login(lead_user)
    response = client.post("/ekonomi/per-part/avgift/", {**LEVY, "accept_earlier": ""})
    assert response.status_code == 400
    assert "Folkmängd per 2024-12-31 saknas" in response.content.decode()
    assert not PartyRun.objects.exists()


def test_an_interrupted_run_offers_to_resume(client, payable, lead_user, monkeypatch):
    from gits.finance.services import invoicing

    real = invoicing._issue_many
    calls = {"n": 0}

    def flaky(drafts, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("avbrott")
        return real(drafts, **kwargs)

    monkeypatch.setattr("gits.finance.services.parties.BATCH", 1)  # a party a transaction
    monkeypatch.setattr("gits.finance.services.parties._issue_many", flaky)
    with pytest.raises(RuntimeError):
        services.levy_run(
            actor=lead_user,
            title="Bibblix",
            rate=D("1"),
            year=2026,
            reference_date=dt.date(2024, 12, 31),
            accept_earlier=True,
        )
    monkeypatch.undo()
    run = PartyRun.objects.get()
    client.force_login(lead_user)
    page = client.get(f"/ekonomi/per-part/{run.pk}/").content.decode()
    assert "47 parter saknar faktura" in page
    response = client.post(f"/ekonomi/per-part/{run.pk}/fortsatt/")
    assert response.status_code == 302 and Invoice.objects.filter(run=run).count() == 49


def test_settings_pages_need_the_right_and_save(client, region, lead_user, contact_user):
    client.force_login(contact_user)
    assert client.get("/ekonomi/parter/").status_code == 200
    assert client.get(f"/ekonomi/parter/{region.pk}/").status_code == 302
    client.force_login(lead_user)
    form = client.get(f"/ekonomi/parter/{region.pk}/").content.decode()
    assert 'value="1510"' in form and 'value="F"' in form
    data = {
        "bankgiro": "9900-0002",
        "use_ocr": "on",
        "ocr_length_digit": "on",
        "payment_days": "30",
        "receivable_account": "1510",
        "income_account": "3990",
        "vat_account": "2611",
        "voucher_series": "GF",
    }
    assert client.post(f"/ekonomi/parter/{region.pk}/", data).status_code == 302
    assert PartySettings.objects.get().voucher_series == "GF"
    bad = client.post(
        f"/ekonomi/parter/{region.pk}/",
        {**data, "bankgiro": "9900-0003", "version": PartySettings.objects.get().version},
    )
    assert bad.status_code == 400 and "bankgironummer" in bad.content.decode()


def test_api_settings_and_levy_run(client, region, lead_user, contact_user, auth_header):
    headers = auth_header(lead_user)
    url = f"{API}/parties/{region.pk}/settings"
    created = client.put(
        url, {"bankgiro": "99000002"}, content_type="application/json", headers=headers
    )
    assert created.status_code == 201 and created.json()["bankgiro"] == "9900-0002"
    stale = client.put(
        url, {"version": 0, "cost_centre": "X"}, content_type="application/json", headers=headers
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    bad = client.put(
        url,
        {"version": created.json()["version"], "iban": "SE00"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 400 and bad.json()["field"] == "iban"
    forbidden = client.put(
        url, {"bankgiro": ""}, content_type="application/json", headers=auth_header(contact_user)
    )
    assert forbidden.status_code == 403
    body = {
        "title": "Bibblix",
        "rate": "2.50",
        "year": 2026,
        "reference_date": "2024-12-31",
        "accept_earlier": True,
    }
    first = client.post(
        f"{API}/party-runs/levy", body, content_type="application/json", headers=headers
    )
    assert first.status_code == 201 and len(first.json()["created"]) == 49
    assert first.json()["created"][0]["payment_reference"]
    again = client.post(
        f"{API}/party-runs/levy", body, content_type="application/json", headers=headers
    )
    assert again.status_code == 200 and len(again.json()["existing"]) == 49
    run = client.get(f"{API}/party-runs/{first.json()['run_id']}", headers=headers).json()
    assert run["issued"] == 49 and run["missing"] == 0
    assert "folkmängd" in run["shares"][0]["basis"]
    refused = client.post(
        f"{API}/party-runs/levy",
        {**body, "accept_earlier": False, "title": "Annat"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400 and refused.json()["field"] == "reference_date"
    parties = client.get(f"{API}/parties", headers=auth_header(contact_user)).json()
    assert len(parties) == 51 and parties[0]["settings"]["bankgiro"] == "9900-0002"


def test_api_share_run_and_payback_reference(
    client, budget_2026, financiers, lead_user, auth_header
):
    services.party_settings_save(
        actor=lead_user,
        organisation=Organisation.objects.get(kind=Organisation.Kind.REGION),
        bankgiro="9900-0002",
    )
    line = budget_2026.lines.get()
    headers = auth_header(lead_user)
    response = client.post(
        f"{API}/party-runs/share",
        {"line_id": line.pk, "quarter": 1},
        content_type="application/json",
        headers=headers,
    )
    # GITS is 50/50 between VGR (the seller) and VästKom: one invoice, VästKom's quarter.
    assert response.status_code == 201
    (invoice,) = response.json()["created"]
    assert invoice["total_amount"] == "375000.00"
    payback = client.post(
        f"{API}/lines/{line.pk}/payback",
        {"amount": "100.00", "reference": "SITIV 2026-12-05 § 3"},
        content_type="application/json",
        headers=headers,
    )
    assert payback.status_code == 201 and payback.json()["created"][0]["total_amount"] == "-50.00"


def test_command_invoices_each_municipality_and_resumes(payable, lead_user, capsys):
    call_command(
        "invoice_parties",
        "--per-invanare",
        "2,00",
        "--title",
        "Bibblix",
        "--year",
        "2026",
        "--population-date",
        "2024-12-31",
        "--accept-earlier",
        "--user",
        lead_user.username,
        "--today",
        "2026-02-16",
        verbosity=0,
    )
    assert "49 nya fakturor, 0 fanns redan" in capsys.readouterr().out
    run = PartyRun.objects.get()
    call_command("invoice_parties", "--resume", str(run.pk), "--user", lead_user.username)
    assert "0 nya fakturor, 49 fanns redan" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="saknas"):
        call_command(
            "invoice_parties",
            "--per-invanare",
            "2",
            "--title",
            "X",
            "--year",
            "2026",
            "--population-date",
            "2024-12-31",
            "--user",
            lead_user.username,
        )


def test_command_pays_a_surplus_back_idempotently(
    budget_2026, financiers, payable, lead_user, capsys
):
    from django.core.management.base import CommandError

    line = budget_2026.lines.get()
    args = ["invoice_parties", "--line", str(line.pk), "--payback", "100,00"]
    more = ["--reference", "SITIV 2026-12-05 § 3", "--user", lead_user.username]
    call_command(*args, *more, "--today", "2026-12-10", verbosity=0)
    # GITS is 50/50 between VGR (the seller, keeps its half) and VästKom: one payback.
    assert "1 nya fakturor, 0 fanns redan" in capsys.readouterr().out
    (payback,) = Invoice.objects.filter(kind="payback")
    assert payback.total_amount == D("-50.00") and payback.run.reference == "SITIV 2026-12-05 § 3"
    call_command(*args, *more, "--today", "2026-12-10", verbosity=0)
    assert "0 nya fakturor, 1 fanns redan" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--line"):
        call_command("invoice_parties", "--payback", "100", "--per-invanare", "1", *more[2:])
    with pytest.raises(CommandError, match="annat belopp"):
        call_command(
            "invoice_parties", "--line", str(line.pk), "--payback", "90", *more, verbosity=0
        )


def test_run_page_shows_the_runs_own_history_not_every_invoice(client, payable, lead_user):
    client.force_login(lead_user)
    response = client.post("/ekonomi/per-part/avgift/", LEVY)
    page = client.get(response["Location"]).content.decode()
    # 49 invoices, each with its own entry on its own page; the run shows its start only.
    assert page.count("Fakturering per part startad") == 1
    assert page.count("Faktura utfärdad") == 0
    assert "Varje fakturas egen historik visas på fakturan." in page
    # the data set holds few municipalities' organisation numbers (none is made up): the
    # page says which parties cannot get an e-invoice
    without = Organisation.objects.filter(kind="municipality", org_number="").count()
    assert without and f"{without} parter som saknar organisationsnummer" in page
    assert "Ale, Alingsås" in page


def test_invoice_page_says_why_there_is_no_e_invoice_without_organisation_number(
    client, payable, lead_user
):
    client.force_login(lead_user)
    client.post("/ekonomi/per-part/avgift/", LEVY)
    ale = Invoice.objects.get(buyer__name="Ale")
    page = client.get(f"/ekonomi/fakturor/{ale.pk}/").content.decode()
    assert "Ale (organisationsnummer saknas)" in page
    assert f"/ekonomi/fakturor/{ale.pk}/peppol.xml" not in page
    assert "kan skapas när både fakturerande och fakturerad part har organisationsnummer" in page
    # asked for anyway: back to the invoice with the reason, naming the party
    response = client.get(f"/ekonomi/fakturor/{ale.pk}/peppol.xml", follow=True)
    assert "Ale saknar organisationsnummer" in response.content.decode()
    assert "Underlag: Underlag" not in page
