from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem

# Logins and accounts are recorded on the user. Django names most of its user's fields
# ("förnamn"); named here are the one it names otherwise and what the entries store beside them.
USER_FIELDS = {
    "date_joined": _("konto skapat"),
    "roles": _("roller"),
    "permissions": _("behörigheter i administrationen"),
    "usable_password": _("inloggning med lösenord"),
    "ip_address": _("adress"),
    "path": _("sida"),
    "locked_out": _("spärrad"),
    "failures": _("misslyckade försök"),
    "cool_off_minutes": _("spärrtid i minuter"),
}


class AccountsConfig(DomainConfig):
    name = "gits.accounts"
    verbose_name = _("Konton")

    # The administrator only.
    rights = {"accounts.token:manage": _("se och återkalla allas API-nycklar")}
    owners = {"accounts.ApiToken": lambda t: t.user}  # a key is its user's
    nav_items = [NavItem(_("API-nycklar"), "accounts:tokens", 95, login_required=True)]
    actions = {
        "accounts.apitoken": {
            "accounts.token.created": _("API-nyckel skapad"),
            "accounts.token.revoked": _("API-nyckel återkallad"),
            "accounts.token.refused": _("API-nyckel nekad"),
        },
        "auth.user": {
            "accounts.login.succeeded": _("Inloggning"),
            "accounts.login.failed": _("Misslyckad inloggning"),
            "accounts.login.locked": _("Inloggningen spärrad efter för många försök"),
            "accounts.user.created": _("Användarkonto skapat"),
            "accounts.user.changed": _("Användarkonto ändrat"),
            "accounts.user.password_changed": _("Lösenord bytt"),
        },
    }
    key_labels = {"auth.user": USER_FIELDS}

    def ready(self) -> None:
        super().ready()
        from gits.accounts import login_audit  # noqa: F401  (connects the login audit)
