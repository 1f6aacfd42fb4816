from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404 as django_get
from django.utils.translation import gettext as _
from ninja import Schema

from gits.core.audit import history_for
from gits.core.errors import NotFound
from gits.core.permissions import require


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


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def get_or_404(queryset_or_model, **lookup):
    try:
        return django_get(queryset_or_model, **lookup)
    except Exception as exc:
        if exc.__class__.__name__ in ("Http404", "DoesNotExist"):
            raise NotFound(_("Posten finns inte.")) from exc
        raise


def history(request, obj):
    require(request.auth, "core.audit:view")
    return list(history_for(obj))
