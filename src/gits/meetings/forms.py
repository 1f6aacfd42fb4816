import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body, Person
from gits.core.forms import DateInput, GitsForm, VersionField
from gits.meetings.models import Case, Decision, Meeting
from gits.portfolio.models import ManagedObject


class TimeInput(forms.TimeInput):
    input_type = "time"


class CaseForm(GitsForm):
    body = forms.ModelChoiceField(label=_("Organ"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"), queryset=ManagedObject.objects.none(), required=False
    )
    proposal = forms.CharField(
        label=_("Förslag till beslut"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.order_by("pk")
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


class CasePreparationForm(GitsForm):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"), queryset=ManagedObject.objects.none(), required=False
    )
    preparer_region = forms.ModelChoiceField(
        label=_("Beredare för regionen"), queryset=Person.objects.none(), required=False
    )
    preparer_municipalities = forms.ModelChoiceField(
        label=_("Beredare för kommunerna"), queryset=Person.objects.none(), required=False
    )
    preparation = forms.CharField(
        label=_("Beredning"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    proposal = forms.CharField(
        label=_("Förslag till beslut"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.order_by("last_name", "first_name")
        self.fields["preparer_region"].queryset = people
        self.fields["preparer_municipalities"].queryset = people
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


class AttachmentForm(GitsForm):
    file = forms.FileField(
        label=_("Bilaga"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV eller bild; högst 20 MB."
        ),
    )


class MeetingForm(GitsForm):
    body = forms.ModelChoiceField(label=_("Organ"), queryset=Body.objects.none())
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starttid"), widget=TimeInput(), required=False)
    end_time = forms.TimeField(label=_("Sluttid"), widget=TimeInput(), required=False)
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Typ"), choices=Meeting.Kind.choices)
    material_days = forms.IntegerField(
        label=_("Underlag senast, dagar före"),
        min_value=0,
        max_value=90,
        required=False,
        help_text=_("Lämna tomt för organets standard."),
    )
    standard_agenda = forms.BooleanField(
        label=_("Använd standarddagordningen"),
        required=False,
        help_text=_(
            "Dagordningen börjar med organets stående punkter (öppnande, val av justerare, godkännande av dagordningen, rapporter) och slutar med övriga frågor och avslutning. Ärendena hamnar emellan."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.order_by("pk")


class FreeItemForm(GitsForm):
    """A free item without a case (information, a report, a question of the day)."""

    title = forms.CharField(label=_("Rubrik på punkten"), max_length=300)
    text = forms.CharField(
        label=_("Text (valfri)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AgendaTemplateForm(GitsForm):
    opening = forms.CharField(
        label=_("Stående punkter före ärendena"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("En punkt per rad, i ordning."),
    )
    closing = forms.CharField(
        label=_("Stående punkter efter ärendena"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("En punkt per rad, i ordning. De står alltid sist på dagordningen."),
    )
    version = VersionField()


class AgendaAddForm(GitsForm):
    case = forms.ModelChoiceField(label=_("Berett ärende"), queryset=Case.objects.none())

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Case.objects.select_related("body").filter(state=Case.State.PREPARED)
        if meeting is not None:
            qs = qs.filter(body=meeting.body)
        self.fields["case"].queryset = qs.order_by("year", "number")
        self.fields["case"].label_from_instance = lambda c: f"{c.diary_number} {c.title}"


class DecisionForm(GitsForm):
    outcome = forms.ChoiceField(
        label=_("Utfall"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Beslutstext"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Lämna tomt för att besluta enligt förslaget."),
    )
    objections = forms.CharField(
        label=_("Invändningar från närvarande ledamöter"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Finns en invändning kan inget beslut fattas (enighet)."),
    )


class AssignmentForm(GitsForm):
    assignee_body = forms.ModelChoiceField(
        label=_("Till organ"), queryset=Body.objects.none(), required=False
    )
    assignee_person = forms.ModelChoiceField(
        label=_("Till person"), queryset=Person.objects.none(), required=False
    )
    description = forms.CharField(label=_("Uppdrag"), widget=forms.Textarea(attrs={"rows": 3}))
    expected_report = forms.CharField(
        label=_("Förväntad återrapportering"), max_length=300, required=False
    )
    due_date = forms.DateField(label=_("Återrapporteras senast"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee_body"].queryset = Body.objects.order_by("pk")
        self.fields["assignee_person"].queryset = Person.objects.order_by("last_name", "first_name")


class AssignmentReportForm(GitsForm):
    reported_at = forms.DateField(
        label=_("Återrapporterat"), widget=DateInput(), initial=dt.date.today
    )
    report = forms.CharField(label=_("Återrapport"), widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()


class CorrectionForm(GitsForm):
    reason = forms.CharField(
        label=_("Skäl till rättelsen"), widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(GitsForm):
    reason = forms.CharField(
        label=_("Skäl till att versionen dras tillbaka"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De som har justerat versionen får skälet med e-post."),
    )
