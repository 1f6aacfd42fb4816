from django import forms
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body, Person
from gits.core.forms import DateInput, GitsForm, VersionField
from gits.meetings.models import Decision
from gits.organisations.models import Organisation
from gits.portfolio.models import Agreement, Initiative, ManagedObject, ObjectRole, SupportContact


def _parties():
    """The parties that name contacts and hold roles: the region and the municipalities."""
    return Organisation.objects.filter(kind__in=["region", "municipality"]).order_by("kind", "name")


class ObjectForm(GitsForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    short_name = forms.CharField(label=_("Kortnamn"), max_length=50)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    area = forms.ChoiceField(label=_("Område"), choices=ManagedObject.Area.choices)
    horizon = forms.ChoiceField(label=_("Tidshorisont"), choices=ManagedObject.Horizon.choices)
    version = VersionField()


class MoveForm(GitsForm):
    to_state = forms.ChoiceField(label=_("Nytt läge"), choices=ManagedObject.State.choices)
    decision = forms.ModelChoiceField(
        label=_("SITIV-beslut"), queryset=Decision.objects.none(), required=False
    )
    decision_reference = forms.CharField(
        label=_("eller beslutsreferens"),
        max_length=200,
        required=False,
        help_text=_("För beslut fattade före systemet, t.ex. ”SITIV 2010-11-05 § 4”."),
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.filter(outcome="decided")
            .select_related("item__meeting__body", "item__case")
            .order_by("-item__meeting__date")
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d} – {d.text[:70]}"


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
    holder_text = forms.CharField(
        label=_("Annan innehavare (fritext)"), max_length=200, required=False
    )
    start_date = forms.DateField(label=_("Från"), widget=DateInput())
    end_date = forms.DateField(label=_("Till och med"), widget=DateInput(), required=False)


class ContactForm(GitsForm):
    party = forms.ModelChoiceField(label=_("Part"), queryset=_parties())
    kind = forms.ChoiceField(label=_("Typ"), choices=SupportContact.Kind.choices)
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)


class SupportForm(GitsForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}))
    party = forms.ModelChoiceField(label=_("Från part"), queryset=_parties(), required=False)


class AgreementForm(GitsForm):
    """The terms of a draft agreement (and its notes)."""

    kind = forms.ChoiceField(label=_("Typ"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Benämning"), max_length=200)
    managed_object = forms.ModelChoiceField(
        label=_("Förvaltningsobjekt"), queryset=ManagedObject.objects.none(), required=False
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Parter"), queryset=Organisation.objects.none(), required=False
    )
    counterparty = forms.CharField(label=_("Motpart (leverantör)"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Första period från"), widget=DateInput())
    first_end = forms.DateField(label=_("Första period till och med"), widget=DateInput())
    renewal_years = forms.IntegerField(
        label=_("Förlängs med (år)"), min_value=0, max_value=10, help_text=_("0 = förlängs inte.")
    )
    notice_months = forms.IntegerField(
        label=_("Uppsägningstid (månader)"), min_value=0, max_value=36
    )
    notes = forms.CharField(
        label=_("Anmärkning"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managed_object"].queryset = ManagedObject.objects.order_by("name")
        self.fields["parties"].queryset = Organisation.objects.exclude(
            kind="municipality"
        ).order_by("kind", "name")


class AgreementNoticeForm(GitsForm):
    """What is recorded on a signed agreement: notice given and notes."""

    terminated_on = forms.DateField(
        label=_("Upphör (efter uppsägning)"),
        widget=DateInput(),
        required=False,
        help_text=_("Avtalets sista dag när någon part har sagt upp det."),
    )
    notes = forms.CharField(
        label=_("Anmärkning"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = VersionField()


def _party_choices(parties) -> list[tuple[str, str]]:
    return [(p.key, p.label) for p in parties]


class SignatureForm(GitsForm):
    """One party's signature: for which party, who signed and when."""

    party = forms.ChoiceField(label=_("Undertecknat för"))
    person = forms.ModelChoiceField(
        label=_("Undertecknat av"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Personen som undertecknade. Lämna tomt om du själv undertecknar."),
    )
    signer_name = forms.CharField(
        label=_("eller namn"),
        max_length=200,
        required=False,
        help_text=_("För den som inte finns i personregistret, t.ex. leverantörens företrädare."),
    )
    by_actor = forms.BooleanField(label=_("Jag undertecknar själv"), required=False)
    signed_on = forms.DateField(label=_("Undertecknat den"), widget=DateInput())
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
    person = forms.ModelChoiceField(label=_("Kontaktperson"), queryset=Person.objects.none())
    role = forms.CharField(
        label=_("Roll"),
        max_length=200,
        required=False,
        help_text=_("T.ex. ”Regiondirektör” eller ”IT-direktör”."),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices(parties)
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name")


class InitiativeForm(GitsForm):
    title = forms.CharField(label=_("Benämning"), max_length=200)
    goal = forms.CharField(label=_("Mål"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner = forms.ModelChoiceField(
        label=_("Ansvarig"), queryset=Person.objects.none(), required=False
    )
    state = forms.ChoiceField(label=_("Läge"), choices=Initiative.State.choices)
    start_date = forms.DateField(label=_("Från"), widget=DateInput(), required=False)
    end_date = forms.DateField(label=_("Till"), widget=DateInput(), required=False)
    budget = forms.DecimalField(
        label=_("Budget (kr)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.order_by("last_name", "first_name")


class CommunicationForm(GitsForm):
    title = forms.CharField(label=_("Kommunikationsplan"), max_length=200)
    purpose = forms.CharField(
        label=_("Syfte"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class StakeholderForm(GitsForm):
    name = forms.CharField(label=_("Intressent"), max_length=200)
    information_needs = forms.CharField(
        label=_("Informationsbehov"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    channel = forms.CharField(label=_("Kanal"), max_length=200, required=False)
    timing = forms.CharField(label=_("Tidpunkt"), max_length=200, required=False)
