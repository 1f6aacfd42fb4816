import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gits.accounts.models import ApiToken, hash_token
from gits.core.audit import audit_record


def token_create(*, user, name: str = "", actor=None) -> tuple[ApiToken, str]:
    """Create an API token for user; returns the record and the raw token (shown once)."""
    raw = "gits_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=raw[5:11], key_hash=hash_token(raw)
        )
        audit_record(
            action="accounts.token.created",
            obj=token,
            actor=actor or user,
            changes={"user": [None, user.get_username()], "name": [None, name]},
        )
    return token, raw


def token_authenticate(raw: str):
    """The active user behind a raw token, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_for_username(username: str):
    return get_user_model().objects.get(username=username)
