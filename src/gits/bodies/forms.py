import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gits.bodies.models import Body, Membership, Person
from gits.core.forms import GitsForm, VersionField, choice_of, date_field, optional_text, textarea
from gits.core.permissions import ROLES
from gits.organisations.models import Organisation, Side


class PersonForm(GitsForm):
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    title = optional_text(_("Befattning"), max_length=200)
    organisation = choice_of(
        _("Organisation"),
        Organisation,
        required=False,
        help_text=_("Den part personen företräder; avgör vilken sida hen kan sitta för."),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = optional_text(_("Telefon"), max_length=40)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("kind", "name")


class BodyForm(GitsForm):
    short_name = forms.CharField(label=_("Kortnamn"), max_length=50)
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ"), choices=Body.Kind.choices)
    description = textarea(_("Beskrivning"), rows=3)
    parent = choice_of(_("Utses av / ingår i"), Body, required=False)
    members_from_parent = forms.BooleanField(
        label=_("Ledamöterna utses ur det överordnade organet"), required=False
    )
    seats_region = forms.IntegerField(label=_("Platser för regionen"), min_value=0, max_value=99)
    seats_municipalities = forms.IntegerField(
        label=_("Platser för kommunerna"), min_value=0, max_value=99
    )
    chair_rotates = forms.BooleanField(
        label=_("Ordförandeskapet växlar årligen mellan sidorna"), required=False
    )
    chair_base_year = forms.IntegerField(
        label=_("Basår för växlingen"), required=False, min_value=1990, max_value=2100
    )
    chair_base_side = forms.ChoiceField(
        label=_("Sida med ordförandeskapet basåret"),
        choices=[("", "–"), *Side.choices],
        required=False,
    )
    min_meetings_per_year = forms.IntegerField(
        label=_("Minsta antal sammanträden per år"), min_value=0, max_value=52
    )
    material_days = forms.IntegerField(
        label=_("Underlag senast, dagar före sammanträdet"), min_value=0, max_value=90
    )
    version = VersionField()

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Body.objects.order_by("pk")
        if body is not None:
            parents = parents.exclude(pk=body.pk)
        self.fields["parent"].queryset = parents


class MembershipForm(GitsForm):
    person = choice_of(_("Person"), Person)
    side = forms.ChoiceField(label=_("Sida"), choices=Side.choices)
    role = forms.ChoiceField(
        label=_("Roll"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    start_date = date_field(_("Från"))
    end_date = date_field(
        _("Till och med"),
        required=False,
        help_text=_("Lämna tomt för ett uppdrag som gäller tills vidare."),
    )
    note = optional_text(_("Anmärkning"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("organisation").order_by(
            "last_name", "first_name"
        )
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.last_name}, {p.first_name}" + (f" ({p.organisation})" if p.organisation_id else "")
        )
        # The same options read as plain rows: hundreds of people without a model instance
        # each (the queryset above still checks what is posted).
        self.fields["person"].choices = [
            ("", "---------"),
            *(
                (pk, f"{last}, {first}" + (f" ({org})" if org is not None else ""))
                for pk, last, first, org in Person.objects.order_by(
                    "last_name", "first_name"
                ).values_list("pk", "last_name", "first_name", "organisation__name")
            ),
        ]
        self.fields["start_date"].initial = dt.date.today()


class MembershipEndForm(GitsForm):
    end_date = date_field(_("Sista dag i uppdraget"))
    version = VersionField()


class PersonAccountForm(GitsForm):
    """Which user account is the person's: accounts that belong to nobody else."""

    user = forms.ModelChoiceField(
        label=_("Användarkonto"),
        queryset=None,
        required=False,
        empty_label=_("Inget konto"),
        help_text=_(
            "Konton som inte redan hör till en annan person. Välj ”Inget konto” för att ta "
            "bort kopplingen."
        ),
    )
    version = VersionField()

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(person__isnull=True) | Q(person=person))
            .order_by("username")
        )
        field.label_from_instance = lambda u: (
            f"{u.get_username()} ({u.get_full_name()})" if u.get_full_name() else u.get_username()
        )


class PersonAccountCreateForm(GitsForm):
    """A new account for the person: name and e-mail come from the person."""

    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    role = forms.ChoiceField(label=_("Roll"), choices=())
    person_version = VersionField()  # not `version`: both forms share one page

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(code, label) for code, (label, _r) in ROLES.items()]
