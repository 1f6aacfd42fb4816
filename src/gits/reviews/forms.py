"""Forms of the review pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import GitsForm, VersionField, choice_of, date_field, optional_text, textarea
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
    purpose = textarea(_("Syfte"), rows=3)
    assignment = textarea(_("Uppdrag"), rows=3)
    assignment_decision = DecisionChoiceField(
        label=_("Beslut om uppdraget"), queryset=Decision.objects.none(), required=False
    )
    client = optional_text(_("Uppdragsgivare"), max_length=200)
    led_by = optional_text(_("Leds av"), max_length=300)
    start_date = date_field(_("Påbörjas"), required=False)
    due_date = date_field(_("Slutleverans senast"), required=False)
    scenario = choice_of(_("Scenario med alternativens kostnader"), Scenario, required=False)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment_decision"].queryset = _decisions()
        self.fields["scenario"].queryset = Scenario.objects.order_by("name")


class CloseForm(GitsForm):
    closing_decision = DecisionChoiceField(
        label=_("Beslut som avslutar översynen"), queryset=Decision.objects.none()
    )
    chosen_alternative = choice_of(_("Valt alternativ"), ReviewAlternative)
    outcome = textarea(_("Utfall"), rows=3)
    version = VersionField()

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closing_decision"].queryset = _decisions()
        self.fields["chosen_alternative"].queryset = ReviewAlternative.objects.filter(review=review)


class MilestoneForm(GitsForm):
    period = forms.CharField(label=_("Tidpunkt"), max_length=100, help_text=_("T.ex. ”Q3 2026”."))
    activity = forms.CharField(label=_("Aktivitet"), max_length=300)
    due_date = date_field(_("Senast"), required=False)
    done_on = date_field(_("Klart den"), required=False)


class DeliverableForm(GitsForm):
    name = forms.CharField(label=_("Leverans"), max_length=200)
    description = textarea(_("Beskrivning"), rows=2)
    due_date = date_field(_("Senast"), required=False)
    delivered_on = date_field(_("Levererad den"), required=False)


class StakeholderForm(GitsForm):
    name = forms.CharField(label=_("Intressent"), max_length=200)
    information_needs = textarea(_("Informationsbehov"), rows=2)
    channel = optional_text(_("Kanal"), max_length=200)


class AlternativeForm(GitsForm):
    kind = forms.ChoiceField(label=_("Typ"), choices=ReviewAlternative.Kind.choices)
    name = forms.CharField(label=_("Alternativ"), max_length=200)
    consequences = textarea(_("Konsekvenser och möjligheter"), rows=2)
    scenario_alternative = choice_of(
        _("Kostnad enligt scenariot"), ScenarioAlternative, required=False
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario_alternative"].queryset = ScenarioAlternative.objects.filter(
            scenario_id=getattr(review, "scenario_id", None)
        )


def _editing(form_class: type[forms.Form]) -> type[forms.Form]:
    """A part's form as its edit page shows it: with the version read (rule 4)."""
    return type(f"{form_class.__name__}Edit", (form_class,), {"version": VersionField()})


ITEM_FORMS = {
    "milestone": MilestoneForm,
    "deliverable": DeliverableForm,
    "stakeholder": StakeholderForm,
    "alternative": AlternativeForm,
}
ITEM_EDIT_FORMS = {part: _editing(form) for part, form in ITEM_FORMS.items()}
