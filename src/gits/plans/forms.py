from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import DateInput, GitsForm, VersionField
from gits.meetings.models import Decision, Meeting
from gits.plans.models import (
    PLAN_SECTIONS,
    SECTION_FIELDS,
    STATUS_FIELDS,
    STATUS_TEXT_FIELDS,
    Deviation,
    Goal,
    PlanResource,
)
from gits.portfolio.models import ManagedObject


def textarea(label, *, rows: int = 4, help_text="") -> forms.CharField:
    """An optional text of several lines."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def steering_meetings():
    return (
        Meeting.objects.filter(body__kind="steering_group").select_related("body").order_by("-date")
    )


class PlanCreateForm(GitsForm):
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"), queryset=ManagedObject.objects.none()
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


class PlanForm(GitsForm):
    version = VersionField()
    budget = forms.DecimalField(
        label=_("Beslutad budget (kr)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=0,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in PLAN_SECTIONS:
            self.fields[name] = textarea(label)
        self.order_fields([*SECTION_FIELDS, "budget", "version"])


class ResourceForm(forms.Form):
    role = forms.CharField(label=_("Roll"), max_length=200, required=False)
    activities = textarea(_("Område / aktiviteter"), rows=2)
    employment_form = forms.ChoiceField(
        label=_("Anställningsform"),
        choices=[("", "–"), *PlanResource.EmploymentForm.choices],
        required=False,
    )
    fte = forms.DecimalField(
        label=_("Andel av heltid"),
        max_digits=4,
        decimal_places=2,
        min_value=0,
        max_value=1,
        required=False,
    )


ResourceFormSet = forms.formset_factory(ResourceForm, extra=2)


class SubmitForm(GitsForm):
    meeting = forms.ModelChoiceField(label=_("Sammanträde"), queryset=Meeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = steering_meetings()


class ApproveForm(GitsForm):
    decision = forms.ModelChoiceField(label=_("SITIV-beslut"), queryset=Decision.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.filter(outcome="decided")
            .select_related("item__meeting__body", "item__case")
            .order_by("-item__meeting__date")
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d} – {d.text[:80]}"


class StatusReportForm(GitsForm):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    coordinators = forms.CharField(
        label=_("Ansvarig funktionskoordinator"),
        max_length=300,
        required=False,
        help_text=_("Ange vem eller vilka som är ansvariga för förvaltningsobjektet."),
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in STATUS_FIELDS:
            self.fields[name] = textarea(label, help_text=help_text)
        self.order_fields(["date", "coordinators", *STATUS_TEXT_FIELDS, "version"])


class DeviationForm(GitsForm):
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"), queryset=ManagedObject.objects.none()
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    description = forms.CharField(label=_("Avvikelse"), widget=forms.Textarea(attrs={"rows": 3}))
    severity = forms.ChoiceField(label=_("Allvarlighetsgrad"), choices=Deviation.Severity.choices)
    action = textarea(_("Åtgärd"), rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


class QuarterlyForm(GitsForm):
    economy_staffing = textarea(_("Ekonomi och bemanning"))
    objects_status = textarea(_("Status per förvaltningsobjekt mot plan"), rows=6)
    development = textarea(_("Utvecklingsaktiviteter och projekt"))
    deviations = textarea(_("Avvikelser"))
    goals = textarea(_("Uppföljning av mål"))
    other = textarea(_("Övrigt som styrgruppen efterfrågat"))
    version = VersionField()


class GoalForm(GitsForm):
    horizon = forms.ChoiceField(label=_("Typ"), choices=Goal.Horizon.choices)
    area = forms.CharField(label=_("Område"), max_length=200, required=False)
    text = forms.CharField(label=_("Mål"), widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(GitsForm):
    state = forms.ChoiceField(label=_("Läge"), choices=Goal.State.choices)
    comment = textarea(_("Kommentar"), rows=2)


class WordReportForm(GitsForm):
    """The old Word form (seed 003) to read a status report from; nothing is saved yet."""

    file = forms.FileField(
        label=_("Statusrapport i Word (.docx)"),
        widget=forms.FileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
        help_text=_(
            "Den ifyllda blanketten för statusrapporter. GITS läser de åtta fälten och visar dem "
            "i formuläret, där du kontrollerar dem innan något sparas."
        ),
    )
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"),
        queryset=ManagedObject.objects.none(),
        required=False,
        empty_label=_("Det som står i filen"),
        help_text=_("Lämna som det är för att använda förvaltningsobjektet som står i filen."),
    )

    def __init__(self, *args, objects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = ManagedObject.objects.filter(
            pk__in=[o.pk for o in objects or []]
        ).order_by("name")
