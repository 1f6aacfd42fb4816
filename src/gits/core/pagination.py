"""Long lists a page at a time (issue 15): the page number is the address parameter `sida`,
and `gits/pagination.html` links to the previous and next page keeping the rest of the
address (`query_string`), so a filtered list stays filtered from page to page."""

from typing import Any

from django.core.paginator import Page, Paginator


def page_number(request) -> str | None:
    """The page number the request asks for, as given: the pages read it leniently."""
    return request.GET.get("sida")


def get_page(request, rows: Any, per_page: int) -> Page:
    """The page of `rows` the request asks for in `sida`: the first when it names none or
    no number, the last when it names one past the end."""
    return Paginator(rows, per_page).get_page(page_number(request))


def query_string(request) -> str:
    """The page's address parameters without `sida`, for the page links of
    `gits/pagination.html` (which adds `sida`)."""
    query = request.GET.copy()
    query.pop("sida", None)
    return query.urlencode()
