"""Money (R-22 to R-26): budgets with financiers, cost splits, invoices and scenarios.

Every amount is a Decimal in kronor with öre precision; totals are computed, never typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gits.core.errors import DomainError
from gits.core.models import VersionedModel


def money_field(label, **kwargs) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


# Next year's budget is fixed no later than 1 September; a budget may set its own date.
DEFAULT_DEADLINE = (9, 1)
DEFAULT_WARNING_DAYS = 30


def default_deadline(year: int) -> dt.date:
    month, day = DEFAULT_DEADLINE
    return dt.date(year - 1, month, day)


class FinancierSide(models.TextChoices):
    REGION = "region", pgettext_lazy("sida", "Regionen")
    MUNICIPALITIES = "municipalities", pgettext_lazy("sida", "Kommunerna")
    OTHER = "other", _("Annan finansiär")


class SpreadMethod(models.TextChoices):
    """How the municipal collective's share is spread across the municipalities (R-23)."""

    PER_CAPITA = "per_capita", _("Per invånare")
    USERS = "users", _("Efter antal användare")
    EQUAL = "equal", _("Lika per kommun")


class VatCategory(models.TextChoices):
    OUTSIDE_SCOPE = "O", _("Utanför momsens tillämpningsområde (O)")
    STANDARD = "S", _("Momspliktig (S)")


class Financier(VersionedModel):
    """Who pays for a budget line: the municipalities, their association, the region, another
    financier (e.g. SITIV), or others the user adds."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=40, blank=True, default="")
    side = models.CharField(
        _("sida"), max_length=20, choices=FinancierSide.choices, default=FinancierSide.OTHER
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("finansiär")
        verbose_name_plural = _("finansiärer")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Budget(VersionedModel):
    """The budget of one year (R-22) with its calendar (R-24) and invoicing parties (R-25)."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("rubrik"), max_length=200, blank=True, default="")
    deadline = models.DateField(_("fastställs senast"))
    warning_days = models.PositiveSmallIntegerField(
        _("varna dagar före"), default=DEFAULT_WARNING_DAYS
    )
    decision_reference = models.CharField(
        _("beslut som fastställde budgeten"), max_length=300, blank=True, default=""
    )
    decided_on = models.DateField(_("fastställd den"), null=True, blank=True)
    seller = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fakturerande part"),
    )
    buyer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fakturerad part"),
    )
    buyer_reference = models.CharField(
        _("köparens referens"), max_length=100, blank=True, default=""
    )
    bankgiro = models.CharField(_("bankgiro"), max_length=20, blank=True, default="")
    note = models.TextField(_("anmärkning"), blank=True, default="")

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title or f"Budget {self.year}"


class BudgetLine(VersionedModel):
    """One line of a budget: an object or portfolio with its amount and financing shares."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget")
    )
    name = models.CharField(_("benämning"), max_length=200)
    managed_object = models.ForeignKey(
        "portfolio.ManagedObject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("förvaltningsobjekt"),
    )
    amount = money_field(_("belopp"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    joint_function = models.BooleanField(_("gemensamma funktionens kostnad (50/50)"), default=False)
    invoiced = models.BooleanField(_("faktureras kvartalsvis"), default=False)
    spread_method = models.CharField(
        _("fördelning mellan kommunerna"),
        max_length=20,
        choices=SpreadMethod.choices,
        default=SpreadMethod.PER_CAPITA,
    )
    population_date = models.DateField(_("folkmängd per"), null=True, blank=True)
    accept_earlier = models.BooleanField(_("godta tidigare folkmängdssiffror"), default=False)
    actual_amount = money_field(_("utfall/prognos efter kvartal 3"), null=True, blank=True)
    vat_category = models.CharField(
        _("momskategori"),
        max_length=1,
        choices=VatCategory.choices,
        default=VatCategory.OUTSIDE_SCOPE,
    )
    vat_rate = models.DecimalField(_("momssats (%)"), max_digits=4, decimal_places=1, default=0)
    note = models.CharField(_("anmärkning"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["budget", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "name"], name="budgetline_unique_name"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="budgetline_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reference_date(self) -> dt.date:
        """The population date of a per-capita split: by default 31 December two years before
        the budget year, the latest figures known when the budget is fixed (R-2, R-24)."""
        return self.population_date or dt.date(self.budget.year - 2, 12, 31)


class FinancingShare(models.Model):
    """How much of a line one financier pays."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="shares")
    financier = models.ForeignKey(
        Financier, on_delete=models.PROTECT, related_name="shares", verbose_name=_("finansiär")
    )
    amount = money_field(_("belopp"))

    class Meta:
        verbose_name = _("finansieringsandel")
        verbose_name_plural = _("finansieringsandelar")
        ordering = ["financier__position", "financier__name"]
        constraints = [
            models.UniqueConstraint(fields=["line", "financier"], name="share_one_per_financier"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="share_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.financier}: {self.amount}"


class StatedTotal(models.Model):
    """A total as a source document states it (e.g. the TOTALT row of seed 003), kept only to
    be compared with the computed total; it is never used as a figure."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="stated_totals")
    label = models.CharField(_("kolumn"), max_length=100)
    financier = models.ForeignKey(
        Financier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    side = models.CharField(
        _("sida"), max_length=20, blank=True, default="", choices=FinancierSide.choices
    )
    amount = money_field(_("angiven summa"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["budget", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


class UserCount(models.Model):
    """Number of users of a line's object per organisation (drives splits by users and the
    settlement after the third quarter, R-23, R-25)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="user_counts")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    users = models.PositiveIntegerField(_("antal användare"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "organisation"], name="usercount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.users}"


class NumberSeries(models.Model):
    """A gap-free number series; the next number is taken inside the issuing transaction
    with the row locked, so a rolled-back run gives the number back."""

    code = models.CharField(max_length=40, unique=True)
    next_number = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.code} ({self.next_number})"


