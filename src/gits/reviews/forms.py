"""Forms of the review pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import DateInput, GitsForm, VersionField
from gits.finance.models import Scenario, ScenarioAlternative
from gits.meetings.models import Decision
from gits.reviews.models import ReviewAlternative


def _decisions():
    return (
        Decision.objects.filter(outcome=Decision.Outcome.DECIDED)
        .select_related("item__meeting__body")
        .order_by("-item__meeting__date", "-item__number")
    )


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} {obj.item.title}"


class ReviewForm(GitsForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    purpose = forms.CharField(
        label=_("Syfte"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    assignment = forms.CharField(
        label=_("Uppdrag"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    assignment_decision = DecisionChoiceField(
        label=_("Beslut om uppdraget"), queryset=Decision.objects.none(), required=False
    )
    client = forms.CharField(label=_("Uppdragsgivare"), max_length=200, required=False)
    led_by = forms.CharField(label=_("Leds av"), max_length=300, required=False)
    start_date = forms.DateField(label=_("Påbörjas"), widget=DateInput(), required=False)
    due_date = forms.DateField(label=_("Slutleverans senast"), widget=DateInput(), required=False)
    scenario = forms.ModelChoiceField(
        label=_("Scenario med alternativens kostnader"),
        queryset=Scenario.objects.none(),
        required=False,
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment_decision"].queryset = _decisions()
        self.fields["scenario"].queryset = Scenario.objects.order_by("name")


class CloseForm(GitsForm):
    closing_decision = DecisionChoiceField(
        label=_("Beslut som avslutar översynen"), queryset=Decision.objects.none()
    )
    chosen_alternative = forms.ModelChoiceField(
        label=_("Valt alternativ"), queryset=ReviewAlternative.objects.none()
    )
    outcome = forms.CharField(
        label=_("Utfall"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField()

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closing_decision"].queryset = _decisions()
        self.fields["chosen_alternative"].queryset = ReviewAlternative.objects.filter(review=review)


class MilestoneForm(GitsForm):
    period = forms.CharField(label=_("Tidpunkt"), max_length=100, help_text=_("T.ex. ”Q3 2026”."))
    activity = forms.CharField(label=_("Aktivitet"), max_length=300)
    due_date = forms.DateField(label=_("Senast"), widget=DateInput(), required=False)
    done_on = forms.DateField(label=_("Klart den"), widget=DateInput(), required=False)


class DeliverableForm(GitsForm):
    name = forms.CharField(label=_("Leverans"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    due_date = forms.DateField(label=_("Senast"), widget=DateInput(), required=False)
    delivered_on = forms.DateField(label=_("Levererad den"), widget=DateInput(), required=False)


class StakeholderForm(GitsForm):
    name = forms.CharField(label=_("Intressent"), max_length=200)
    information_needs = forms.CharField(
        label=_("Informationsbehov"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    channel = forms.CharField(label=_("Kanal"), max_length=200, required=False)


class AlternativeForm(GitsForm):
    kind = forms.ChoiceField(label=_("Typ"), choices=ReviewAlternative.Kind.choices)
    name = forms.CharField(label=_("Alternativ"), max_length=200)
    consequences = forms.CharField(
        label=_("Konsekvenser och möjligheter"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    scenario_alternative = forms.ModelChoiceField(
        label=_("Kostnad enligt scenariot"),
        queryset=ScenarioAlternative.objects.none(),
        required=False,
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario_alternative"].queryset = ScenarioAlternative.objects.filter(
            scenario_id=getattr(review, "scenario_id", None)
        )


ITEM_FORMS = {
    "milestone": MilestoneForm,
    "deliverable": DeliverableForm,
    "stakeholder": StakeholderForm,
    "alternative": AlternativeForm,
}
