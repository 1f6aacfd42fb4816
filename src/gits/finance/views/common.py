"""What every finance page shares: the read right, downloads and the rights a page shows."""

from django.http import HttpResponse

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
