import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from gits.bodies.selectors import chair_overview
from gits.core import navigation
from gits.core.models import AuditEntry
from gits.core.permissions import can
from gits.organisations.models import Organisation


def home(request):
    year = dt.date.today().year
    return render(
        request,
        "core/home.html",
        {
            "municipality_count": Organisation.objects.filter(
                kind=Organisation.Kind.MUNICIPALITY
            ).count(),
            "chaired_bodies": chair_overview(year),
            "year": year,
            "panels": navigation.home_panels(request),
        },
    )


@login_required
def audit_list(request):
    if not can(request.user, "core.audit:view"):
        raise PermissionDenied
    entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("sida"))
    return render(request, "core/audit_list.html", {"page_obj": page})
