from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig


class SsoConfig(DomainConfig):
    name = "gits.sso"
    verbose_name = _("Inloggning med organisationens konto")
    default_auto_field = "django.db.models.BigAutoField"

    actions = {
        "sso.externalidentity": {
            "sso.login.succeeded": _("Inloggning med organisationens konto"),
            "sso.identity.linked": _("Konto hos identitetsleverantör kopplat"),
            "sso.account.created": _("Användarkonto skapat vid första inloggningen"),
            "sso.roles.changed": _("Roller ändrade av identitetsleverantören"),
        },
        "sso.refusedlogin": {"sso.login.failed": _("Inloggning med organisationens konto nekad")},
    }
    key_labels = {
        "sso.externalidentity": {
            "roles": _("roller"),
            "username": _("användarnamn"),
            "email": _("e-post"),
            "first_name": _("förnamn"),
            "last_name": _("efternamn"),
        },
    }

    def ready(self) -> None:
        super().ready()
        from gits.sso import conf

        # Fail fast: a half-configured identity provider stops the start, with the reason.
        conf.check()
