from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gits.accounts"
    label = "accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        from gits.core.models import ACTION_LABELS

        ACTION_LABELS.update({"accounts.token.created": _("API-nyckel skapad")})
