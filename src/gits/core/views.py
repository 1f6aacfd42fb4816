import datetime as dt
import logging
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _lazy

from gits.bodies.selectors import chair_overview
from gits.core import navigation
from gits.core.audit import audit_filter, record_entries, recorded_kinds
from gits.core.models import AuditEntry
from gits.core.mywork import my_work
from gits.core.pagination import get_page, page_number
from gits.core.permissions import can
from gits.organisations.models import Organisation

log = logging.getLogger(__name__)


def home(request):
    """The start page: for a signed-in user "Mitt arbete" (what needs them, most urgent
    first) above the overview; for a visitor the public overview."""
    year = dt.date.today().year
    user = request.user
    return render(
        request,
        "core/home.html",
        {
            "work": my_work(user) if user.is_authenticated else None,
            "municipality_count": Organisation.objects.filter(
                kind=Organisation.Kind.MUNICIPALITY
            ).count(),
            "chaired_bodies": chair_overview(year),
            "year": year,
            "panels": navigation.home_panels(request),
        },
    )


class OpenPage:
    """A page of a list too long to count on every view (the whole history: a million entries,
    where a COUNT costs more than the page): its rows and whether a next page exists, from one
    query of a row more than the page. `paginator` is None, so the page says no total."""

    paginator = None

    def __init__(self, rows: Any, number: Any, per_page: int) -> None:
        try:
            self.number = max(1, min(int(number), 10**6))
        except (TypeError, ValueError):
            self.number = 1
        start = (self.number - 1) * per_page
        found = list(rows[start : start + per_page + 1])
        self.object_list = found[:per_page]
        self.has_next = len(found) > per_page
        self.has_previous = self.number > 1
        self.has_other_pages = self.has_next or self.has_previous
        self.next_page_number = self.number + 1
        self.previous_page_number = self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


@login_required
def audit_list(request):
    if not can(request.user, "core.audit:view"):
        raise PermissionDenied
    # One record's history (`?typ=…&id=…`, the link under a record page's history panel):
    # the entries about it or recorded with it as their parent.
    record_type = request.GET.get("typ", "").strip()[:100]
    record_id = request.GET.get("id", "").strip()[:64]
    if record_type and record_id:
        entries, kinds = record_entries(record_type, record_id), []
        record = (
            AuditEntry.objects.filter(object_type=record_type, object_id=record_id)
            .values_list("object_repr", flat=True)
            .first()
        )
        query_string = urlencode({"typ": record_type, "id": record_id})
    else:
        kinds = recorded_kinds()
        filters = _audit_filters(request, kinds)
        entries = AuditEntry.objects.select_related("actor").filter(audit_filter(**filters))
        record = None
        query_string = urlencode({k: v for k, v in request.GET.items() if k in AUDIT_FILTERS and v})
    entries = entries.order_by("-created_at", "-id")
    if record_type and record_id:  # one record's history: counted on its indexed key
        page = get_page(request, entries, 50)
    else:
        page = OpenPage(entries, page_number(request), 50)
    return render(
        request,
        "core/audit_list.html",
        {
            "page_obj": page,
            "filtered": bool(record_type and record_id),
            "record": record,
            "query_string": query_string,
            "kinds": kinds,
            "asked": {k: request.GET.get(k, "")[:150] for k in AUDIT_FILTERS},
        },
    )


# The whole history's filters in the address: the kind of record, who, and from and to a day.
AUDIT_FILTERS = ("slag", "av", "fran", "till")


def _audit_filters(request, kinds: list[tuple[str, str]]) -> dict[str, Any]:
    """The filters as `audit_filter` takes them, never failing: a kind that is none of
    `kinds` or a date that is none filters on nothing."""
    kind = request.GET.get("slag", "")
    return {
        "kind": kind if kind in dict(kinds) else "",
        "username": request.GET.get("av", "").strip()[:150],
        "since": _day(request.GET.get("fran", "")),
        "until": _day(request.GET.get("till", "")),
    }


def _day(text: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
    return day if 1900 <= day.year <= 9998 else None


# --- error pages (handler403, handler404, handler500 in gits/urls.py) ----------------------


def _back_url(request) -> str | None:
    """Where the user came from, if it is a page of this site other than this one."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or referer == request.build_absolute_uri():
        return None
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def _wants_page(request) -> bool:
    """An error page is for people; the API answers in JSON itself."""
    return not request.path.startswith("/api/")


def permission_denied(request, exception=None):
    """403 in the layout. A visitor who is not signed in is sent to the login page and back
    (?next=): a protected document such as a draft's minutes asks for a login instead of
    refusing."""
    user = getattr(request, "user", None)
    if (
        _wants_page(request)
        and request.method in ("GET", "HEAD")
        and not getattr(user, "is_authenticated", False)
    ):
        return redirect_to_login(request.get_full_path())
    return _error_page(request, "403.html", 403, exception)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404, exception)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return _error_page(request, "400.html", 413, exception)
    return _error_page(request, "400.html", 400, exception)


# What the API answers instead of a page: the documented JSON error (README "API").
API_ERRORS = {
    400: ("bad_request", _lazy("Felaktig begäran.")),
    403: ("forbidden", _lazy("Du saknar behörighet för detta.")),
    404: ("not_found", _lazy("Adressen finns inte i API:t.")),
    413: ("too_large", _lazy("Begäran är för stor.")),
    500: ("server_error", _lazy("Ett oväntat fel uppstod. Ange begäran-id vid kontakt.")),
}


def _api_error(request, status: int) -> HttpResponse:
    code, detail = API_ERRORS[status]
    return JsonResponse({"detail": str(detail), "field": None, "code": code}, status=status)


def _error_page(request, template: str, status: int, exception) -> HttpResponse:
    if not _wants_page(request):
        return _api_error(request, status)
    # A refusal may say why (PermissionDenied(_("…"))); a 404's text is for developers only.
    reason = str(exception) if isinstance(exception, PermissionDenied) and exception.args else ""
    try:
        return render(
            request,
            template,
            {"back_url": _back_url(request), "reason": reason, "request_path": request.path},
            status=status,
        )
    except Exception:  # noqa: BLE001 - the layout itself failed: the bare page still answers
        log.exception("Felsidan %s kunde inte visas i layouten", status)
        return HttpResponse(
            loader.get_template("500.html").render(_bare_context(request)), status=status
        )


def _bare_context(request) -> dict:
    return {
        "request_id": getattr(request, "request_id", ""),
        "LANGUAGE_CODE": get_language() or "sv",
    }


def server_error(request):
    """500 without the database or the context processors: a minimal page in the user's
    language with a way to the start page and the request id to quote."""
    if not _wants_page(request):
        return _api_error(request, 500)
    try:
        html = loader.get_template("500.html").render(_bare_context(request))
    except Exception:  # noqa: BLE001 - the last resort must not fail
        html = "<!DOCTYPE html><html lang=sv><title>Fel</title><h1>Ett fel uppstod (500)</h1>"
    return HttpResponseServerError(html)
