"""The plans app's panel on a meeting's page: status reports (submitted, late, missing) and
the pack, with their steps in the meeting's work."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.permissions import can
from gits.meetings.models import Meeting
from gits.plans.selectors import REPORTING_STATES, ReportStatus
from gits.portfolio.models import ManagedObject

# The meeting page names this many objects that lack a report; the overview lists them all.
MISSING_NAMES = 20


def meeting_panel(request: Any, meeting: Meeting) -> dict[str, Any] | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    # Counted in the database (issue 15): the objects `status_overview` lists, by its states;
    # the reports of the meeting are read, not a row per expected object.
    expected = ManagedObject.objects.filter(state__in=REPORTING_STATES)
    reports = meeting.status_reports.filter(managed_object__in=expected)
    counts = Counter(
        ReportStatus(r.managed_object, r, meeting.material_deadline).state
        for r in reports.select_related("managed_object")
    )
    counts["missing"] += expected.count() - sum(counts.values())
    # Missing or begun but not submitted: the first names, the rest on the overview page.
    unsubmitted = expected.exclude(
        Exists(reports.filter(managed_object=OuterRef("pk"), submitted_at__isnull=False))
    )
    missing_total = counts["missing"] + counts["draft"]
    missing = list(
        unsubmitted.order_by("name", "pk").values_list("name", flat=True)[:MISSING_NAMES]
    )
    packs = list(meeting.packs.defer("pdf").order_by("-compiled_at")[:3])
    overview = reverse("plans:status_overview", args=[meeting.pk])
    compile_url = reverse("plans:pack_compile", args=[meeting.pk]) + "?fran=sammantrade"
    return {
        "meeting": meeting,
        "counts": {k: counts.get(k, 0) for k in ("submitted", "late", "draft", "missing")},
        "missing": missing,
        "missing_more": missing_total - len(missing),
        "packs": packs,
        "can_compile": can(user, "plans.pack:compile"),
        "steps": [
            {
                "order": 30,
                "label": _("Statusrapporter"),
                "done": not missing or bool(packs) or meeting.held,
                "url": overview,
                "note": _("%(n)s saknas") % {"n": missing_total} if missing else "",
            },
            {
                "order": 40,
                "label": _("Utskick"),
                "done": bool(packs) or meeting.held,
                "url": compile_url,
                "note": _("underlaget ska vara klart senast %(d)s")
                % {"d": meeting.material_deadline.isoformat()},
            },
        ],
    }
