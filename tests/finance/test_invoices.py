"""Invoicing (R-25, R-26): quarterly in arrears, idempotent and all-or-nothing runs, gap-free
numbers, immutable invoices, credit notes, settlement after Q3 and paybacks."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError

from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.models import Invoice, InvoiceImmutable, InvoiceLine, NumberSeries
from gits.organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = Decimal


def run(user, quarter, today=dt.date(2026, 10, 15), year=2026):
    return services.invoice_run(actor=user, year=year, quarter=quarter, today=today)


def test_quarter_is_invoiced_in_arrears_from_vgr_to_vastkom(budget_2026, lead_user):
    result = run(lead_user, 1, today=dt.date(2026, 4, 1))
    invoice = result.created[0]
    assert invoice.seller.org_number == "232100-0131"
    assert invoice.buyer.org_number == "858501-2084"
    assert invoice.period_start == dt.date(2026, 1, 1) and invoice.period_end == dt.date(
        2026, 3, 31
    )
    # VästKom's half (1 500 000,00) in four exact parts
    assert invoice.total_amount == D("375000.00")
    assert invoice.lines.get().budget_line.name == "GITS"
    with pytest.raises(DomainError) as err:
        run(lead_user, 2, today=dt.date(2026, 6, 30))
    assert err.value.field == "quarter" and "efterskott" in str(err.value)


def test_four_quarters_sum_to_the_annual_share(budget_2026, lead_user, financiers):
    line = budget_2026.lines.get()
    services.line_update(actor=lead_user, line=line, version=line.version, amount=D("3000000.06"))
    totals = [
        run(lead_user, q, today=dt.date(2027, 1, 10)).created[0].total_amount for q in (1, 2, 3, 4)
    ]
    assert sum(totals) == D("1500000.03")


def test_running_twice_makes_nothing_new(budget_2026, lead_user):
    first = run(lead_user, 1)
    entries = AuditEntry.objects.count()
    second = run(lead_user, 1)
    assert second.created == [] and second.existing == first.created
    assert Invoice.objects.count() == 1 and AuditEntry.objects.count() == entries
    assert NumberSeries.objects.get().next_number == 2


def test_database_refuses_a_second_invoice_for_the_same_period(budget_2026, lead_user):
    invoice = run(lead_user, 1).created[0]
    with pytest.raises(IntegrityError):
        Invoice.objects.create(
            kind="quarterly",
            year=2026,
            quarter=1,
            sequence=0,
            number="X-1",
            serial=999,
            series=invoice.series,
            seller=invoice.seller,
            buyer=invoice.buyer,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            buyer_reference="x",
            net_amount=1,
            vat_amount=0,
            total_amount=1,
        )


def test_numbers_are_gap_free_across_runs_and_credit_notes(budget_2026, lead_user):
    a = run(lead_user, 1).created[0]
    b = run(lead_user, 2).created[0]
    c = services.invoice_credit(
        actor=lead_user, invoice=a, reason="Fel period", today=dt.date(2026, 10, 15)
    )
    d = run(lead_user, 3).created[0]
    assert [i.serial for i in (a, b, c, d)] == [1, 2, 3, 4]
    assert [i.number for i in (a, b)] == ["F2026-00001", "F2026-00002"]


def test_an_interrupted_run_leaves_nothing_half_done(budget_2026, lead_user, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("avbrott")

    monkeypatch.setattr(InvoiceLine.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        run(lead_user, 1)
    assert Invoice.objects.count() == 0
    assert not NumberSeries.objects.filter(next_number__gt=1).exists()
    assert not AuditEntry.objects.filter(action="finance.invoice.issued").exists()
    monkeypatch.undo()
    assert run(lead_user, 1).created[0].serial == 1  # the number was given back


def test_issued_invoice_cannot_be_changed_or_deleted(budget_2026, lead_user):
    invoice = run(lead_user, 1).created[0]
    invoice.total_amount = D("1")
    with pytest.raises(InvoiceImmutable):
        invoice.save()
    with pytest.raises(InvoiceImmutable):
        invoice.delete()
    line = invoice.lines.get()
    line.net_amount = D("1")
    with pytest.raises(InvoiceImmutable):
        line.save()
    assert Invoice.objects.get().total_amount == D("375000.00")


def test_credit_note_refers_to_the_original_and_a_new_run_replaces_it(budget_2026, lead_user):
    original = run(lead_user, 1).created[0]
    credit = services.invoice_credit(
        actor=lead_user, invoice=original, reason="Fel belopp", today=dt.date(2026, 10, 16)
    )
    assert credit.kind == "credit" and credit.credited_invoice == original
    assert credit.total_amount == -original.total_amount
    assert "Fel belopp" in credit.note
    assert AuditEntry.objects.filter(
        action="finance.invoice.credited", parent_id=str(original.pk)
    ).exists()
    with pytest.raises(DomainError, match="redan krediterad"):
        services.invoice_credit(actor=lead_user, invoice=original, reason="igen")
    with pytest.raises(DomainError, match="kreditnota kan inte"):
        services.invoice_credit(actor=lead_user, invoice=credit, reason="igen")
    again = run(lead_user, 1)
    assert again.created and again.created[0].sequence == 1
    assert run(lead_user, 1).created == []


def test_refused_rights_write_nothing(budget_2026, contact_user, lead_user):
    with pytest.raises(RightMissing):
        run(contact_user, 1)
    invoice = run(lead_user, 1).created[0]
    entries = AuditEntry.objects.count()
    with pytest.raises(RightMissing):
        services.invoice_credit(actor=contact_user, invoice=invoice, reason="x")
    assert Invoice.objects.count() == 1 and AuditEntry.objects.count() == entries


def test_credit_needs_a_reason(budget_2026, lead_user):
    invoice = run(lead_user, 1).created[0]
    with pytest.raises(DomainError) as err:
        services.invoice_credit(actor=lead_user, invoice=invoice, reason=" ")
    assert err.value.field == "reason"


def _users(line, lead_user, region_users, per_town):
    towns = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    counts = {t: per_town for t in towns}
    counts[region] = region_users
    services.user_counts_set(actor=lead_user, line=line, counts=counts)


def test_settlement_after_q3_distributes_the_overrun_by_users_r25(budget_2026, lead_user):
    line = budget_2026.lines.get()
    with pytest.raises(DomainError, match="tredje kvartalet"):
        services.settlement_run(actor=lead_user, year=2026, today=dt.date(2026, 10, 15))
    for q in (1, 2, 3):
        run(lead_user, q)
    with pytest.raises(DomainError, match="Utfall"):
        services.settlement_run(actor=lead_user, year=2026, today=dt.date(2026, 10, 15))
    services.line_update(
        actor=lead_user, line=line, version=line.version, actual_amount=D("3100000.01")
    )
    _users(line, lead_user, region_users=5100, per_town=100)  # 4 900 municipal users
    result = services.settlement_run(actor=lead_user, year=2026, today=dt.date(2026, 10, 15))
    settlement = result.created[0]
    # over-run 100 000,00: 4 900 / 10 000 to the municipalities
    assert settlement.total_amount == D("49000.00")
    assert settlement.kind == "settlement" and not settlement.is_credit_note
    again = services.settlement_run(actor=lead_user, year=2026, today=dt.date(2026, 10, 15))
    assert again.created == [] and again.existing == [settlement]


def test_underrun_settles_as_a_credit(budget_2026, lead_user):
    line = budget_2026.lines.get()
    for q in (1, 2, 3):
        run(lead_user, q)
    services.line_update(
        actor=lead_user, line=line, version=line.version, actual_amount=D("2900000.01")
    )
    _users(line, lead_user, region_users=1, per_town=1)
    settlement = services.settlement_run(
        actor=lead_user, year=2026, today=dt.date(2026, 10, 15)
    ).created[0]
    assert settlement.total_amount == D("-98000.00") and settlement.is_credit_note


def test_surplus_is_paid_back_in_proportion_to_financing_r26(budget_2026, lead_user, financiers):
    line = services.line_create(
        actor=lead_user,
        budget=budget_2026,
        name="SITHS",
        amount=D("1000"),
        shares={
            financiers["VästKom"]: D("300"),
            financiers["SITIV/Annan finansiär"]: D("0"),
            financiers["Kommuner"]: D("700"),
        },
        population_date=dt.date(2024, 12, 31),
        accept_earlier=True,
    )
    result = services.payback_run(
        actor=lead_user, line=line, amount=D("100.00"), today=dt.date(2026, 12, 1)
    )
    by_buyer = {i.buyer.name: i.total_amount for i in result.created}
    assert by_buyer["VästKom"] == D("-30.00")
    assert sum(by_buyer.values()) == D("-100.00")
    assert len(by_buyer) == 50  # VästKom and the 49 municipalities
    again = services.payback_run(
        actor=lead_user, line=line, amount=D("100.00"), today=dt.date(2026, 12, 1)
    )
    assert again.created == [] and len(again.existing) == 50
