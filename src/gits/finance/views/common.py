"""What every finance page shares: the read right, downloads, the rights a page shows, and
the confirmation and view of a run that asks first."""

from collections.abc import Callable
from functools import partial

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from gits.core.confirm import confirm_page, confirmed, posted_values
from gits.core.formviews import signed_in_with
from gits.core.permissions import can
from gits.finance.apps import VIEW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Finance pages are for signed-in users holding the read right.
reader = signed_in_with(VIEW)


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rights(user) -> dict[str, bool]:
    return {
        "can_change": can(user, "finance.budget:change"),
        "can_run": can(user, "finance.invoice:run"),
        "can_credit": can(user, "finance.invoice:credit"),
        "can_scenario": can(user, "finance.scenario:change"),
        "can_settings": can(user, "finance.settings:change"),
        "can_history": can(user, "core.audit:view"),
    }


def confirm_issue(request, form, **page) -> HttpResponse:
    """The confirmation before a run issues numbered documents (`confirm_page`, R-25): the
    button posts the values the user gave `form`, and only holders of the invoicing right
    get the page."""
    return confirm_page(request, data=posted_values(form), right="finance.invoice:run", **page)


def run_view(form_class, confirm, service, done, *, again: tuple[Callable, str], **form_kwargs):
    """The view of a run that asks first (`gits.core.confirm.confirmed`), for readers: a GET
    shows `confirm(request, form)`, the POST runs `service` as the signed-in user and
    `done(request, result)` says what happened. A form with errors, or one the service
    refuses, comes back on its page: `again` is that page's view and the keyword it takes
    the form by. Any `form_kwargs` go to the form (e.g. its `auto_id`)."""
    page, form_key = again

    @reader
    @require_http_methods(["GET", "POST"])
    def view(request):
        return confirmed(
            request,
            form_class,
            confirm=confirm,
            run=partial(service, actor=request.user),
            done=lambda result: done(request, result),
            again=lambda form: page(request, **{form_key: form}),
            **form_kwargs,
        )

    return view
