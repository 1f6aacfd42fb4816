"""Every login, failed login and lockout leaves an audit entry, whatever the path (the login
form, /admin/, an API token, an identity provider): Django's and axes' login signals are the
one place all of them pass."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from gits.accounts.throttle import client_ip, cool_off_minutes
from gits.core.audit import audit_record


def _where(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        return {}
    return {"ip_address": client_ip(request), "path": request.path[:200]}


def _account(username: str | None) -> Any:
    """The user the attempt named, or an unsaved one carrying the name that was tried."""
    User = get_user_model()
    name = (username or "")[:150]
    return User.objects.filter(**{User.USERNAME_FIELD: name}).first() or User(
        **{User.USERNAME_FIELD: name}
    )


def _attempt(action: str, username: str | None, changes: dict[str, Any]) -> None:
    """An entry about an attempt no one is logged in for, on the account the name points to."""
    audit_record(
        action=action,
        obj=_account(username),
        actor=None,
        changes={"username": username or "", **changes},
    )


@receiver(user_logged_in, dispatch_uid="gits.accounts.login_succeeded")
def login_succeeded(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(action="accounts.login.succeeded", obj=user, actor=user, changes=_where(request))


@receiver(user_login_failed, dispatch_uid="gits.accounts.login_failed")
def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Runs after axes has counted the attempt (axes is installed before gits.accounts), so
    it knows whether the attempt was refused because of a lock."""
    User = get_user_model()
    username = credentials.get(User.USERNAME_FIELD)
    locked = bool(getattr(request, "axes_locked_out", False))
    _attempt("accounts.login.failed", username, {**_where(request), "locked_out": locked})


@receiver(user_locked_out, dispatch_uid="gits.accounts.locked_out")
def locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    """The lock itself, once: axes also signals each attempt refused during the lock, which
    the failed-login entry already records."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:  # an attempt while already locked
        return
    _attempt(
        "accounts.login.locked",
        username,
        {
            "ip_address": ip_address or "",
            "failures": failures,
            "cool_off_minutes": cool_off_minutes(),
        },
    )
