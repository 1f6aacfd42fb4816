import datetime as dt

from django.contrib.auth import get_user_model
from ninja import Router, Schema

from gits.accounts import services
from gits.accounts.models import ApiToken
from gits.api.common import ERRORS, get_or_404

router = Router(tags=["Konton"])


class TokenOut(Schema):
    id: int
    user_id: int
    username: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    active: bool

    @staticmethod
    def resolve_username(obj: ApiToken) -> str:
        return obj.user.get_username()

    @staticmethod
    def resolve_prefix(obj: ApiToken) -> str:
        return obj.shown_prefix


@router.get("/tokens", response={200: list[TokenOut], **ERRORS})
def list_tokens(request, user_id: int | None = None):
    """Your API keys (never the keys themselves, only how they begin); an administrator
    sees everybody's, or one user's with `user_id`."""
    owner = get_or_404(get_user_model(), pk=user_id) if user_id is not None else None
    return list(services.tokens_visible_to(request.auth, owner=owner))


@router.post("/tokens/{token_id}/revoke", response={200: TokenOut, **ERRORS})
def revoke_token(request, token_id: int):
    """Revoke one of your API keys at once (an administrator: anybody's)."""
    token = get_or_404(services.tokens_visible_to(request.auth), pk=token_id)
    return services.token_revoke(actor=request.auth, token=token)
