from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "gits.sso"
    label = "sso"
    verbose_name = _("Inloggning med organisationens konto")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gits.core.history import register_actions
        from gits.sso import conf

        register_actions(
            "sso.externalidentity",
            {
                "sso.login.succeeded": _("Inloggning med organisationens konto"),
                "sso.identity.linked": _("Konto hos identitetsleverantör kopplat"),
                "sso.account.created": _("Användarkonto skapat vid första inloggningen"),
                "sso.roles.changed": _("Roller ändrade av identitetsleverantören"),
            },
            fields={
                "roles": _("roller"),
                "username": _("användarnamn"),
                "email": _("e-post"),
                "first_name": _("förnamn"),
                "last_name": _("efternamn"),
            },
        )
        register_actions(
            "sso.refusedlogin",
            {"sso.login.failed": _("Inloggning med organisationens konto nekad")},
        )
        # Fail fast: a half-configured identity provider stops the start, with the reason.
        conf.check()
