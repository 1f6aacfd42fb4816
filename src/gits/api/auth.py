"""Token auth for the API: `Authorization: Bearer <token>` (tokens from `gits token create`).

Reads are public like the web pages (anonymous visitors get the public view); writes need a
token, and the service then checks the user's rights."""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer

from gits.accounts.services import token_authenticate


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is not None:
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
