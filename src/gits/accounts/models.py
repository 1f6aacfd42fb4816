import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gits.core.fields import optional_moment, optional_text, parent_fk

TOKEN_MARK = "gits_"
PREFIX_LENGTH = 6


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its hash is stored; the token itself is shown
    once, when it is created."""

    user = parent_fk(settings.AUTH_USER_MODEL, _("användare"), related_name="api_tokens")
    name = optional_text(_("namn"), 100)
    prefix = models.CharField(_("nyckelns början"), max_length=8)
    key_hash = models.CharField(_("nyckelns kontrollsumma"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = optional_moment(_("senast använd"))
    revoked_at = optional_moment(_("återkallad"))
    expires_at = models.DateTimeField(_("giltig till"))

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["prefix"])]

    def __str__(self) -> str:
        return f"{self.user} {self.shown_prefix}"

    @staticmethod
    def prefix_of(raw: str) -> str:
        """The stored first characters of a raw token ("" for text that is no token)."""
        if not raw.startswith(TOKEN_MARK) or len(raw) < len(TOKEN_MARK) + PREFIX_LENGTH:
            return ""
        return raw[len(TOKEN_MARK) : len(TOKEN_MARK) + PREFIX_LENGTH]

    @property
    def shown_prefix(self) -> str:
        """How the token is named on pages and in the CLI: its first characters."""
        return f"{TOKEN_MARK}{self.prefix}…"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired
