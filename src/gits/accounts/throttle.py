"""Login protection on every login path: the login form, /admin/ and API tokens.

django-axes counts failed logins per account and per address (settings AXES_*). Once either
reaches GITS_LOGIN_FAILURE_LIMIT within the cool-off period, logins for that account from
anywhere, and logins for any account from that address, are refused for
GITS_LOGIN_COOLOFF_MINUTES, even with the right password. The page says so in Swedish (429);
the API answers JSON `{detail, field, code}` with 429. Password logins go through
`django.contrib.auth.authenticate`, which asks the backend below first; token use is counted
by `token_login`, which the API's bearer auth calls.
"""

from __future__ import annotations

import ipaddress
import math
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt, AccessBase
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from gits.accounts.models import ApiToken, hash_token
from gits.accounts.services import token_check, token_verify, unknown_token
from gits.core.errors import DomainError

API_PREFIX = "/api/"


class LoginLocked(DomainError):
    """Too many failed logins for this account or from this address."""

    status = 429
    code = "locked"


class LoginThrottleBackend(AxesStandaloneBackend):
    """axes' AxesStandaloneBackend: refuses a locked account or address before any password
    is checked. A call without a request (the test client's `login`, a management command)
    has no address to count and is passed on to the next backend, where axes would raise."""

    def authenticate(self, request, username=None, password=None, **kwargs):  # type: ignore[override]
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The client's address. Directly connected, REMOTE_ADDR. Behind a reverse proxy
    (GITS_BEHIND_PROXY=1), the address our proxy put in X-Forwarded-For: the
    GITS_PROXY_COUNT-th entry from the right; entries to its left come from the client and
    could be anything."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not getattr(settings, "GITS_BEHIND_PROXY", False):
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    count = max(1, int(getattr(settings, "GITS_PROXY_COUNT", 1)))
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account name an attempt is counted for, cut to what axes' tables hold: a longer
    one is no account's, and PostgreSQL would refuse to store it (rule 10). It looks where
    axes looks when no callable is set: the credentials, else the posted form."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    if not isinstance(username, str):
        return username
    return username[: AccessAttempt._meta.get_field("username").max_length]


def lockout_parameters(request_or_attempt: Any, credentials: dict | None = None) -> list[str]:
    """Count per account and per address; an attempt without an account (a token whose
    owner is unknown) per address only (else all of them would count as one account)."""
    if isinstance(request_or_attempt, AccessBase):
        username = request_or_attempt.username
    else:
        username = get_client_username(request_or_attempt, credentials)
    return ["username", "ip_address"] if username else ["ip_address"]


def cool_off_minutes() -> int:
    cool_off = get_cool_off()
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else 0


def lockout_message() -> str:
    minutes = cool_off_minutes()
    return ngettext(
        "För många misslyckade inloggningsförsök. Inloggningen är spärrad i %(n)s minut, "
        "både för kontot och för adressen du loggar in från. Försök igen senare eller be "
        "en administratör häva spärren.",
        "För många misslyckade inloggningsförsök. Inloggningen är spärrad i %(n)s minuter, "
        "både för kontot och för adressen du loggar in från. Försök igen senare eller be "
        "en administratör häva spärren.",
        minutes,
    ) % {"n": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """What a locked login gets: the API a JSON error, a person the login page again with
    the reason (also for /admin/, whose form posts the same fields). Status 429."""
    message = lockout_message()
    retry_after = str(cool_off_minutes() * 60)
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse(
            {"detail": message, "field": None, "code": LoginLocked.code}, status=429
        )
    else:
        username = get_client_username(request, credentials) or ""
        form = AuthenticationForm(request, initial={"username": username})
        next_url = request.POST.get("next") or request.GET.get("next", "")
        response = render(
            request,
            "accounts/login.html",
            {"form": form, "locked_message": message, "next": next_url},
            status=429,
        )
    response["Retry-After"] = retry_after
    return response


def _token_owner(raw: str) -> str | None:
    """The username of the owner of the tokens that start like raw, when exactly one user
    has such tokens."""
    prefix = ApiToken.prefix_of(raw)
    if not prefix:
        return None
    owners = set(
        ApiToken.objects.filter(prefix=prefix).values_list("user__username", flat=True)[:2]
    )
    return owners.pop() if len(owners) == 1 else None


def _login_failed(request: HttpRequest, credentials: dict[str, Any]) -> None:
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def _failures(attempts: Any, **match: Any) -> Any:
    """The failures counted for one lockout parameter, as a subquery (axes' get_failures)."""
    counted = (
        attempts.filter(**match)
        .values(*match)
        .annotate(n=Sum("failures_since_start"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted), 0)


def _token_with_failures(request: HttpRequest, raw: str) -> ApiToken | None:
    """The stored token with the failures counted for its owner and for this address, in one
    query: a valid token costs no more queries than before there was a lockout."""
    threshold = get_cool_off_threshold(request)
    attempts = AccessAttempt.objects.filter(attempt_time__gte=threshold)
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw))
        .annotate(
            owner_failures=_failures(attempts, username=OuterRef("user__username")),
            address_failures=_failures(attempts, ip_address=request.axes_ip_address),  # type: ignore[attr-defined]
        )
        .first()
    )


def token_login(request: HttpRequest, raw: str) -> Any:
    """The user behind a bearer token, under the same protection as a password login: a
    locked account or address is refused (429) even with a valid token; an unknown token
    counts as a failed login for the address (and for the owner its first characters point
    to); an expired or revoked token is refused (401) without counting, since it is no guess.
    Raises DomainError (TokenRefused or LoginLocked)."""
    if not getattr(settings, "AXES_ENABLED", True):
        return token_verify(raw)
    AxesProxyHandler.update_request(request)
    token = _token_with_failures(request, raw)
    if token is None:
        return _unknown_token(request, raw)
    credentials = {"username": token.user.get_username()}
    limit = get_failure_limit(request, credentials)
    if max(token.owner_failures, token.address_failures) >= limit:  # type: ignore[attr-defined]
        _refuse_locked(request, credentials)
    return token_check(token)


def _refuse_locked(request: HttpRequest, credentials: dict[str, Any]) -> None:
    request.axes_locked_out = True  # type: ignore[attr-defined]
    _login_failed(request, credentials)  # recorded, not counted (axes: already locked)
    raise LoginLocked(lockout_message())


def _unknown_token(request: HttpRequest, raw: str) -> Any:
    credentials = {"username": _token_owner(raw)}
    if not AxesProxyHandler.is_allowed(request, credentials):
        _refuse_locked(request, credentials)
    _login_failed(request, credentials)
    if getattr(request, "axes_locked_out", False):
        raise LoginLocked(lockout_message())
    raise unknown_token()
