"""Forms of the pages for invoicing each party, the parties' payment and accounting settings
and the cost categories of a line. Forms check shape; the services check the rules."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import (
    GitsForm,
    VersionField,
    choice_of,
    date_field,
    optional_text,
    year_field,
)
from gits.finance.forms import MoneyField, VatRateField
from gits.finance.models import BudgetLine, CostCategory, VatCategory

QUARTERS = [(0, _("Hela året")), *[(q, _("Kvartal %(q)s") % {"q": q}) for q in (1, 2, 3, 4)]]


class LevyRunForm(GitsForm):
    title = forms.CharField(
        label=_("Vad som faktureras"), max_length=200, help_text=_("T.ex. ”Bibblix”.")
    )
    rate = MoneyField(label=_("Kronor per invånare och år"))
    year = year_field(_("År"))
    quarter = forms.TypedChoiceField(label=_("Period"), choices=QUARTERS, coerce=int)
    reference_date = date_field(_("Folkmängd per"))
    accept_earlier = forms.BooleanField(
        label=_("Godta senast kända tidigare folkmängd där siffran saknas"), required=False
    )
    reference = optional_text(_("Beslut eller referens"), max_length=200)
    vat_category = forms.ChoiceField(label=_("Momskategori"), choices=VatCategory.choices)
    vat_rate = VatRateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("year", dt.date.today().year)
        self.initial.setdefault("reference_date", dt.date(dt.date.today().year - 2, 12, 31))


class ShareRunForm(GitsForm):
    line = choice_of(_("Budgetrad"), BudgetLine)
    quarter = forms.TypedChoiceField(label=_("Period"), choices=QUARTERS, coerce=int)
    reference = optional_text(_("Beslut eller referens"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = BudgetLine.objects.select_related("budget").order_by(
            "-budget__year", "position"
        )
        self.fields["line"].label_from_instance = lambda line: f"{line.budget.year}: {line.name}"


class PartySettingsForm(GitsForm):
    bankgiro = optional_text(_("Bankgiro"), max_length=12)
    plusgiro = optional_text(_("Plusgiro"), max_length=12)
    iban = optional_text(_("IBAN"), max_length=40)
    bic = optional_text(_("BIC"), max_length=11)
    use_ocr = forms.BooleanField(
        label=_("Betalningsreferens som OCR-nummer (Bankgirots kontroll)"), required=False
    )
    ocr_length_digit = forms.BooleanField(label=_("OCR-nummer med längdsiffra"), required=False)
    payment_days = forms.IntegerField(
        label=_("Betalningsvillkor (dagar)"), min_value=0, max_value=365
    )
    payment_terms = optional_text(
        _("Villkorstext"), max_length=200, help_text=_("T.ex. ”Dröjsmålsränta enligt räntelagen.”")
    )
    f_tax = forms.BooleanField(label=_("Godkänd för F-skatt"), required=False)
    buyer_reference = optional_text(
        _("Referens på fakturor till parten"),
        max_length=100,
        help_text=_("Det referensnummer parten vill ha i e-fakturan (Peppol BuyerReference)."),
    )
    receivable_account = forms.CharField(label=_("Konto för kundfordringar"), max_length=6)
    income_account = forms.CharField(label=_("Konto för intäkter"), max_length=6)
    vat_account = forms.CharField(label=_("Konto för utgående moms"), max_length=6)
    payback_account = optional_text(
        _("Konto för återbetalningar"), max_length=6, help_text=_("Tomt: intäktskontot.")
    )
    cost_centre = optional_text(_("Kostnadsställe"), max_length=20)
    voucher_series = forms.CharField(label=_("Verifikationsserie"), max_length=4)
    version = VersionField()


class LineCategoriesForm(GitsForm):
    """Budget and outcome per cost category of a line."""

    version = VersionField()  # the line's

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CostCategory.choices:
            self.fields[f"budget_{code}"] = MoneyField(
                label=_("%(c)s: budget (kr)") % {"c": label}, required=False
            )
            self.fields[f"outcome_{code}"] = MoneyField(
                label=_("%(c)s: utfall (kr)") % {"c": label}, required=False
            )

    def rows(self):
        return {
            code: (
                self.cleaned_data.get(f"budget_{code}"),
                self.cleaned_data.get(f"outcome_{code}"),
            )
            for code in CostCategory.values
        }

    def pairs(self):
        return [
            (label, self[f"budget_{code}"], self[f"outcome_{code}"])
            for code, label in CostCategory.choices
        ]


class PlanYearsForm(GitsForm):
    first = year_field(_("Från år"), required=False)
    last = year_field(_("Till år"), required=False)
