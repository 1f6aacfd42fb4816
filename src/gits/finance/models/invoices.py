"""Issued invoices and credit notes (R-25, R-26) and their gap-free number series."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.core.errors import DomainError
from gits.core.fields import money_field, optional_text, organisation_fk, protected_fk
from gits.core.models import Named, unique
from gits.finance.models.budgets import Budget, BudgetLine
from gits.finance.models.choices import VatCategory


class NumberSeries(models.Model):
    """A gap-free number series; the next number is taken inside the issuing transaction
    with the row locked, so a rolled-back run gives the number back."""

    code = models.CharField(max_length=40, unique=True)
    next_number = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("nummerserie")
        verbose_name_plural = _("nummerserier")

    def __str__(self) -> str:
        return f"{self.code} ({self.next_number})"


class InvoiceImmutable(DomainError):
    code = "immutable"


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def live(self) -> InvoiceQuerySet:
        """The invoices that stand: those no credit note has credited (R-25); a run issues
        a new invoice in place of a credited one."""
        return self.filter(credit_notes__isnull=True)


class Invoice(Named):
    """An issued invoice or credit note (R-25, R-26). Immutable once issued: a correction is
    a credit note, a new document that refers to the original."""

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Kvartalsfaktura")
        SETTLEMENT = "settlement", _("Avräkning")
        PAYBACK = "payback", _("Återbetalning av överskott")
        CREDIT = "credit", _("Kreditnota")
        LEVY = "levy", _("Avgift per invånare")
        SHARE = "share", _("Andel av budgetrad")

    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(_("kvartal"), default=0)
    sequence = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(_("nummer"), max_length=40, unique=True)
    serial = models.PositiveIntegerField()
    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="+")
    budget = protected_fk(Budget, optional=True, related_name="invoices")
    seller = organisation_fk(_("fakturerande part"))
    buyer = organisation_fk(_("fakturerad part"))
    issue_date = models.DateField(_("fakturadatum"))
    due_date = models.DateField(_("förfallodag"))
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    buyer_reference = models.CharField(_("köparens referens"), max_length=100)
    bankgiro = optional_text(_("bankgiro"), 20)
    plusgiro = optional_text(_("plusgiro"), 20)
    iban = optional_text(_("IBAN"), 34)
    bic = optional_text(_("BIC"), 11)
    payment_reference = optional_text(_("betalningsreferens (OCR)"), 25)
    payment_terms = optional_text(_("betalningsvillkor"), 300)
    basis_note = optional_text(_("underlag"), 500)
    run = protected_fk(
        "PartyRun", _("fakturering per part"), optional=True, related_name="invoices"
    )
    note = optional_text(_("text"), 300)
    credited_invoice = protected_fk(
        "self", _("krediterar"), optional=True, related_name="credit_notes"
    )
    net_amount = money_field(_("belopp utan moms"))
    vat_amount = money_field(_("moms"))
    total_amount = money_field(_("att betala"))
    issued_at = models.DateTimeField(_("utfärdad"), auto_now_add=True)

    NAME_FIELD = "number"

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("faktura")
        verbose_name_plural = _("fakturor")
        ordering = ["-year", "-serial"]
        indexes = [
            # The invoice list, newest first a page at a time, and the quarterly run's look
            # for quarters already invoiced (issue 15).
            models.Index(fields=["-issue_date", "-serial", "-id"], name="invoice_newest_first"),
            models.Index(fields=["kind", "year"], name="invoice_kind_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "kind", "seller", "buyer", "sequence"],
                condition=~Q(kind="credit") & Q(run__isnull=True),
                name="invoice_one_per_period_and_parties",
            ),
            models.UniqueConstraint(
                fields=["run", "buyer", "sequence"],
                condition=~Q(kind="credit") & Q(run__isnull=False),
                name="invoice_one_per_run_and_party",
            ),
            # An invoice of zero is never issued.
            models.CheckConstraint(condition=~Q(total_amount=0), name="invoice_not_zero"),
            models.UniqueConstraint(
                fields=["credited_invoice"],
                condition=Q(credited_invoice__isnull=False),
                name="invoice_credited_once",
            ),
            unique("series", "serial", name="invoice_serial_unique"),
            models.CheckConstraint(
                condition=(Q(kind="quarterly") & Q(quarter__gte=1) & Q(quarter__lte=4))
                | (~Q(kind="quarterly") & Q(quarter=0)),
                name="invoice_quarter_fits_kind",
            ),
            models.CheckConstraint(
                condition=(Q(kind="credit") & Q(credited_invoice__isnull=False))
                | (~Q(kind="credit") & Q(credited_invoice__isnull=True)),
                name="invoice_credit_refers_to_original",
            ),
            models.CheckConstraint(
                condition=Q(total_amount=models.F("net_amount") + models.F("vat_amount")),
                name="invoice_total_is_net_plus_vat",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None and Invoice.objects.filter(pk=self.pk).exists():
            raise InvoiceImmutable(
                _("Fakturan %(n)s är utfärdad och kan inte ändras; korrigera med en kreditnota.")
                % {"n": self.number}
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InvoiceImmutable(
            _("Fakturan %(n)s är utfärdad och kan inte tas bort; korrigera med en kreditnota.")
            % {"n": self.number}
        )

    @property
    def is_credit_note(self) -> bool:
        """Rendered as a credit note (UBL 381) when it credits or pays back money."""
        return self.total_amount < 0

    @property
    def period_label(self) -> str:
        if self.kind == self.Kind.QUARTERLY:
            return f"{self.year} K{self.quarter}"
        return str(self.year)

    @property
    def is_ocr(self) -> bool:
        return self.payment_reference.isdigit()

    def vat_words(self) -> list[str]:
        """The VAT categories of the lines as a person reads them."""
        from gits.finance.payments import vat_words

        return list(
            dict.fromkeys(vat_words(line.vat_category, line.vat_rate) for line in self.lines.all())
        )


class InvoiceLine(Named):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    budget_line = protected_fk(BudgetLine, optional=True)
    description = models.CharField(_("beskrivning"), max_length=300)
    net_amount = money_field(_("belopp utan moms"))
    vat_category = models.CharField(max_length=1, choices=VatCategory.choices)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    object_code = models.CharField(max_length=50, blank=True, default="")

    NAME_FIELD = "description"

    class Meta:
        verbose_name = _("fakturarad")
        verbose_name_plural = _("fakturarader")
        ordering = ["invoice", "position"]
        constraints = [unique("invoice", "position", name="invoiceline_position")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise InvoiceImmutable(_("En utfärdad fakturarad kan inte ändras."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InvoiceImmutable(_("En utfärdad fakturarad kan inte tas bort."))

    @property
    def vat_words(self) -> str:
        from gits.finance.payments import vat_words

        return vat_words(self.vat_category, self.vat_rate)
