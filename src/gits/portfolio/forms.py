from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body, Person
from gits.core.forms import (
    GitsForm,
    RecordsField,
    VersionField,
    choice_of,
    date_field,
    optional_text,
    textarea,
    whole_number,
)
from gits.meetings.forms import DecisionField
from gits.organisations.models import Organisation
from gits.portfolio.models import (
    Agreement,
    Evaluation,
    Initiative,
    Judgement,
    ManagedObject,
    ObjectRole,
    SupportContact,
)
from gits.portfolio.rules import MOVES, choices_after
from gits.portfolio.selectors import CONTACT_PARTIES


def _parties():
    """The parties that name contacts and hold roles: the region and the municipalities."""
    return Organisation.objects.filter(kind__in=CONTACT_PARTIES).order_by("kind", "name")


class ObjectForm(GitsForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    short_name = forms.CharField(label=_("Kortnamn"), max_length=50)
    description = textarea(_("Beskrivning"), rows=3)
    area = forms.ChoiceField(label=_("Område"), choices=ManagedObject.Area.choices)
    horizon = forms.ChoiceField(label=_("Tidshorisont"), choices=ManagedObject.Horizon.choices)
    version = VersionField()


class MoveForm(GitsForm):
    to_state = forms.ChoiceField(label=_("Nytt läge"), choices=ManagedObject.State.choices)
    decision = DecisionField(label=_("SITIV-beslut"), required=False, text_chars=70)
    decision_reference = optional_text(
        _("eller beslutsreferens"),
        max_length=200,
        help_text=_("För beslut fattade före systemet, t.ex. ”SITIV 2010-11-05 § 4”."),
    )
    date = date_field(_("Datum"))
    version = VersionField()

    def offered_for(self, obj: ManagedObject) -> MoveForm | None:
        """The form as the object's page offers it: only the states the lifecycle allows from
        the object's (R-18), and SITIV's decisions that may concern it; none once the
        lifecycle has ended."""
        allowed = choices_after(ManagedObject.State.choices, obj.state, MOVES)
        if not allowed and not self.is_bound:
            return None
        self.fields["to_state"].choices = allowed
        self.fields["decision"].about(obj)
        return self


class RoleForm(GitsForm):
    role = forms.ChoiceField(label=_("Roll"), choices=ObjectRole.Role.choices)
    body = forms.ModelChoiceField(
        label=_("Organ"), queryset=Body.objects.order_by("pk"), required=False
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.order_by("last_name", "first_name"),
        required=False,
    )
    organisation = forms.ModelChoiceField(label=_("Part"), queryset=_parties(), required=False)
    holder_text = optional_text(_("Annan innehavare (fritext)"), max_length=200)
    start_date = date_field(_("Från"))
    end_date = date_field(_("Till och med"), required=False)


class ContactForm(GitsForm):
    party = forms.ModelChoiceField(label=_("Part"), queryset=_parties())
    kind = forms.ChoiceField(label=_("Typ"), choices=SupportContact.Kind.choices)
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = optional_text(_("Telefon"), max_length=40)


class SupportForm(GitsForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = textarea(_("Beskrivning"), rows=3, required=True)
    party = forms.ModelChoiceField(label=_("Från part"), queryset=_parties(), required=False)


class AgreementForm(GitsForm):
    """The terms of a draft agreement (and its notes)."""

    kind = forms.ChoiceField(label=_("Typ"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Benämning"), max_length=200)
    managed_object = choice_of(_("Förvaltningsobjekt"), ManagedObject, required=False)
    parties = RecordsField(label=_("Parter"), queryset=Organisation.objects.none(), required=False)
    counterparty = optional_text(_("Motpart (leverantör)"), max_length=200)
    start_date = date_field(_("Första period från"))
    first_end = date_field(_("Första period till och med"))
    renewal_years = forms.IntegerField(
        label=_("Förlängs med (år)"), min_value=0, max_value=10, help_text=_("0 = förlängs inte.")
    )
    notice_months = forms.IntegerField(
        label=_("Uppsägningstid (månader)"), min_value=0, max_value=36
    )
    notes = textarea(_("Anmärkning"), rows=2)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")
        self.fields["parties"].queryset = Organisation.objects.exclude(
            kind="municipality"
        ).order_by("kind", "name")


class AgreementNoticeForm(GitsForm):
    """What is recorded on a signed agreement: notice given and notes."""

    terminated_on = date_field(
        _("Upphör (efter uppsägning)"),
        required=False,
        help_text=_("Avtalets sista dag när någon part har sagt upp det."),
    )
    notes = textarea(_("Anmärkning"), rows=2)
    version = VersionField()


def _party_choices(parties) -> list[tuple[str, str]]:
    return [(p.key, p.label) for p in parties]


class SignatureForm(GitsForm):
    """One party's signature: for which party, who signed and when."""

    party = forms.ChoiceField(label=_("Undertecknat för"))
    person = choice_of(
        _("Undertecknat av"),
        Person,
        required=False,
        help_text=_("Personen som undertecknade. Lämna tomt om du själv undertecknar."),
    )
    signer_name = optional_text(
        _("eller namn"),
        max_length=200,
        help_text=_("För den som inte finns i personregistret, t.ex. leverantörens företrädare."),
    )
    by_actor = forms.BooleanField(label=_("Jag undertecknar själv"), required=False)
    signed_on = date_field(_("Undertecknat den"))
    version = VersionField()

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices(parties)
        self.fields["person"].queryset = Person.objects.select_related("organisation").order_by(
            "last_name", "first_name"
        )


class AgreementContactForm(GitsForm):
    """A named contact person of a party (seed 002)."""

    party = forms.ChoiceField(label=_("Part"))
    person = choice_of(_("Kontaktperson"), Person)
    role = optional_text(
        _("Roll"), max_length=200, help_text=_("T.ex. ”Regiondirektör” eller ”IT-direktör”.")
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices(parties)
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name")


class InitiativeForm(GitsForm):
    title = forms.CharField(label=_("Benämning"), max_length=200)
    goal = textarea(_("Mål"), rows=2)
    owner = choice_of(_("Ansvarig"), Person, required=False)
    state = forms.ChoiceField(label=_("Läge"), choices=Initiative.State.choices)
    start_date = date_field(_("Från"), required=False)
    end_date = date_field(_("Till"), required=False)
    budget = forms.DecimalField(
        label=_("Budget (kr)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.order_by("last_name", "first_name")


class CommunicationForm(GitsForm):
    title = forms.CharField(label=_("Kommunikationsplan"), max_length=200)
    purpose = textarea(_("Syfte"), rows=2)


class StakeholderForm(GitsForm):
    name = forms.CharField(label=_("Intressent"), max_length=200)
    information_needs = textarea(_("Informationsbehov"), rows=2)
    channel = optional_text(_("Kanal"), max_length=200)
    timing = optional_text(_("Tidpunkt"), max_length=200)


class EvaluationForm(GitsForm):
    """An evaluation against every active criterion (R-19): a verdict and its grounds for
    each (fields `verdict_<id>`, `grounds_<id>`), the users per side and the recommendation."""

    users_region = whole_number(_("Användare i regionen"), Evaluation, "users_region", initial=0)
    users_municipalities = whole_number(
        _("Användare i kommunerna"), Evaluation, "users_municipalities", initial=0
    )
    recommend = forms.TypedChoiceField(
        label=_("Rekommendation till SITIV"),
        choices=[
            ("yes", _("Rekommenderar samförvaltning")),
            ("no", _("Rekommenderar inte samförvaltning")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    recommendation = textarea(_("Motivering av rekommendationen"), rows=3)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"verdict_{c.pk}"] = forms.ChoiceField(
                label=f"{c.number}. {c.name}",
                help_text=c.description,
                choices=Judgement.Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Välj en bedömning.")},
            )
            self.fields[f"grounds_{c.pk}"] = textarea(_("Motivering"), rows=2)
        # The criteria first, as the page shows them.
        self.order_fields([name for c in self.criteria for name in self.criterion_names(c)])

    @staticmethod
    def criterion_names(criterion) -> tuple[str, str]:
        return f"verdict_{criterion.pk}", f"grounds_{criterion.pk}"

    def judged(self) -> list[tuple]:
        """Each criterion with its verdict and grounds fields, for the page."""
        return [(c, *(self[name] for name in self.criterion_names(c))) for c in self.criteria]

    def service_data(self, data: dict) -> dict:
        """The cleaned data as `evaluation_record` takes it: a judgement per criterion."""
        judgements = [
            {"criterion_id": c.pk, "verdict": data.pop(v), "grounds": data.pop(g)}
            for c in self.criteria
            for v, g in [self.criterion_names(c)]
        ]
        return {**data, "judgements": judgements}
