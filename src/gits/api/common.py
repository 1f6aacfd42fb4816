from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404 as django_get
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from gits.core.audit import history_for
from gits.core.errors import NotFound
from gits.core.permissions import require

# Limits where input enters (issue 12): years and month counts a person could mean.
Year = Annotated[int, Field(ge=1900, le=2200)]
Months = Annotated[int, Field(ge=0, le=1200)]
Quarter = Annotated[int, Field(ge=1, le=4)]


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    code: str


class AuditEntryOut(Schema):
    action: str
    object_type: str
    object_id: str
    object_repr: str
    actor_name: str
    request_id: str
    changes: dict[str, Any]
    created_at: datetime


ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,  # too many failed logins (gits.accounts.throttle)
}


def get_or_404(queryset_or_model, **lookup):
    """The one record the lookup names, or the documented 404 (also when the lookup does not
    single out one record, e.g. an empty code)."""
    try:
        return django_get(queryset_or_model, **lookup)
    except (Http404, ObjectDoesNotExist, MultipleObjectsReturned) as exc:
        raise NotFound(_("Posten finns inte.")) from exc


def history(request, obj):
    require(request.auth, "core.audit:view")
    return list(history_for(obj))
