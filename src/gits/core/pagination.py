"""Long lists a page at a time (issue 15): the page number is the address parameter `sida`,
and `gits/pagination.html` links to the previous and next page keeping the rest of the
address (`query_string`), so a filtered list stays filtered from page to page. A list's
filters in the address are read leniently (`query_int`): an odd address shows the list
unfiltered rather than fail (rule 10)."""

from typing import Any

from django.core.paginator import Page, Paginator

from gits.core.fields import ID_MAX, whole_or_none


def query_int(request, name: str, default: int | None = None, *, low: int = 1, high: int = ID_MAX):
    """The whole number the address gives in `name`, or `default` when it gives none, no
    number, or one outside `low`..`high`, which the database or the calendar cannot take."""
    number = whole_or_none(request.GET.get(name, "").strip(), low, high)
    return default if number is None else number


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
