from django import forms
from django.utils.translation import gettext_lazy as _

from gits.accounts.services import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from gits.core.forms import GitsForm


class TokenForm(GitsForm):
    name = forms.CharField(
        label=_("Namn"),
        max_length=100,
        required=False,
        help_text=_("Vad nyckeln används till, t.ex. ”Rapportskript”."),
    )
    days = forms.IntegerField(
        label=_("Giltig i antal dagar"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        initial=DEFAULT_TOKEN_DAYS,
    )
