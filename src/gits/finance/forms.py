import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import (
    GitsForm,
    VersionField,
    choice_of,
    date_field,
    optional_text,
    textarea,
    whole_number,
    year_field,
)
from gits.finance.formatting import kr, parse_amount
from gits.finance.models import Financier, FinancierSide, SpreadMethod, UserCount, VatCategory
from gits.organisations.models import Organisation


class MoneyField(forms.Field):
    """An amount typed the Swedish way: 1 460 000 or 1460000,50."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _(
            "Ange ett belopp i kronor med högst två decimaler, t.ex. 1 460 000 eller 933000,50."
        )
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "maxlength": "30"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return kr(value, unit=False)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except Exception as err:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from err


def _objects():
    from gits.portfolio.models import ManagedObject

    return ManagedObject.objects.order_by("name")


class VatRateField(forms.TypedChoiceField):
    """The VAT rate of an invoice row: none (the default), 25, 12 or 6 per cent."""

    def __init__(self) -> None:
        super().__init__(
            label=_("Momssats"),
            choices=[("0", "–"), ("25", "25 %"), ("12", "12 %"), ("6", "6 %")],
            coerce=Decimal,
            required=False,
            empty_value=Decimal("0"),
        )


class BudgetForm(GitsForm):
    year = year_field(_("År"))
    title = optional_text(_("Rubrik"), max_length=200)
    deadline = date_field(
        _("Fastställs senast"),
        required=False,
        help_text=_("Tom: 1 september året före budgetåret."),
    )
    warning_days = forms.IntegerField(
        label=_("Varna så många dagar före"), min_value=0, max_value=365, initial=30
    )
    decision_reference = optional_text(
        _("Beslut som fastställde budgeten"),
        max_length=300,
        help_text=_("T.ex. ”SITIV 2025-08-29 § 7”."),
    )
    decided_on = date_field(_("Fastställd den"), required=False)
    seller = choice_of(_("Fakturerande part"), Organisation, required=False)
    buyer = choice_of(_("Fakturerad part"), Organisation, required=False)
    buyer_reference = optional_text(_("Köparens referens"), max_length=100)
    bankgiro = optional_text(_("Bankgiro"), max_length=20)
    note = textarea(_("Anmärkning"), rows=2)
    version = VersionField()

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Organisation.objects.exclude(kind=Organisation.Kind.MUNICIPALITY).order_by("name")
        self.fields["seller"].queryset = parties
        self.fields["buyer"].queryset = parties
        if editing:
            del self.fields["year"]


class LineForm(GitsForm):
    name = forms.CharField(label=_("Benämning"), max_length=200)
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"),
        queryset=None,
        required=False,
        help_text=_("Tomt för en portfölj eller för GITS självt."),
    )
    amount = MoneyField(label=_("Belopp (kr)"), required=False)
    joint_function = forms.BooleanField(
        label=_("Gemensamma funktionens kostnad: dela 50/50 mellan regionen och kommunsidan"),
        required=False,
    )
    invoiced = forms.BooleanField(label=_("Faktureras kvartalsvis i efterskott"), required=False)
    spread_method = forms.ChoiceField(
        label=_("Kommunernas andel fördelas"), choices=SpreadMethod.choices
    )
    population_date = date_field(
        _("Folkmängd per"), required=False, help_text=_("Tomt: 31 december två år före budgetåret.")
    )
    accept_earlier = forms.BooleanField(
        label=_("Godta senast kända tidigare folkmängd där siffran saknas"), required=False
    )
    actual_amount = MoneyField(label=_("Utfall/prognos efter kvartal 3 (kr)"), required=False)
    vat_category = forms.ChoiceField(label=_("Momskategori"), choices=VatCategory.choices)
    vat_rate = VatRateField()
    note = optional_text(_("Anmärkning"), max_length=300)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = _objects()
        self.financiers = list(Financier.objects.all())
        for f in self.financiers:
            self.fields[f"share_{f.pk}"] = MoneyField(
                label=_("Finansiering från %(f)s (kr)") % {"f": f.name}, required=False
            )

    def share_fields(self):
        return [self[f"share_{f.pk}"] for f in self.financiers]

    def main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("share_")]

    def service_data(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        shares = {f: data.pop(f"share_{f.pk}") for f in self.financiers}
        return data, shares


class UserCountsForm(GitsForm):
    version = VersionField()  # the line's

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        for o in self.organisations:
            self.fields[f"org_{o.pk}"] = whole_number(o.name, UserCount, "users", required=False)

    def counts(self):
        return {o: self.cleaned_data.get(f"org_{o.pk}") for o in self.organisations}


class FinancierForm(GitsForm):
    name = forms.CharField(label=_("Namn"), max_length=100)
    short_name = optional_text(_("Kortnamn"), max_length=40)
    side = forms.ChoiceField(label=_("Sida"), choices=FinancierSide.choices)
    organisation = choice_of(
        _("Organisation"),
        Organisation,
        required=False,
        help_text=_("Den part som betalar; tomt för kommunkollektivet eller en extern finansiär."),
    )
    position = whole_number(_("Ordning i tabeller"), Financier, "position", initial=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.MUNICIPALITY
        ).order_by("name")


class InvoiceRunForm(GitsForm):
    year = year_field(_("År"))
    quarter = forms.TypedChoiceField(
        label=_("Kvartal"), choices=[(q, str(q)) for q in (1, 2, 3, 4)], coerce=int
    )


class SettlementForm(GitsForm):
    year = year_field(_("År att avräkna"))


class CreditForm(GitsForm):
    reason = forms.CharField(label=_("Skäl till krediteringen"), max_length=250)


class PaybackForm(GitsForm):
    amount = MoneyField(label=_("Överskott att betala tillbaka (kr)"))
    reference = optional_text(
        _("Beslut eller referens"),
        max_length=200,
        help_text=_(
            "Flera återbetalningar samma år skiljs åt genom sin referens; samma referens igen "
            "gör ingen ny återbetalning."
        ),
    )


class BudgetImportForm(GitsForm):
    year = year_field(_("Budgetår"))
    file = forms.FileField(
        label=_("Excelfil (.xlsx)"),
        help_text=_(
            "Rubrikrad med Budget och en kolumn per finansiär; en rad TOTALT jämförs med de beräknade summorna."
        ),
    )
    replace = forms.BooleanField(label=_("Ersätt budgetens nuvarande rader"), required=False)


class LevyForm(GitsForm):
    rate = MoneyField(label=_("Kronor per invånare"), initial=Decimal("6"))
    reference_date = date_field(_("Folkmängd per"), initial=dt.date(2024, 12, 31))
    accept_earlier = forms.BooleanField(
        label=_("Godta senast kända tidigare folkmängd där siffran saknas"), required=False
    )


class ScenarioForm(GitsForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    description = textarea(_("Beskrivning"), rows=3)
    reference_date = date_field(_("Folkmängd per"))
    accept_earlier = forms.BooleanField(
        label=_("Godta senast kända tidigare folkmängd där siffran saknas"), required=False
    )
    spread_method = forms.ChoiceField(
        label=_("Kommunernas andel fördelas"),
        choices=[c for c in SpreadMethod.choices if c[0] != SpreadMethod.USERS],
    )
    version = VersionField()


class AlternativeForm(GitsForm):
    name = forms.CharField(label=_("Alternativ"), max_length=200)
    total_cost = MoneyField(label=_("Total kostnad per år (kr)"))
