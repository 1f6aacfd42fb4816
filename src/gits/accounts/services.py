"""API tokens: created for a user with an expiry, shown once, stored as a hash only, listed
and revoked by their owner or an administrator (R-accounts in README "API")."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gits.accounts.models import TOKEN_MARK, ApiToken, hash_token
from gits.core.audit import audit_record
from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.core.permissions import can, require

DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 730
NAME_LENGTH = 100  # ApiToken.name

# Who may create or revoke a key is checked before the write (the command line acts as the
# system, and a user revokes their own keys without a right).
TOKEN = Recorded(ApiToken, ["user", "name", "expires_at"], name="accounts.token")


class TokenRefused(DomainError):
    """A bearer token that does not let anybody in: unknown, expired or revoked (401)."""

    status = 401


def _refused(message: str, code: str) -> TokenRefused:
    error = TokenRefused(message)
    error.code = code
    return error


def _may_manage(actor: Any, owner: Any) -> bool:
    return actor is not None and (actor.pk == owner.pk or can(actor, "accounts.token:manage"))


def token_create(
    *, user: Any, name: str = "", days: int = DEFAULT_TOKEN_DAYS, actor: Any = None
) -> tuple[ApiToken, str]:
    """Create an API token for `user` valid for `days` days (1 to 730); returns the record
    and the raw token, which is shown once and stored only as a hash. With an actor (the
    web page) the actor needs the right to create tokens, and to create one for somebody
    else the right to manage everybody's; without one the caller is the system (the command
    line)."""
    if actor is not None:
        require(actor, "accounts.token:create")
        if actor.pk != user.pk:
            require(actor, "accounts.token:manage")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_TOKEN_DAYS:
        raise DomainError(
            _("Ange giltighetstiden som 1–%(max)s dagar.") % {"max": MAX_TOKEN_DAYS},
            field="days",
        )
    name = (name or "").strip()
    if len(name) > NAME_LENGTH:
        raise DomainError(
            _("Namnet får vara högst %(n)s tecken.") % {"n": NAME_LENGTH}, field="name"
        )
    raw = TOKEN_MARK + secrets.token_urlsafe(32)
    token = TOKEN.create(
        obj=ApiToken(prefix=ApiToken.prefix_of(raw), key_hash=hash_token(raw)),
        actor=actor,
        check_right=False,
        values={"user": user, "name": name, "expires_at": timezone.now() + dt.timedelta(days=days)},
    )
    return token, raw


def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token at once: its owner may revoke their own, an administrator anybody's;
    `actor=None` is the system (the command line). A revoked token is never valid again."""
    if actor is not None and not _may_manage(actor, token.user):
        require(actor, "accounts.token:manage")
    with TOKEN.updating(
        token, actor=actor, version=None, check_right=False, verb="revoked", fields=["revoked_at"]
    ) as change:
        if change.obj.revoked_at is not None:
            raise DomainError(
                _("API-nyckeln %(token)s är redan återkallad.")
                % {"token": change.obj.shown_prefix},
            )
        change.obj.revoked_at = timezone.now()
    return change.obj


def tokens_visible_to(actor: Any, *, owner: Any = None) -> QuerySet[ApiToken]:
    """The tokens a user may see: their own; an administrator everybody's (or one owner's)."""
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    if can(actor, "accounts.token:manage"):
        return tokens.filter(user=owner) if owner is not None else tokens
    if not getattr(actor, "is_authenticated", False) or (
        owner is not None and owner.pk != actor.pk
    ):
        return tokens.none()
    return tokens.filter(user=actor)


def token_verify(raw: str) -> Any:
    """The active user behind a raw token; refused (TokenRefused, 401) when there is no such
    token, or as `token_check` says."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None:
        raise unknown_token()
    return token_check(token)


def unknown_token() -> TokenRefused:
    return _refused(_("Ogiltig eller saknad API-nyckel."), "token_unknown")


def token_check(token: ApiToken) -> Any:
    """The user of a stored token, if the token may be used now: refused (TokenRefused, 401)
    when it is revoked or expired (which leaves an entry in the token's history) or its user
    is deactivated. Notes when it was last used (at most once a minute)."""
    if not token.user.is_active:
        raise _refused(
            _("Användarkontot bakom API-nyckeln %(token)s är avstängt.")
            % {"token": token.shown_prefix},
            "token_inactive",
        )
    if token.revoked_at is not None or token.expired:
        revoked = token.revoked_at is not None
        audit_record(
            action="accounts.token.refused",
            obj=token,
            actor=None,
            changes={"reason": _("återkallad") if revoked else _("har gått ut")},
        )
        if revoked:
            raise _refused(
                _("API-nyckeln %(token)s är återkallad. Skapa en ny under Konto → API-nycklar.")
                % {"token": token.shown_prefix},
                "token_revoked",
            )
        raise _refused(
            _("API-nyckeln %(token)s gick ut %(date)s. Skapa en ny under Konto → API-nycklar.")
            % {
                "token": token.shown_prefix,
                "date": timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M"),
            },
            "token_expired",
        )
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_authenticate(raw: str) -> Any:
    """The active user behind a raw token, or None (no throttling: the API's bearer auth
    uses gits.accounts.throttle.token_login)."""
    try:
        return token_verify(raw)
    except TokenRefused:
        return None


def token_by_prefix(prefix: str) -> ApiToken:
    """The one token whose first characters are `prefix` (with or without `gits_` and `…`)."""
    prefix = prefix.strip().rstrip("…").removeprefix(TOKEN_MARK)
    matches = list(ApiToken.objects.select_related("user").filter(prefix=prefix)[:2])
    if not matches:
        raise DomainError(_("Ingen API-nyckel börjar med %(p)s.") % {"p": prefix}, field="prefix")
    if len(matches) > 1:
        raise DomainError(
            _("Flera API-nycklar börjar med %(p)s; återkalla dem på sidan API-nycklar.")
            % {"p": prefix},
            field="prefix",
        )
    return matches[0]


def user_for_username(username: str) -> Any:
    return get_user_model().objects.get(username=username)
