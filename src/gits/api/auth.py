"""Token auth for the API: `Authorization: Bearer <token>` (tokens from `gits token create` or
the page Konto → API-nycklar).

Reads are public like the web pages (anonymous visitors get the public view); writes need a
token, and the service then checks the user's rights. Token use is throttled like a password
login (gits.accounts.throttle.token_login): guessing locks the address, and the owner the
token's first characters point to; a locked, unknown, expired or revoked token gets the JSON
error `{detail, field, code}` with 429 or 401."""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer

from gits.accounts.throttle import token_login


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_login(request, token)
        request.user = user
        return user


class OptionalBearer(BearerAuth):
    """A valid token identifies the user; no header means an anonymous reader; a wrong token
    is refused rather than silently treated as anonymous."""

    def __call__(self, request):
        if not request.headers.get("Authorization"):
            request.user = AnonymousUser()
            return AnonymousUser()
        return super().__call__(request)


bearer = BearerAuth()
optional = OptionalBearer()
