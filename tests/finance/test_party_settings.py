"""Payable invoices and accounting per party: the settings a finance user edits per party
(payment details, terms, buyer's reference, SIE accounts, cost centre and voucher series)
and how every invoice and SIE file takes them."""

import datetime as dt
from decimal import Decimal

import pytest

from gits.core.errors import DomainError, RightMissing, StaleRecord
from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.models import Invoice, PartySettings
from gits.finance.payments import ocr_valid
from gits.finance.sie import sie_4i
from gits.organisations.models import Organisation
from tests.finance.test_exports import parse_sie

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def region(defaults):
    return Organisation.objects.get(kind=Organisation.Kind.REGION)


@pytest.fixture
def association(defaults):
    return Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION)


def test_settings_are_created_then_changed_with_version_and_audited(region, lead_user):
    saved = services.party_settings_save(
        actor=lead_user, organisation=region, bankgiro="99000002", payment_days=20
    )
    assert saved.bankgiro == "9900-0002" and saved.payment_days == 20
    assert AuditEntry.objects.filter(action="finance.settings.created").count() == 1
    changed = services.party_settings_save(
        actor=lead_user, organisation=region, version=saved.version, cost_centre="GITS"
    )
    entry = AuditEntry.objects.get(action="finance.settings.changed")
    assert entry.changes == {"cost_centre": ["", "GITS"]}
    with pytest.raises(StaleRecord):
        services.party_settings_save(
            actor=lead_user, organisation=region, version=saved.version, cost_centre="X"
        )
    assert PartySettings.objects.get().cost_centre == changed.cost_centre == "GITS"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"bankgiro": "9900-0003"}, "bankgiro"),
        ({"plusgiro": "12345"}, "plusgiro"),
        ({"iban": "SE00 1234"}, "iban"),
        ({"bic": "ESSESESS"}, "iban"),  # a BIC without its IBAN
        ({"income_account": "39901"}, "income_account"),
        ({"voucher_series": "F 1"}, "voucher_series"),
        ({"payment_days": 400}, "payment_days"),
    ],
)
def test_settings_refuse_what_cannot_be_paid_or_booked(region, lead_user, fields, field):
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as err:
        services.party_settings_save(actor=lead_user, organisation=region, **fields)
    assert err.value.field == field
    assert not PartySettings.objects.exists() and AuditEntry.objects.count() == entries


def test_settings_need_the_right(region, contact_user):
    with pytest.raises(RightMissing):
        services.party_settings_save(actor=contact_user, organisation=region, bankgiro="")


def test_invoice_takes_payment_details_terms_reference_and_ocr_from_settings(
    budget_2026, region, association, lead_user
):
    services.party_settings_save(
        actor=lead_user,
        organisation=region,
        bankgiro="9900-0002",
        plusgiro="4710012-8",
        payment_days=20,
        payment_terms="Dröjsmålsränta enligt räntelagen.",
    )
    services.party_settings_save(
        actor=lead_user, organisation=association, buyer_reference="VK-4711"
    )
    today = dt.date(2026, 4, 2)
    invoice = services.invoice_run(actor=lead_user, year=2026, quarter=1, today=today).created[0]
    assert invoice.bankgiro == "9900-0002" and invoice.plusgiro == "4710012-8"
    assert invoice.due_date == today + dt.timedelta(days=20)
    assert invoice.buyer_reference == "VK-4711"  # the buyer's own, over the budget's
    assert invoice.payment_reference.startswith("202600001") and ocr_valid(
        invoice.payment_reference
    )
    assert (
        invoice.payment_terms
        == "20 dagar netto, förfallodag 2026-04-22. Dröjsmålsränta enligt räntelagen."
    )
    # Changing the settings afterwards leaves the issued invoice as it was.
    settings = PartySettings.objects.get(organisation=region)
    services.party_settings_save(
        actor=lead_user, organisation=region, version=settings.version, bankgiro=""
    )
    assert Invoice.objects.get(pk=invoice.pk).bankgiro == "9900-0002"


def test_ocr_can_be_turned_off_and_without_length_digit(budget_2026, region, lead_user):
    services.party_settings_save(
        actor=lead_user, organisation=region, bankgiro="9900-0002", ocr_length_digit=False
    )
    one = services.invoice_run(actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 2))
    reference = one.created[0].payment_reference
    assert len(reference) == 10 and ocr_valid(reference, length_digit=False)
    settings = PartySettings.objects.get()
    services.party_settings_save(
        actor=lead_user, organisation=region, version=settings.version, use_ocr=False
    )
    two = services.invoice_run(actor=lead_user, year=2026, quarter=2, today=dt.date(2026, 7, 2))
    assert two.created[0].payment_reference == two.created[0].number


def test_sie_uses_the_partys_accounts_cost_centre_and_series(budget_2026, region, lead_user):
    settings = services.party_settings_save(
        actor=lead_user,
        organisation=region,
        bankgiro="9900-0002",
        receivable_account="1513",
        income_account="3011",
        vat_account="2610",
        payback_account="3012",
        cost_centre="GITS-1",
        voucher_series="GF",
    )
    invoice = services.invoice_run(
        actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 2)
    ).created[0]
    data = sie_4i([invoice], company=region.name, settings=settings, generated=dt.date(2026, 4, 3))
    sie = parse_sie(data)
    accounts = {f[0] for label, f in sie["records"] if label == "#KONTO"}
    assert accounts == {"1513", "3011", "2610", "3012"}
    assert ("#DIM", ["1", "Kostnadsställe"]) in sie["records"]
    assert ("#OBJEKT", ["1", "GITS-1", region.name]) in sie["records"]
    (voucher,) = sie["vouchers"]
    assert voucher["series"] == "GF"
    assert [t["account"] for t in voucher["trans"]] == ["1513", "3011"]
    assert voucher["trans"][1]["objects"] == '1 "GITS-1" 6 "GITS"'
    assert sum(t["amount"] for t in voucher["trans"]) == 0


def test_paybacks_are_booked_on_the_payback_account(budget_2026, region, financiers, lead_user):
    settings = services.party_settings_save(
        actor=lead_user, organisation=region, payback_account="3012"
    )
    line = services.line_create(
        actor=lead_user,
        budget=budget_2026,
        name="SITHS",
        amount=D("1000"),
        shares={financiers["VästKom"]: D("1000")},
    )
    result = services.payback_run(
        actor=lead_user, line=line, amount=D("100"), today=dt.date(2026, 12, 1)
    )
    (voucher,) = parse_sie(sie_4i(result.created, company="VGR", settings=settings))["vouchers"]
    assert [t["account"] for t in voucher["trans"]] == ["1510", "3012"]
    assert voucher["trans"][0]["amount"] == D("-100.00")