class InvoiceImmutable(DomainError):
    code = "immutable"


class Invoice(models.Model):
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
    budget = models.ForeignKey(
        Budget, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    seller = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fakturerande part"),
    )
    buyer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fakturerad part"),
    )
    issue_date = models.DateField(_("fakturadatum"))
    due_date = models.DateField(_("förfallodag"))
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    buyer_reference = models.CharField(_("köparens referens"), max_length=100)
    bankgiro = models.CharField(_("bankgiro"), max_length=20, blank=True, default="")
    plusgiro = models.CharField(_("plusgiro"), max_length=20, blank=True, default="")
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, default="")
    bic = models.CharField(_("BIC"), max_length=11, blank=True, default="")
    payment_reference = models.CharField(
        _("betalningsreferens (OCR)"), max_length=25, blank=True, default=""
    )
    payment_terms = models.CharField(_("betalningsvillkor"), max_length=300, blank=True, default="")
    basis_note = models.CharField(_("underlag"), max_length=500, blank=True, default="")
    run = models.ForeignKey(
        "PartyRun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("fakturering per part"),
    )
    note = models.CharField(_("text"), max_length=300, blank=True, default="")
    credited_invoice = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("krediterar"),
    )
    net_amount = money_field(_("belopp utan moms"))
    vat_amount = money_field(_("moms"))
    total_amount = money_field(_("att betala"))
    issued_at = models.DateTimeField(_("utfärdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("faktura")
        verbose_name_plural = _("fakturor")
        ordering = ["-year", "-serial"]
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
            models.UniqueConstraint(fields=["series", "serial"], name="invoice_serial_unique"),
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

    def __str__(self) -> str:
        return self.number

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


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("beskrivning"), max_length=300)
    net_amount = money_field(_("belopp utan moms"))
    vat_category = models.CharField(max_length=1, choices=VatCategory.choices)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    object_code = models.CharField(max_length=50, blank=True, default="")

    class Meta:
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoiceline_position")
        ]

    def __str__(self) -> str:
        return self.description

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


class Scenario(VersionedModel):
    """Alternatives for a review (seed 004: wind up, continue, widen), each with a total
    cost split 50/50 and the municipal half spread across the municipalities."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True, default="")
    reference_date = models.DateField(_("folkmängd per"))
    accept_earlier = models.BooleanField(_("godta tidigare folkmängdssiffror"), default=False)
    spread_method = models.CharField(
        _("fördelning mellan kommunerna"),
        max_length=20,
        choices=[c for c in SpreadMethod.choices if c[0] != SpreadMethod.USERS],
        default=SpreadMethod.PER_CAPITA,
    )

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarier")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ScenarioAlternative(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="alternatives")
    name = models.CharField(_("alternativ"), max_length=200)
    total_cost = money_field(_("total kostnad per år"))
    position = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(_("anmärkning"), max_length=300, blank=True, default="")

    class Meta:
        ordering = ["scenario", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "name"], name="alternative_unique_name"),
            models.CheckConstraint(condition=Q(total_cost__gte=0), name="alternative_cost_ge_0"),
        ]

    def __str__(self) -> str:
        return self.name


ZERO = Decimal("0.00")


# --- cost categories of a budget line (seed 002 Bilaga 2) --------------------------------


class CostCategory(models.TextChoices):
    """What the joint function's budget consists of (seed 002: "löner, lokaler,
    utbildning/konferenser och kontorsutrustning"), and everything else."""

    SALARIES = "salaries", _("Löner")
    PREMISES = "premises", _("Lokaler")
    TRAINING = "training", _("Utbildning och konferenser")
    EQUIPMENT = "equipment", _("Kontorsutrustning")
    OTHER = "other", _("Övrigt")


