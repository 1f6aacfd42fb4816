from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.fields import optional_moment, optional_text, parent_fk, weak_fk
from gits.core.models import unique


class Protocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


class ExternalIdentity(models.Model):
    """A user's account at an identity provider, linked to the GITS user it signed in as.

    Made at the first sign-in, when the configured claim or attribute matched the user (or
    the account was created); later sign-ins find the user through it."""

    user = parent_fk(settings.AUTH_USER_MODEL, _("användare"), related_name="external_identities")
    protocol = models.CharField(_("protokoll"), max_length=10, choices=Protocol.choices)
    issuer = models.CharField(_("identitetsleverantör"), max_length=500)
    subject = models.CharField(_("identitet hos leverantören"), max_length=500)
    created_at = models.DateTimeField(_("kopplad"), auto_now_add=True)
    last_login_at = optional_moment(_("senaste inloggning"))

    class Meta:
        verbose_name = _("extern identitet")
        verbose_name_plural = _("externa identiteter")
        constraints = [unique("protocol", "issuer", "subject", name="sso_identity_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_protocol_display()})"


class RefusedLogin(models.Model):
    """A sign-in through an identity provider that GITS refused, with the reason. Kept so an
    administrator can see who tried and why it failed; the audit entry points here."""

    class Reason(models.TextChoices):
        PROTOCOL = "protocol", _("Svaret från identitetsleverantören kunde inte godkännas")
        PROVIDER = "provider", _("Identitetsleverantören avbröt inloggningen")
        SESSION = "session", _("Inloggningen påbörjades inte i den här webbläsaren")
        MISSING_CLAIM = "missing_claim", _("Uppgiften som användaren känns igen på saknades")
        UNKNOWN_USER = "unknown_user", _("Ingen användare i GITS matchar kontot")
        AMBIGUOUS = "ambiguous", _("Flera användare i GITS matchar kontot")
        INACTIVE = "inactive", _("Användarkontot i GITS är avstängt")
        UNAVAILABLE = "unavailable", _("Identitetsleverantören gick inte att nå")

    protocol = models.CharField(_("protokoll"), max_length=10, choices=Protocol.choices)
    issuer = optional_text(_("identitetsleverantör"), 500)
    subject = optional_text(_("identitet hos leverantören"), 500)
    claimed = optional_text(_("uppgift att känna igen"), 500)
    reason = models.CharField(_("orsak"), max_length=20, choices=Reason.choices)
    detail = optional_text(_("teknisk förklaring"))
    user = weak_fk(settings.AUTH_USER_MODEL, _("användare"))
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nekad inloggning")
        verbose_name_plural = _("nekade inloggningar")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        who = self.claimed or self.subject or "?"
        return f"{who} ({self.get_protocol_display()}): {self.get_reason_display()}"
