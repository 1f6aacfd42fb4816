from django import forms
from django.utils.translation import gettext_lazy as _

from gits.accounts.services import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from gits.core.forms import GitsForm, optional_text


class TokenForm(GitsForm):
    name = optional_text(
        _("Namn"), max_length=100, help_text=_("Vad nyckeln används till, t.ex. ”Rapportskript”.")
    )
    days = forms.IntegerField(
        label=_("Giltig i antal dagar"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        initial=DEFAULT_TOKEN_DAYS,
    )