class LineCategory(models.Model):
    """Budget and outcome of one cost category of a budget line."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="categories", verbose_name=_("budgetrad")
    )
    category = models.CharField(_("kostnadsslag"), max_length=20, choices=CostCategory.choices)
    budget = money_field(_("budget"), default=0)
    outcome = money_field(_("utfall"), null=True, blank=True)

    class Meta:
        verbose_name = _("kostnadsslag")
        verbose_name_plural = _("kostnadsslag")
        ordering = ["line", "category"]
        constraints = [
            models.UniqueConstraint(fields=["line", "category"], name="linecategory_unique"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="linecategory_budget_ge_0"),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.get_category_display()}"


# --- payment and accounting settings per party --------------------------------------------


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
    bankgiro = models.CharField(_("bankgiro"), max_length=9, blank=True, default="")
    plusgiro = models.CharField(_("plusgiro"), max_length=10, blank=True, default="")
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, default="")
    bic = models.CharField(_("BIC"), max_length=11, blank=True, default="")
    use_ocr = models.BooleanField(_("betalningsreferens som OCR-nummer"), default=True)
    ocr_length_digit = models.BooleanField(_("OCR-nummer med längdsiffra"), default=True)
    payment_days = models.PositiveSmallIntegerField(_("betalningsvillkor (dagar)"), default=30)
    payment_terms = models.CharField(
        _("villkorstext"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("T.ex. dröjsmålsränta."),
    )
    f_tax = models.BooleanField(_("godkänd för F-skatt"), default=False)
    buyer_reference = models.CharField(
        _("referens på fakturor till parten"), max_length=100, blank=True, default=""
    )
    receivable_account = models.CharField(
        _("konto för kundfordringar"), max_length=6, default="1510"
    )
    income_account = models.CharField(_("konto för intäkter"), max_length=6, default="3990")
    vat_account = models.CharField(_("konto för utgående moms"), max_length=6, default="2611")
    payback_account = models.CharField(
        _("konto för återbetalningar"), max_length=6, blank=True, default=""
    )
    cost_centre = models.CharField(_("kostnadsställe"), max_length=20, blank=True, default="")
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
    reference = models.CharField(_("beslut eller referens"), max_length=200, blank=True, default="")
    year = models.PositiveSmallIntegerField(_("år"))
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    seller = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fakturerande part"),
    )
    line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_runs",
        verbose_name=_("budgetrad"),
    )
    rate = money_field(_("kronor per invånare"), null=True, blank=True)
    amount = money_field(_("belopp att fördela"))
    method = models.CharField(
        _("fördelning"), max_length=20, choices=SpreadMethod.choices, blank=True, default=""
    )
    reference_date = models.DateField(_("folkmängd per"), null=True, blank=True)
    accept_earlier = models.BooleanField(_("godta tidigare folkmängdssiffror"), default=False)
    vat_category = models.CharField(
        _("momskategori"),
        max_length=1,
        choices=VatCategory.choices,
        default=VatCategory.OUTSIDE_SCOPE,
    )
    vat_rate = models.DecimalField(_("momssats (%)"), max_digits=4, decimal_places=1, default=0)
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


class PartyRunShare(models.Model):
    """One party's part of a run, with the basis its invoice shows (population and its date,
    users or financing share)."""

    run = models.ForeignKey(
        PartyRun, on_delete=models.CASCADE, related_name="shares", verbose_name=_("körning")
    )
    party = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("part"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    amount = money_field(_("belopp"))
    weight = models.DecimalField(_("fördelningsnyckel"), max_digits=18, decimal_places=2)
    figure_date = models.DateField(_("folkmängd per"), null=True, blank=True)
    basis = models.CharField(_("underlag"), max_length=500)

    class Meta:
        verbose_name = _("andel")
        verbose_name_plural = _("andelar")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "party"], name="partyrunshare_unique"),
            models.CheckConstraint(condition=~Q(amount=0), name="partyrunshare_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.amount}"
