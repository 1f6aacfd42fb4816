"""Paged lists in the API (issue 15): `limit` and `offset` query parameters on a list that
grows with the data, the list itself still a JSON array.

    GET /api/v1/decisions?limit=100&offset=200

A list endpoint says so with `@paged(router, path, ItemOut)` and returns the whole list; the
decorator adds the two parameters and answers the page.

`limit` is 100 unless given and at most 500 (a larger one is refused with 422, as any
value out of range); `offset` counts from 0. The answer carries the total number of rows
matching the filters in `X-Total-Count` and, when there are more, the address of the next
page in a `Link` header (RFC 8288, `rel="next"`).
"""

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Protocol

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from gits.api.auth import optional
from gits.api.common import ERRORS, parameter

DEFAULT_LIMIT = 100
MAX_LIMIT = 500

Limit = Annotated[
    int,
    Field(
        ge=1,
        le=MAX_LIMIT,
        description=f"Högst så många rader (standard {DEFAULT_LIMIT}, högst {MAX_LIMIT}).",
    ),
]
Offset = Annotated[
    int,
    Field(ge=0, le=2**31 - 1, description="Hoppa över så många rader (börja på 0)."),
]

# What the operations say about their paging, for the OpenAPI description.
PAGING_DOC = (
    f"Sidindelad: `limit` (standard {DEFAULT_LIMIT}, högst {MAX_LIMIT}) och `offset`. "
    "Totalt antal rader i huvudet `X-Total-Count`, nästa sida i huvudet `Link` "
    '(`rel="next"`).'
)


class Countable(Protocol):
    """A query set, or a lazy list that counts and slices as one (the decision register)."""

    def count(self) -> int: ...

    def __getitem__(self, key: slice) -> Sequence: ...


def page(
    request: HttpRequest,
    response: HttpResponse,
    queryset: QuerySet | Countable,
    limit: int,
    offset: int,
) -> list:
    """One page of a list, with its total and the next page's address in the headers."""
    total = queryset.count()
    rows = list(queryset[offset : offset + limit]) if offset < total else []
    response["X-Total-Count"] = str(total)
    if offset + limit < total:
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(offset + limit)
        url = request.build_absolute_uri(request.path + "?" + query.urlencode())
        response["Link"] = f'<{url}>; rel="next"'
    return rows


def paged(router: Router, path: str, item: type[Schema], *, auth: Any = optional) -> Callable:
    """Declare the view a paged list of `item` at GET `path` (public unless `auth` says
    otherwise): it returns the whole list (a queryset or a `Countable`), filtered by its own
    parameters, and the answer is the page `limit` and `offset` name (`page`)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def paged_view(request, response: HttpResponse, limit: int, offset: int, **filters):
            return page(request, response, view(request, **filters), limit, offset)

        # The view's own parameters, with the response (for the headers) and the page's.
        request_param, *filters = inspect.signature(view).parameters.values()
        paged_view.__signature__ = inspect.Signature(
            [
                request_param,
                parameter("response", HttpResponse),
                *filters,
                parameter("limit", Limit, DEFAULT_LIMIT),
                parameter("offset", Offset, 0),
            ]
        )
        response = {200: list[item], **ERRORS}
        router.get(path, response=response, auth=auth, description=PAGING_DOC)(paged_view)
        return paged_view

    return decorator
