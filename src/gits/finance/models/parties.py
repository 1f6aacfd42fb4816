"""Payment and accounting settings per party, and invoicing each party at once (R-25, R-26)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.core.fields import (
    money_field,
    optional_date,
    optional_money,
    optional_text,
    organisation_fk,
    parent_fk,
    protected_fk,
)
from gits.core.models import VersionedModel, unique
from gits.finance.models.budgets import BudgetLine
from gits.finance.models.choices import (
    SpreadMethod,
    accept_earlier_field,
    vat_category_field,
    vat_rate_field,
)
from gits.finance.models.invoices import Invoice


class PartySettings(VersionedModel):
    """What a party's invoices need (R-25): as seller its payment details (bankgiro or
    plusgiro, IBAN and BIC), terms and the accounts, cost centre and voucher series its SIE
    vouchers use; as buyer the reference it wants on invoices to it. Edited by a finance user."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="finance_settings",
        verbose_name=_("part"),
    )
    bankgiro = optional_text(_("bankgiro"), 9)
    plusgiro = optional_text(_("plusgiro"), 10)
    iban = optional_text(_("IBAN"), 34)
    bic = optional_text(_("BIC"), 11)
    use_ocr = models.BooleanField(_("betalningsreferens som OCR-nummer"), default=True)
    ocr_length_digit = models.BooleanField(_("OCR-nummer med längdsiffra"), default=True)
    payment_days = models.PositiveSmallIntegerField(_("betalningsvillkor (dagar)"), default=30)
    payment_terms = optional_text(_("villkorstext"), 200, help_text=_("T.ex. dröjsmålsränta."))
    f_tax = models.BooleanField(_("godkänd för F-skatt"), default=False)
    buyer_reference = optional_text(_("referens på fakturor till parten"), 100)
    receivable_account = models.CharField(
        _("konto för kundfordringar"), max_length=6, default="1510"
    )
    income_account = models.CharField(_("konto för intäkter"), max_length=6, default="3990")
    vat_account = models.CharField(_("konto för utgående moms"), max_length=6, default="2611")
    payback_account = optional_text(_("konto för återbetalningar"), 6)
    cost_centre = optional_text(_("kostnadsställe"), 20)
    voucher_series = models.CharField(_("verifikationsserie"), max_length=4, default="F")

    class Meta:
        verbose_name = _("betalnings- och bokföringsuppgifter")
        verbose_name_plural = _("betalnings- och bokföringsuppgifter")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def has_payment_account(self) -> bool:
        return bool(self.bankgiro or self.plusgiro or self.iban)


# --- invoices to each party (R-25, R-26) -----------------------------------------------------


class PartyRun(models.Model):
    """An invoicing of many parties at once: a levy per inhabitant, a share of a budget line
    spread across the parties, or a payback. Its split is computed once, exactly, and kept in
    its shares; each party's invoice is then issued in its own transaction, so an interrupted
    run is resumed, never doubled (R-25, R-26)."""

    class Kind(models.TextChoices):
        LEVY = "levy", _("Avgift per invånare")
        SHARE = "share", _("Andel av budgetrad")
        PAYBACK = "payback", _("Återbetalning av överskott")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("nyckel"), max_length=300, unique=True)
    title = models.CharField(_("benämning"), max_length=200)
    reference = optional_text(_("beslut eller referens"), 200)
    year = models.PositiveSmallIntegerField(_("år"))
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    seller = organisation_fk(_("fakturerande part"))
    line = protected_fk(BudgetLine, _("budgetrad"), optional=True, related_name="party_runs")
    rate = optional_money(_("kronor per invånare"))
    amount = money_field(_("belopp att fördela"))
    method = models.CharField(
        _("fördelning"), max_length=20, choices=SpreadMethod.choices, blank=True, default=""
    )
    reference_date = optional_date(_("folkmängd per"))
    accept_earlier = accept_earlier_field()
    vat_category = vat_category_field()
    vat_rate = vat_rate_field()
    issue_date = models.DateField(_("fakturadatum"))
    created_at = models.DateTimeField(_("startad"), auto_now_add=True)

    class Meta:
        verbose_name = _("fakturering per part")
        verbose_name_plural = _("faktureringar per part")
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="partyrun_not_zero")]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_start.isoformat()} – {self.period_end.isoformat()})"

    @property
    def is_payback(self) -> bool:
        return self.kind == self.Kind.PAYBACK

    @property
    def invoice_kind(self) -> Invoice.Kind:
        """The kind of the run's invoices: each kind of run is a kind of invoice, by value."""
        return Invoice.Kind(self.kind)


class PartyRunShare(models.Model):
    """One party's part of a run, with the basis its invoice shows (population and its date,
    users or financing share)."""

    run = parent_fk(PartyRun, _("körning"), related_name="shares")
    party = organisation_fk(_("part"))
    position = models.PositiveSmallIntegerField(_("ordning"))
    amount = money_field(_("belopp"))
    weight = models.DecimalField(_("fördelningsnyckel"), max_digits=18, decimal_places=2)
    figure_date = optional_date(_("folkmängd per"))
    basis = models.CharField(_("underlag"), max_length=500)

    class Meta:
        verbose_name = _("andel")
        verbose_name_plural = _("andelar")
        ordering = ["run", "position"]
        constraints = [
            unique("run", "party", name="partyrunshare_unique"),
            models.CheckConstraint(condition=~Q(amount=0), name="partyrunshare_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.amount}"
