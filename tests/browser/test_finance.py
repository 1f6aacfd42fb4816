import datetime as dt

from playwright.sync_api import expect

from gits.finance.models import BudgetLine, Invoice, PartyRun, Scenario
from gits.finance.views.invoices import quarter_to_invoice
from gits.organisations.models import Organisation
from gits.reviews.models import Review
from tests.browser.conftest import assert_accessible

# The demo's budgets are last year's and this year's (issue 13).
YEAR = dt.date.today().year


def test_unbalanced_line_is_flagged_fixed_and_a_quarter_invoiced(login, page, demo_site):
    login("funktionsledare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ekonomi").click()
    expect(page.get_by_role("heading", name="Ekonomi", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=f"Budget {YEAR} GITS").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny budgetrad").click()
    assert_accessible(page)
    page.get_by_label("Benämning").fill("Testobjekt")
    page.get_by_label("Belopp (kr)", exact=True).fill("1 000 000")
    page.get_by_label("Kommunernas andel fördelas").select_option("equal")
    page.get_by_label("Finansiering från VGR (kr)").fill("600 000")
    page.get_by_label("Finansiering från Kommuner (kr)").fill("300 000")
    page.get_by_role("button", name="Spara raden").click()

    expect(page.get_by_role("status")).to_contain_text("Testobjekt är sparad men balanserar inte")
    row = page.locator("#budget-table tr", has_text="Testobjekt")
    expect(row).to_contain_text("Finansieringen är 100\u00a0000,00\u00a0kr lägre än beloppet")
    expect(page.get_by_role("region", name="1 rad balanserar inte")).to_contain_text("Testobjekt")
    assert_accessible(page)

    row.get_by_role("link", name="Testobjekt", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Finansiering från Kommuner (kr)").fill("400 000")
    page.get_by_role("button", name="Spara raden").click()
    expect(page.get_by_role("status")).to_contain_text("Raden Testobjekt är sparad.")
    expect(page.locator("#budget-table tr", has_text="Testobjekt")).to_contain_text("Balanserar")
    expect(page.get_by_role("region", name="balanserar inte")).to_have_count(0)
    assert_accessible(page)
    line = BudgetLine.objects.get(name="Testobjekt")
    assert line.version == 2 and sum(s.amount for s in line.shares.all()) == line.amount

    page.get_by_role("navigation", name="Ekonomi").get_by_role("link", name="Fakturor").click()
    assert_accessible(page)
    year, quarter = quarter_to_invoice(dt.date.today(), {YEAR - 1, YEAR})
    run = page.get_by_role("region", name="Fakturera ett kvartal")
    run.get_by_label("År").fill(str(year))
    run.get_by_label("Kvartal").select_option(str(quarter))
    run.get_by_role("button", name="Fakturera kvartalet").click()
    # Issuing cannot be undone: the page says what follows and asks first.
    expect(page.get_by_role("heading", name="Det här händer")).to_be_visible()
    assert_accessible(page)
    assert not Invoice.objects.filter(year=year, quarter=quarter).exists()
    page.get_by_role("button", name="Ja, utfärda fakturan").click()
    expect(page.get_by_role("status")).to_contain_text(f"är utfärdad för kvartal {quarter} {year}")
    assert_accessible(page)
    invoice = Invoice.objects.get(year=year, quarter=quarter)
    page.get_by_role("link", name=invoice.number).click()
    expect(page.get_by_role("heading", name=f"Kvartalsfaktura {invoice.number}")).to_be_visible()
    assert_accessible(page)


def test_finance_pages_are_accessible(login, visit, page, demo_site):
    login("funktionsledare")
    line = BudgetLine.objects.get(budget__year=YEAR, name="SAMSA")
    invoice = Invoice.objects.get(kind="quarterly")
    run = PartyRun.objects.get()
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    for path in [
        "/ekonomi/budget/2024/",
        f"/ekonomi/budget/{YEAR}/fordelning/",
        f"/ekonomi/rader/{line.pk}/fordelning/",
        f"/ekonomi/rader/{line.pk}/anvandare/",
        "/ekonomi/per-invanare/?rate=6&reference_date=2024-12-31&accept_earlier=on",
        "/ekonomi/finansiarer/",
        "/ekonomi/scenarier/",
        f"/ekonomi/scenarier/{Scenario.objects.get().pk}/",
        f"/ekonomi/kommuner/{Organisation.objects.get(scb_code='1480').pk}/",
        "/ekonomi/budget/import/",
        f"/ekonomi/fakturor/{invoice.pk}/",
        "/ekonomi/per-part/",
        f"/ekonomi/per-part/{run.pk}/",
        f"/ekonomi/fakturor/{run.invoices.first().pk}/",
        "/ekonomi/parter/",
        f"/ekonomi/parter/{region.pk}/",
        "/ekonomi/finansieringsplan/",
        f"/ekonomi/budget/{YEAR}/kostnadsslag/",
        f"/ekonomi/rader/{line.pk}/kostnadsslag/",
        "/oversyner/",
        f"/oversyner/{Review.objects.get().pk}/",
        # the confirmations before issuing (issue 13)
        f"/ekonomi/fakturor/{invoice.pk}/kreditera/?reason=Fel+belopp",
        f"/ekonomi/fakturor/avrakning/?year={YEAR}",
        f"/ekonomi/rader/{line.pk}/aterbetalning/?amount=1000&reference=SITIV",
        f"/ekonomi/per-part/andel/?line={line.pk}&quarter=1",
        f"/ekonomi/per-part/avgift/?title=Test&rate=1&year={YEAR}&quarter=0"
        "&reference_date=2024-12-31&accept_earlier=on&vat_category=O&vat_rate=0",
    ]:
        visit(path)
