from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.errors import DomainError
from gits.core.forms import (
    GitsForm,
    VersionField,
    choice_of,
    date_field,
    optional_text,
    whole_number,
)
from gits.core.uploads import CSV_TYPES as POPULATION_TYPES
from gits.core.uploads import accept_upload
from gits.organisations.importing import POPULATION_MAX_BYTES
from gits.organisations.models import Organisation, PopulationFigure


def federations():
    return Organisation.objects.filter(kind=Organisation.Kind.FEDERATION).order_by("name")


class OrganisationForm(GitsForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    short_name = optional_text(_("Kortnamn"), max_length=50)
    kind = forms.ChoiceField(label=_("Typ"), choices=Organisation.Kind.choices)
    org_number = optional_text(
        _("Organisationsnummer"),
        max_length=11,
        help_text=_("Tio siffror, t.ex. 212000-1355. Kontrollsiffran prövas."),
    )
    scb_code = optional_text(
        _("Kommunkod"), max_length=4, help_text=_("Bara för kommuner: SCB:s fyrsiffriga kod.")
    )
    federation = choice_of(_("Kommunalförbund"), Organisation, required=False)
    website = forms.URLField(label=_("Webbplats"), required=False, assume_scheme="https")
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["federation"].queryset = federations()


class PopulationForm(GitsForm):
    reference_date = date_field(_("Avser datum"), help_text=_("Normalt den 31 december."))
    population = whole_number(_("Folkmängd"), PopulationFigure, "population")
    source = forms.CharField(
        label=_("Källa"), max_length=300, initial="SCB, Statistikdatabasen BE0101"
    )
    note = optional_text(_("Anmärkning"), max_length=300)


class PopulationImportForm(GitsForm):
    file = forms.FileField(
        label=_("Fil (CSV)"),
        help_text=_(
            "SCB:s tabell BE0101 sparad som CSV (kolumnen ”region” med kod och namn och en "
            "kolumn per år), eller en CSV med kolumnerna scb_code, population, population_date "
            "och source. Allt eller inget importeras."
        ),
    )
    reference_date = date_field(
        _("Avser datum"),
        required=False,
        help_text=_("Behövs bara om filen har en kolumn med folkmängd men ingen datumkolumn."),
    )
    source = optional_text(
        _("Källa"), max_length=300, help_text=_("Används för rader som saknar egen källa.")
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        try:
            accept_upload(f, types=POPULATION_TYPES, max_bytes=POPULATION_MAX_BYTES)
        except DomainError as err:
            raise forms.ValidationError(str(err.message)) from err
        return f
