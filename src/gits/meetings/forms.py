import datetime as dt

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body, Membership, Person, active_on
from gits.core.forms import GitsForm, VersionField, choice_of, date_field, optional_text, textarea
from gits.meetings.models import Case, Decision, Meeting
from gits.organisations.models import Side
from gits.portfolio.models import ManagedObject


class TimeInput(forms.TimeInput):
    input_type = "time"


class CaseForm(GitsForm):
    body = choice_of(_("Organ"), Body)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = textarea(_("Beskrivning"))
    managed_object = choice_of(_("Förvaltningsobjekt"), ManagedObject, required=False)
    proposal = textarea(_("Förslag till beslut"), rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.order_by("pk")
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


class CasePreparationForm(GitsForm):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = textarea(_("Beskrivning"))
    managed_object = choice_of(_("Förvaltningsobjekt"), ManagedObject, required=False)
    preparer_region = choice_of(_("Beredare för regionen"), Person, required=False)
    preparer_municipalities = choice_of(_("Beredare för kommunerna"), Person, required=False)
    preparation = textarea(_("Beredning"), rows=5)
    proposal = textarea(_("Förslag till beslut"), rows=3)
    version = VersionField()

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        body = case.body if case is not None else None
        self.fields["preparer_region"].queryset = preparers(body, Side.REGION)
        self.fields["preparer_municipalities"].queryset = preparers(body, Side.MUNICIPALITIES)
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")


def preparers(body: Body | None, side: str, on: dt.date | None = None):
    """The people who may prepare a case of `body` for `side` (R-7): the officials sitting
    for that side in the body's preparation group on the date (today). A body without a
    preparation group has no such limit."""
    people = Person.objects.order_by("last_name", "first_name")
    group = (
        body.children.filter(kind=Body.Kind.PREPARATION_GROUP).first() if body is not None else None
    )
    if group is None:
        return people
    seats = Membership.objects.filter(active_on(on or dt.date.today()), body=group, side=side)
    return people.filter(pk__in=seats.values("person_id"))


class AttachmentForm(GitsForm):
    file = forms.FileField(
        label=_("Bilaga"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV eller bild; högst 20 MB."
        ),
        error_messages={"required": _("Välj en fil att bifoga.")},
    )


class MeetingForm(GitsForm):
    body = choice_of(_("Organ"), Body)
    date = date_field(_("Datum"))
    start_time = forms.TimeField(label=_("Starttid"), widget=TimeInput(), required=False)
    end_time = forms.TimeField(label=_("Sluttid"), widget=TimeInput(), required=False)
    place = optional_text(_("Plats"), max_length=200)
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
    text = textarea(_("Text (valfri)"), rows=2)


class AgendaTemplateForm(GitsForm):
    opening = textarea(
        _("Stående punkter före ärendena"), rows=6, help_text=_("En punkt per rad, i ordning.")
    )
    closing = textarea(
        _("Stående punkter efter ärendena"),
        help_text=_("En punkt per rad, i ordning. De står alltid sist på dagordningen."),
    )
    version = VersionField()


class AgendaAddForm(GitsForm):
    case = choice_of(_("Berett ärende"), Case)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Case.objects.select_related("body").filter(state=Case.State.PREPARED)
        if meeting is not None:
            qs = qs.filter(body=meeting.body)
        self.fields["case"].queryset = qs.order_by("year", "number")
        self.fields["case"].label_from_instance = lambda c: f"{c.diary_number} {c.title}"


class DecisionField(forms.ModelChoiceField):
    """A steering group's decision taken (outcome "decided"), the newest meeting's first,
    shown with the first `text_chars` characters of its text: what approves a plan or moves
    an object (R-18). Other bodies' decisions and referrals are not offered; the services
    refuse them anyway."""

    def __init__(self, *, text_chars: int = 80, **kwargs):
        super().__init__(
            queryset=Decision.objects.filter(
                outcome=Decision.Outcome.DECIDED, item__body__kind=Body.Kind.STEERING_GROUP
            )
            .select_related("item__meeting", "item__body")
            .order_by("-item__meeting__date", "-item__number"),
            **kwargs,
        )
        self.text_chars = text_chars

    def about(self, managed_object: ManagedObject) -> None:
        """Offer only the decisions that may concern the object: on a case about it, or on a
        case or free item that names no object."""
        self.queryset = self.queryset.filter(
            Q(item__case__isnull=True)
            | Q(item__case__managed_object__isnull=True)
            | Q(item__case__managed_object=managed_object)
        )

    def label_from_instance(self, obj):
        return f"{obj} – {obj.text[: self.text_chars]}"


class DecisionForm(GitsForm):
    outcome = forms.ChoiceField(
        label=_("Utfall"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    text = textarea(
        _("Beslutstext"), rows=3, help_text=_("Lämna tomt för att besluta enligt förslaget.")
    )
    objections = textarea(
        _("Invändningar från närvarande ledamöter"),
        rows=2,
        help_text=_("Finns en invändning kan inget beslut fattas (enighet)."),
    )


class AssignmentForm(GitsForm):
    assignee_body = choice_of(_("Till organ"), Body, required=False)
    assignee_person = choice_of(_("Till person"), Person, required=False)
    description = textarea(_("Uppdrag"), rows=3, required=True)
    expected_report = optional_text(_("Förväntad återrapportering"), max_length=300)
    due_date = date_field(_("Återrapporteras senast"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee_body"].queryset = Body.objects.order_by("pk")
        self.fields["assignee_person"].queryset = Person.objects.order_by("last_name", "first_name")


class AssignmentReportForm(GitsForm):
    reported_at = date_field(_("Återrapporterat"), initial=dt.date.today)
    report = textarea(_("Återrapport"), rows=3, required=True, missing=_("Skriv återrapporten."))
    version = VersionField()


class DecisionAmendForm(GitsForm):
    text = textarea(_("Beslutstext"), rows=6, required=True, missing=_("Ange beslutstexten."))
    version = VersionField()


def reason(label, missing, help_text=""):
    """Why a new version of the minutes is made: required, a line or two."""
    return textarea(label, rows=2, required=True, missing=missing, help_text=help_text)


class CorrectionForm(GitsForm):
    reason = reason(_("Skäl till rättelsen"), _("Ange varför protokollet rättas."))


class WithdrawForm(GitsForm):
    reason = reason(
        _("Skäl till att versionen dras tillbaka"),
        _("Ange varför versionen dras tillbaka."),
        help_text=_("De som har justerat versionen får skälet med e-post."),
    )
