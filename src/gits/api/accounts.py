import datetime as dt

from django.contrib.auth import get_user_model
from ninja import Router, Schema

from gits.accounts import services
from gits.accounts.models import ApiToken
from gits.api.common import ERRORS, get_or_404
from gits.core import mywork

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


class WorkItemOut(Schema):
    kind: str  # the kind of work, e.g. "support" (a key registered in core/mywork.py)
    kind_label: str
    title: str
    url: str  # the page where it is done, from the site's root
    date: dt.date | None
    date_label: str
    deadline: bool  # the date is the last day
    state: str  # late, today, soon, later, or info (no deadline)
    when: str  # days left, today or how late, in words
    detail: str


class EmptyWorkOut(Schema):
    kind_label: str
    text: str  # what will appear there


class MyWorkOut(Schema):
    items: list[WorkItemOut]
    empty: list[EmptyWorkOut]


@router.get("/my-work", response={200: MyWorkOut, **ERRORS})
def my_work(request):
    """What waits for you, as the start page's *Mitt arbete* shows it: late first, then due
    today, then the rest by date; and each kind of work that concerns you but has nothing
    waiting, with what will appear there."""
    work = mywork.my_work(request.auth)
    return {
        "items": [
            {
                "kind": row.item.source,
                "kind_label": row.item.kind_label,
                "title": row.item.title,
                "url": row.item.url,
                "date": row.item.date,
                "date_label": row.item.date_label,
                "deadline": row.item.deadline,
                "state": row.state,
                "when": row.when,
                "detail": row.item.detail,
            }
            for row in work.rows
        ],
        "empty": [{"kind_label": label, "text": text} for label, text in work.empty],
    }
