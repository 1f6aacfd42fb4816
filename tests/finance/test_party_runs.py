"""Invoices to each party (R-2, R-23, R-25, R-26): a levy per inhabitant or a share of a
budget line invoiced to every municipality (or party), one invoice per party, exact to the
öre, each showing its basis; idempotent, resumable and gap-free with one transaction per party;
refused whole, naming what is missing and for whom, when the basis is missing; never zero."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from pypdf import PdfReader

from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.core.money import to_money
from gits.finance import services
from gits.finance.models import (
    Invoice,
    NumberSeries,
    PartyRun,
    PartyRunShare,
    SpreadMethod,
)
from gits.finance.pdf import invoice_pdf
from gits.finance.peppol import invoice_ubl
from gits.finance.services import invoicing
from gits.organisations.models import Organisation, PopulationFigure
from tests.finance.factories import give_org_numbers
from tests.finance.test_exports import NS, check_peppol_rules

pytestmark = pytest.mark.django_db
D = Decimal
YEAR_END = dt.date(2024, 12, 31)
TODAY = dt.date(2026, 2, 16)


@pytest.fixture
def seller(defaults, lead_user):
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    services.party_settings_save(actor=lead_user, organisation=region, bankgiro="9900-0002")
    return region


@pytest.fixture
def towns(defaults):
    return list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name"))


@pytest.fixture
def org_numbers(towns):
    """Every municipality with a valid organisation number (test ones from the factories
    for those whose real numbers the data set does not hold), so e-invoices can be built."""
    return give_org_numbers(towns)


def levy(user, **kwargs):
    options = {
        "title": "Bibblix",
        "rate": D("2.50"),
        "year": 2026,
        "reference_date": YEAR_END,
        "accept_earlier": True,
        "today": TODAY,
    }
    options.update(kwargs)
    return services.levy_run(actor=user, **options)


def test_levy_gives_each_municipality_one_invoice_with_its_population_and_date(
    seller, towns, lead_user
):
    ticks = []
    result = levy(lead_user, progress=lambda done, total: ticks.append((done, total)))
    assert len(result.created) == 49 and result.existing == []
    assert ticks[-1] == (49, 49) and len(ticks) == 49
    assert {i.buyer_id for i in result.created} == {t.pk for t in towns}
    by_town = {i.buyer.name: i for i in result.created}
    gbg = by_town["Göteborg"]
    figure = PopulationFigure.objects.get(municipality=gbg.buyer, reference_date=YEAR_END)
    assert gbg.total_amount == D("2.50") * figure.population
    assert f"{figure.population:,}".replace(",", "\u00a0") in gbg.basis_note
    assert "2024-12-31" in gbg.basis_note
    # A municipality with only an earlier figure shows that figure's own date.
    earlier = PopulationFigure.objects.exclude(reference_date=YEAR_END).first()
    shown = by_town[earlier.municipality.name].basis_note
    assert earlier.reference_date.isoformat() in shown and "2024-12-31" not in shown
    assert sum(i.total_amount for i in result.created) == result.run.amount
    assert all(i.kind == Invoice.Kind.LEVY and i.run == result.run for i in result.created)


def test_quarter_of_a_levy_is_exact_per_party_over_the_year(seller, towns, lead_user):
    parts = [levy(lead_user, quarter=q).created for q in (1, 2, 3, 4)]
    for town in towns[:5]:
        annual = sum(i.total_amount for q in parts for i in q if i.buyer_id == town.pk)
        population = PopulationFigure.objects.filter(municipality=town).latest("reference_date")
        assert annual == D("2.50") * population.population
    assert parts[0][0].period_start == dt.date(2026, 1, 1)
    assert parts[0][0].period_end == dt.date(2026, 3, 31)


def test_running_twice_makes_nothing_new_and_numbers_are_gap_free(seller, lead_user):
    first = levy(lead_user)
    entries = AuditEntry.objects.count()
    second = levy(lead_user)
    assert second.created == [] and len(second.existing) == 49
    assert AuditEntry.objects.count() == entries
    serials = sorted(Invoice.objects.values_list("serial", flat=True))
    assert serials == list(range(1, 50))
    assert NumberSeries.objects.get().next_number == 50
    assert PartyRun.objects.count() == 1 and second.run == first.run


def test_an_interrupted_run_keeps_whole_invoices_and_resumes_without_gaps(
    seller, lead_user, monkeypatch
):
    # Parties are invoiced in batches, each in a transaction of its own: ten a batch here,
    # and the third batch is cut off.
    real_issue = invoicing._issue_many
    calls = {"n": 0}

    def flaky(drafts, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("avbrott")
        return real_issue(drafts, **kwargs)

    monkeypatch.setattr("gits.finance.services.parties.BATCH", 10)
    monkeypatch.setattr("gits.finance.services.parties._issue_many", flaky)
    with pytest.raises(RuntimeError):
        levy(lead_user)
    run = PartyRun.objects.get()
    assert Invoice.objects.count() == 20 and run.shares.count() == 49
    assert sorted(Invoice.objects.values_list("serial", flat=True)) == list(range(1, 21))
    monkeypatch.undo()
    resumed = levy(lead_user)
    assert len(resumed.created) == 29 and len(resumed.existing) == 20
    assert sorted(Invoice.objects.values_list("serial", flat=True)) == list(range(1, 50))
    assert Invoice.objects.filter(run=run).values("buyer").distinct().count() == 49


def test_missing_population_refuses_the_whole_run_naming_the_municipalities(seller, lead_user):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError) as err:
        levy(lead_user, accept_earlier=False)
    missing = (
        PopulationFigure.objects.exclude(reference_date=YEAR_END)
        .values_list("municipality__name", flat=True)
        .distinct()
    )
    assert missing and all(name in str(err.value) for name in missing)
    assert "Folkmängd per 2024-12-31 saknas" in str(err.value)
    assert not PartyRun.objects.exists() and not Invoice.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_zero_levy_and_a_zero_invoice_are_never_issued(seller, lead_user):
    with pytest.raises(DomainError) as err:
        levy(lead_user, rate=D("0"))
    assert err.value.field == "rate"
    with pytest.raises(DomainError, match="två decimaler"):
        levy(lead_user, rate=D("0.0000001"))  # less than an öre: no amount at all
    assert not Invoice.objects.exists()
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    town = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).first()
    with pytest.raises(DomainError, match="noll kronor"):
        invoicing._issue(
            actor=lead_user,
            kind=Invoice.Kind.LEVY,
            year=2026,
            quarter=0,
            sequence=0,
            budget=None,
            seller=region,
            buyer=town,
            items=[invoicing.Item(description="x", net_amount=D("0.00"))],
            today=TODAY,
            period=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
            note="",
            buyer_reference="",
            bankgiro="",
        )
    assert not Invoice.objects.exists()


def test_a_payable_invoice_needs_the_sellers_payment_details(defaults, lead_user):
    with pytest.raises(DomainError) as err:
        levy(lead_user)
    assert "Betalningsuppgifter saknas för Västra Götalandsregionen" in str(err.value)
    assert err.value.field == "seller" and not PartyRun.objects.exists()


def test_the_same_name_and_period_with_other_figures_is_refused(seller, lead_user):
    levy(lead_user)
    with pytest.raises(DomainError, match="redan fakturerad"):
        levy(lead_user, rate=D("3.00"))
    other = levy(lead_user, rate=D("3.00"), reference="Tilläggsbeslut")
    assert len(other.created) == 49


def test_runs_need_the_right(seller, contact_user):
    with pytest.raises(RightMissing):
        levy(contact_user)
    assert not PartyRun.objects.exists()


def test_run_start_is_audited_and_each_invoice_under_the_run(seller, lead_user):
    result = levy(lead_user)
    started = AuditEntry.objects.get(action="finance.partyrun.started")
    assert started.changes["parter"] == [None, 49]
    assert (
        AuditEntry.objects.filter(
            action="finance.invoice.issued", parent_id=str(result.run.pk)
        ).count()
        == 49
    )


def test_levy_invoices_to_every_municipality_meet_the_peppol_rules(seller, org_numbers, lead_user):
    result = levy(lead_user)
    for invoice in result.created:
        root = check_peppol_rules(invoice_ubl(invoice))
        note = root.find("cbc:Note", NS).text
        assert "folkmängd" in note and re.search(r"\d{4}-\d\d-\d\d", note)
        assert root.find("cac:PaymentMeans/cbc:PaymentID", NS).text == invoice.payment_reference
        assert root.find(
            "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS
        ).text == invoice.buyer.org_number.replace("-", "")


def test_levy_invoice_pdf_shows_population_date_and_how_to_pay(seller, lead_user):
    invoice = levy(lead_user).created[0]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(invoice_pdf(invoice))).pages)
    text = text.replace("\u00a0", " ")
    figure = PopulationFigure.objects.filter(municipality=invoice.buyer).latest("reference_date")
    assert f"{figure.population:,}".replace(",", " ") in text
    assert figure.reference_date.isoformat() in text
    assert invoice.payment_reference in text and "9900-0002" in text
    assert invoice.due_date.isoformat() in text
    assert "Utanför momsens tillämpningsområde" in text


# --- a share of a budget line --------------------------------------------------------------


@pytest.fixture
def open_data(budget_2026, financiers, lead_user):
    """Öppna data as seed 003 has it: municipalities 744 000, VGR 189 000; per capita."""
    return services.line_create(
        actor=lead_user,
        budget=budget_2026,
        name="Öppna data",
        amount=D("933000.00"),
        shares={financiers["Kommuner"]: D("744000.00"), financiers["VGR"]: D("189000.00")},
        spread_method=SpreadMethod.PER_CAPITA,
        population_date=YEAR_END,
        accept_earlier=True,
    )


def test_share_of_a_line_is_spread_to_the_ore_across_the_municipalities(
    open_data, seller, lead_user
):
    result = services.share_run(actor=lead_user, line=open_data, today=TODAY)
    # VGR is the invoicing party: its own share is not invoiced to itself.
    assert len(result.created) == 49
    assert sum(i.total_amount for i in result.created) == D("744000.00")
    shares = PartyRunShare.objects.filter(run=result.run)
    assert all("folkmängd" in s.basis and s.figure_date for s in shares)
    quarter = services.share_run(actor=lead_user, line=open_data, quarter=1, today=TODAY)
    assert sum(i.total_amount for i in quarter.created) in {
        D("186000.00") + d for d in (D("-0.49"), D("0"), D("0.49"))
    } or abs(sum(i.total_amount for i in quarter.created) - D("186000")) < D("0.50")


def test_parties_whose_share_rounds_to_zero_get_no_invoice(
    budget_2026, financiers, seller, lead_user
):
    tiny = services.line_create(
        actor=lead_user,
        budget=budget_2026,
        name="Liten",
        amount=D("0.10"),
        shares={financiers["Kommuner"]: D("0.10")},
        population_date=YEAR_END,
        accept_earlier=True,
    )
    result = services.share_run(actor=lead_user, line=tiny, today=TODAY)
    # Ten öre per capita: Göteborg 4, six others 1 each; 42 municipalities get nothing.
    assert len(result.created) == 7
    assert sum(i.total_amount for i in result.created) == D("0.10")
    assert all(i.total_amount > 0 for i in result.created)
    assert PartyRunShare.objects.filter(run=result.run).count() == 7


def test_share_by_users_refuses_naming_the_municipalities_without_users(
    open_data, seller, lead_user
):
    line = services.line_update(
        actor=lead_user, line=open_data, version=open_data.version, spread_method="users"
    )
    with pytest.raises(DomainError) as err:
        services.share_run(actor=lead_user, line=line, today=TODAY)
    assert "Antal användare saknas för 49 kommuner" in str(err.value)
    assert "Göteborg" in str(err.value) and not PartyRun.objects.exists()


def test_share_of_an_unfinanced_line_or_a_financier_without_organisation_is_refused(
    budget_2026, financiers, seller, lead_user
):
    bare = services.line_create(actor=lead_user, budget=budget_2026, name="Tom", amount=D("100.00"))
    with pytest.raises(DomainError, match="ingen finansiering"):
        services.share_run(actor=lead_user, line=bare, today=TODAY)
    other = services.line_create(
        actor=lead_user,
        budget=budget_2026,
        name="SITHS",
        amount=D("100.00"),
        shares={financiers["SITIV/Annan finansiär"]: D("100.00")},
    )
    with pytest.raises(DomainError, match="SITIV/Annan är inte kopplad"):
        services.share_run(actor=lead_user, line=other, today=TODAY)


# --- paybacks --------------------------------------------------------------------------------


def test_several_paybacks_per_party_and_year_each_with_its_reference(open_data, seller, lead_user):
    first = services.payback_run(
        actor=lead_user, line=open_data, amount=D("1000.00"), reference="Beslut 1", today=TODAY
    )
    second = services.payback_run(
        actor=lead_user, line=open_data, amount=D("500.00"), reference="Beslut 2", today=TODAY
    )
    # 1000 kr of 933 000 kr: the municipalities' 744/933 parts, spread; VGR keeps its own.
    town_total = sum(i.total_amount for i in first.created)
    assert town_total == -(D("1000.00") - D("202.57"))  # VGR's share 189/933 of 1000 kr
    assert len(first.created) == len(second.created) == 49
    gbg = Organisation.objects.get(name="Göteborg")
    assert Invoice.objects.filter(kind="payback", buyer=gbg, year=2026).count() == 2
    again = services.payback_run(
        actor=lead_user, line=open_data, amount=D("1000.00"), reference="Beslut 1", today=TODAY
    )
    assert again.created == [] and len(again.existing) == 49
    with pytest.raises(DomainError, match="annat belopp"):
        services.payback_run(
            actor=lead_user, line=open_data, amount=D("900.00"), reference="Beslut 1"
        )
    assert all(i.is_credit_note and i.total_amount < 0 for i in first.created)


# --- the settlement names the side without users ---------------------------------------------


def test_settlement_refuses_naming_the_line_and_side_without_users(budget_2026, lead_user):
    line = budget_2026.lines.get()
    for q in (1, 2, 3):
        services.invoice_run(actor=lead_user, year=2026, quarter=q, today=dt.date(2026, 10, 15))
    services.line_update(
        actor=lead_user, line=line, version=line.version, actual_amount=D("3100000.01")
    )
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    services.user_counts_set(actor=lead_user, line=line, counts={region: 100})
    with pytest.raises(DomainError) as err:
        services.settlement_run(actor=lead_user, year=2026, today=dt.date(2026, 10, 15))
    assert "GITS (kommunernas användare)" in str(err.value) and err.value.field == "users"


def test_peppol_payment_means_follow_the_swedish_conventions(seller, org_numbers, lead_user):
    region = seller
    settings = region.finance_settings
    services.party_settings_save(
        actor=lead_user,
        organisation=region,
        version=settings.version,
        plusgiro="4710012-8",
        iban="SE45 5000 0000 0583 9825 7466",
        bic="ESSESESS",
        f_tax=True,
    )
    invoice = levy(lead_user).created[0]
    root = check_peppol_rules(invoice_ubl(invoice))
    means = root.findall("cac:PaymentMeans", NS)
    branches = [
        m.find("cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", NS).text
        for m in means
    ]
    accounts = [m.find("cac:PayeeFinancialAccount/cbc:ID", NS).text for m in means]
    assert branches == ["SE:BANKGIRO", "SE:PLUSGIRO", "ESSESESS"]
    assert accounts == ["99000002", "47100128", "SE4550000000058398257466"]
    assert {m.find("cbc:PaymentMeansCode", NS).text for m in means} == {"30"}
    schemes = root.findall("cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme", NS)
    assert [s.find("cbc:CompanyID", NS).text for s in schemes] == ["Godkänd för F-skatt"]
    assert root.find("cac:PaymentTerms/cbc:Note", NS).text.startswith("30 dagar netto")
    ET.tostring(root)  # well-formed


def test_a_taxable_levy_to_every_municipality_meets_the_swedish_vat_rules(
    seller, org_numbers, lead_user
):
    result = levy(lead_user, title="Tjänst med moms", vat_category="S", vat_rate=D("25"))
    for invoice in result.created:
        assert invoice.vat_amount == to_money(invoice.net_amount * D("0.25"))
        root = check_peppol_rules(invoice_ubl(invoice))
        assert D(root.find(".//cac:ClassifiedTaxCategory/cbc:Percent", NS).text) == 25
    with pytest.raises(DomainError) as err:
        levy(lead_user, title="Fel moms", vat_category="S", vat_rate=D("20"))
    assert err.value.field == "vat_rate"


def test_a_payback_to_every_municipality_meets_the_peppol_rules_as_credit_notes(
    open_data, seller, org_numbers, lead_user
):
    result = services.payback_run(
        actor=lead_user, line=open_data, amount=D("1000.00"), reference="Beslut 1", today=TODAY
    )
    assert len(result.created) == 49
    for invoice in result.created:
        root = check_peppol_rules(invoice_ubl(invoice))
        assert root.tag.endswith("}CreditNote")
        assert root.find("cbc:CreditNoteTypeCode", NS).text == "381"
        assert D(root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS).text) > 0


def test_an_e_invoice_to_a_party_without_organisation_number_is_refused_naming_it(
    seller, lead_user
):
    ale = Organisation.objects.get(name="Ale")
    assert not ale.org_number  # the data set holds no number for Ale (none is made up)
    invoice = levy(lead_user).created[0]
    assert invoice.buyer == ale
    with pytest.raises(DomainError) as err:
        invoice_ubl(invoice)
    assert "Ale saknar organisationsnummer" in str(err.value.message)
    assert err.value.field == "org_number"
    Organisation.objects.filter(pk=ale.pk).update(org_number="212000-1356")  # Luhn wrong
    invoice.buyer.refresh_from_db()
    with pytest.raises(DomainError, match=r"212000-1356 \(Ale\) duger inte"):
        invoice_ubl(invoice)


def test_a_run_writes_its_invoices_in_batches_not_one_by_one(
    seller, lead_user, django_assert_max_num_queries
):
    """49 invoices (issue 15): a batch of parties is a few inserts, not a dozen queries per
    invoice, and each invoice still has its line and its audit entry."""
    entries = AuditEntry.objects.count()
    with django_assert_max_num_queries(45):
        result = levy(lead_user)
    assert len(result.created) == 49
    assert AuditEntry.objects.filter(action="finance.invoice.issued").count() == 49
    assert AuditEntry.objects.count() > entries + 49 - 1
    assert all(invoice.lines.count() == 1 for invoice in Invoice.objects.all())
    assert sorted(Invoice.objects.values_list("serial", flat=True)) == list(range(1, 50))


def test_each_kind_of_run_is_the_kind_of_its_invoices():
    """A run's invoices take its kind by value (PartyRun.invoice_kind): every kind of run must
    be a kind of invoice with the same label."""
    for kind in PartyRun.Kind:
        assert PartyRun(kind=kind).invoice_kind.label == kind.label


def test_a_credited_invoice_of_a_run_is_issued_anew_when_the_run_is_resumed(seller, lead_user):
    """A credited invoice no longer stands (Invoice.objects.live): the run's pages count it out
    and resuming the run issues the party a new invoice, the next in its sequence."""
    from gits.finance.overviews import run_overview, runs_with_counts

    first = levy(lead_user)
    credited = first.created[0]
    services.invoice_credit(actor=lead_user, invoice=credited, reason="Fel", today=TODAY)
    assert runs_with_counts() == [(first.run, 49, 48)]
    rows = {r.party: r.invoice for r in run_overview(first.run).rows}
    assert rows[credited.buyer] is None and len([i for i in rows.values() if i]) == 48
    again = services.run_resume(actor=lead_user, run=first.run, today=TODAY)
    assert len(again.existing) == 48 and [i.buyer for i in again.created] == [credited.buyer]
    assert again.created[0].sequence == 1 and again.created[0].run == first.run
    assert runs_with_counts() == [(first.run, 49, 49)]
    assert run_overview(first.run).complete
