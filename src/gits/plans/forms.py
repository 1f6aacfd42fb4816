import datetime as dt
from operator import attrgetter

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import (
    GitsForm,
    VersionField,
    choice_of,
    date_field,
    optional_text,
    textarea,
    year_field,
)
from gits.meetings.forms import DecisionField
from gits.meetings.models import Meeting
from gits.plans.models import (
    PLAN_SECTIONS,
    SECTION_FIELDS,
    STATUS_FIELDS,
    STATUS_TEXT_FIELDS,
    Deviation,
    Goal,
    ManagementPlan,
    PlanResource,
)
from gits.portfolio.models import ManagedObject


def steering_meetings():
    return (
        Meeting.objects.filter(body__kind="steering_group").select_related("body").order_by("-date")
    )


class PlanCreateForm(GitsForm):
    """A new plan: an object and the year, chosen on the page before (a hidden field).

    `offered` narrows the list to the objects the page offers (those without a plan for the
    year that match the search); any object is accepted, so the service says why one that
    already has a plan for the year cannot have another."""

    managed_object = choice_of(_("Förvaltningsobjekt"), ManagedObject)
    year = year_field(_("År"), widget=forms.HiddenInput)

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["managed_object"]
        field.queryset = ManagedObject.objects.order_by("name")
        field.label_from_instance = attrgetter("full_name")
        if offered is not None:
            shown = forms.ModelChoiceField(queryset=offered, empty_label=field.empty_label)
            shown.label_from_instance = attrgetter("full_name")
            field.widget.choices = shown.choices


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
    role = optional_text(_("Roll"), max_length=200)
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
    meeting = choice_of(_("Sammanträde"), Meeting)

    def __init__(self, *args, plan: ManagementPlan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = steering_meetings()
        self.fields["meeting"].queryset = meetings
        if plan is not None and not self.is_bound:
            # Chosen: the plan's meeting while it lies ahead, else the next one, where a plan
            # that was not approved in time goes now. A past one may still be chosen, to
            # record afterwards where a plan went.
            today = dt.date.today()
            ahead = plan.meeting if plan.meeting and plan.meeting.date >= today else None
            self.initial["meeting"] = (
                ahead.pk
                if ahead
                else meetings.filter(date__gte=today).values_list("pk", flat=True).last()
            )


class ApproveForm(GitsForm):
    decision = DecisionField(label=_("SITIV-beslut"))


class StatusReportForm(GitsForm):
    date = date_field(_("Datum"))
    coordinators = optional_text(
        _("Ansvarig funktionskoordinator"),
        max_length=300,
        help_text=_("Ange vem eller vilka som är ansvariga för förvaltningsobjektet."),
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in STATUS_FIELDS:
            self.fields[name] = textarea(label, help_text=help_text)
        self.order_fields(["date", "coordinators", *STATUS_TEXT_FIELDS, "version"])


class DeviationForm(GitsForm):
    managed_object = choice_of(_("Förvaltningsobjekt"), ManagedObject)
    date = date_field(_("Datum"))
    description = textarea(_("Avvikelse"), rows=3, required=True)
    severity = forms.ChoiceField(label=_("Allvarlighetsgrad"), choices=Deviation.Severity.choices)
    action = textarea(_("Åtgärd"), rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


class QuarterlyDraftForm(GitsForm):
    """Which quarter's report to draft from the system's data (R-20)."""

    year = year_field(_("År"))
    quarter = forms.TypedChoiceField(
        label=_("Kvartal"), choices=[(n, str(n)) for n in range(1, 5)], coerce=int
    )


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
    area = optional_text(_("Område"), max_length=200)
    text = textarea(_("Mål"), rows=2, required=True, missing=_("Skriv målet."))


class FollowUpForm(GitsForm):
    state = forms.ChoiceField(label=_("Läge"), choices=Goal.State.choices)
    comment = textarea(_("Kommentar"), rows=2)
    version = VersionField()


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
