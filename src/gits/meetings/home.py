"""The visitor's start page: the newest decisions and the coming meetings, what the public
comes to GITS for. The decisions are the register's public rows (R-17: only those in locked
minutes, with their locked text)."""

import datetime as dt
from typing import Any

from gits.meetings.models import Meeting
from gits.meetings.selectors import decision_register

DECISION_ROWS = 5
MEETING_ROWS = 3


def home_panel(request: Any) -> dict[str, Any] | None:
    """For a visitor who has not signed in: a signed-in user's start page is their work."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return None
    decisions = list(decision_register(public=True)[:DECISION_ROWS])
    meetings = list(
        Meeting.objects.filter(date__gte=dt.date.today())
        .select_related("body")
        .order_by("date", "start_time", "pk")[:MEETING_ROWS]
    )
    if not decisions and not meetings:
        return None
    return {"decisions": decisions, "meetings": meetings}
