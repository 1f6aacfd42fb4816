from django import forms
from django.utils.translation import gettext_lazy as _

from gits.core.forms import GitsForm
from gits.operations.models import Category

HELP = {
    Category.SIGNATURE: _("När ett protokoll väntar på att du justerar det."),
    Category.REPORTS: _(
        "När statusrapporten för ett objekt du samordnar inte är inlämnad fast underlagsdagen har passerat. Påminnelsen före underlagsdagen skickas alltid."
    ),
    Category.CHANGES: _(
        "När någon annan ändrar läget för ett objekt, ärende, supportärende eller en utvecklingsaktivitet som du ansvarar för, eller för ett supportärende som du har anmält."
    ),
    Category.AGREEMENTS: _(
        "Sex, tre och en månad före sista dag att säga upp ett avtal för ett objekt du ansvarar för."
    ),
    Category.INVOICING: _("När ett kvartal är slut och kan faktureras (för ekonomin)."),
}


class PreferencesForm(GitsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.BooleanField(
                label=category.label, help_text=HELP[category], required=False
            )
