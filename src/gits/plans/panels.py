"""The plans app's panel on a meeting's page: status reports (submitted, late, missing) and
the pack, with their steps in the meeting's work."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.permissions import can
from gits.meetings.models import Meeting
from gits.plans.selectors import status_overview


def meeting_panel(request: Any, meeting: Meeting) -> dict[str, Any] | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    rows = status_overview(meeting)
    counts = Counter(r.state for r in rows)
    packs = list(meeting.packs.defer("pdf").order_by("-compiled_at")[:3])
    missing = [r for r in rows if r.state in ("missing", "draft")]
    overview = reverse("plans:status_overview", args=[meeting.pk])
    compile_url = reverse("plans:pack_compile", args=[meeting.pk]) + "?fran=sammantrade"
    return {
        "meeting": meeting,
        "counts": {k: counts.get(k, 0) for k in ("submitted", "late", "draft", "missing")},
        "missing": missing,
        "packs": packs,
        "can_compile": can(user, "plans.pack:compile"),
        "steps": [
            {
                "order": 30,
                "label": _("Statusrapporter"),
                "done": not missing or bool(packs) or meeting.held,
                "url": overview,
                "note": _("%(n)s saknas") % {"n": len(missing)} if missing else "",
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
