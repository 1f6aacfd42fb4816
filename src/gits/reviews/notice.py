"""Agreements and meetings together (R-27, R-12): each agreement's last day of notice mapped
onto the last meeting of the deciding body on or before it, so that the meeting's agenda
proposal and the start page of those who plan meetings say "Besluta om uppsägning av avtal X"
in time. Reads only: the agreements (portfolio) and the meetings are not changed.

The deciding body of an agreement: the body holding the central system owner role of its
object on the notice day (SITIV, for a co-managed object), otherwise the steering group
(styrgrupp) of the joint function. An agreement is mapped while it is in force: signed, not
replaced, not terminated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from gits.bodies.models import Body
from gits.meetings.models import Meeting
from gits.portfolio.agreements import next_notice_day
from gits.portfolio.models import Agreement, ObjectRole
from gits.portfolio.selectors import notice_candidates

# How far ahead the start page looks for notice days.
HORIZON_DAYS = 400
IN_FORCE = {"signed"}


@dataclass(frozen=True)
class NoticeProposal:
    agreement: Agreement
    notice_day: dt.date
    body: Body | None
    meeting: Meeting | None  # the last meeting of the body on or before the notice day

    @property
    def text(self) -> str:
        return _("Besluta om uppsägning av avtal %(a)s") % {"a": self.agreement.title}

    @property
    def missing_meeting(self) -> bool:
        return self.meeting is None


def _in_force(agreement: Agreement) -> bool:
    state = getattr(agreement, "state", "signed")
    return state in IN_FORCE and agreement.terminated_on is None


def agreements_in_force() -> list[Agreement]:
    return [
        a
        for a in Agreement.objects.filter(terminated_on__isnull=True).order_by("pk")
        if _in_force(a)
    ]


def steering_group() -> Body | None:
    return Body.objects.filter(kind=Body.Kind.STEERING_GROUP).order_by("pk").first()


def deciding_body(agreement: Agreement, on: dt.date, *, default: Body | None = None) -> Body | None:
    """The body that decides on notice of the agreement on a date."""
    if agreement.managed_object_id:
        role = (
            ObjectRole.objects.filter(
                managed_object_id=agreement.managed_object_id,
                role=ObjectRole.Role.SYSTEM_OWNER,
                body__isnull=False,
                start_date__lte=on,
            )
            .exclude(end_date__lt=on)
            .select_related("body")
            .order_by("-start_date")
            .first()
        )
        if role is not None:
            return role.body
    return default if default is not None else steering_group()


def last_meeting_before(body: Body, notice_day: dt.date, *, after: dt.date) -> Meeting | None:
    """The last meeting of the body from `after` up to and including the notice day."""
    return (
        Meeting.objects.filter(body=body, date__gte=after, date__lte=notice_day)
        .order_by("-date", "-pk")
        .first()
    )


def notice_proposals(today: dt.date, *, horizon_days: int = HORIZON_DAYS) -> list[NoticeProposal]:
    """For each agreement in force whose next notice day falls within the horizon: the day,
    the deciding body and the last meeting of that body between today and the day (None when
    no meeting is planned in time: then an extra meeting is needed). Soonest first."""
    return _proposals(today, _due(today, horizon_days))


def _proposals(today: dt.date, due: list[tuple[Agreement, dt.date]]) -> list[NoticeProposal]:
    """The proposals for the given notice days: their bodies and meetings in two queries."""
    default = steering_group()
    lookup = _Lookup(
        [a for a, _ in due], after=today, until=max((d for _, d in due), default=today)
    )
    proposals = []
    for agreement, notice_day in due:
        body = lookup.deciding_body(agreement, notice_day, default=default)
        meeting = lookup.last_meeting_before(body, notice_day) if body else None
        proposals.append(NoticeProposal(agreement, notice_day, body, meeting))
    return sorted(proposals, key=lambda p: (p.notice_day, p.agreement.title))


def _due(on: dt.date, horizon_days: int) -> list[tuple[Agreement, dt.date]]:
    """The agreements in force whose next notice day (seen from `on`) is within the horizon."""
    due = []
    # Only the agreements whose dates allow a notice day within the horizon (one query);
    # the exact day is computed for those.
    candidates = notice_candidates(on, on + dt.timedelta(days=horizon_days))
    for agreement in candidates.filter(terminated_on__isnull=True, state__in=IN_FORCE).order_by(
        "pk"
    ):
        notice_day = next_notice_day(agreement, on)
        if notice_day is not None and (notice_day - on).days <= horizon_days:
            due.append((agreement, notice_day))
    return due


class _Lookup:
    """`deciding_body` and `last_meeting_before` for many agreements in two queries (the
    system-owner roles of their objects, the meetings in the period) instead of two per
    agreement; the same answers, chosen in the same order."""

    def __init__(
        self, agreements: list[Agreement], *, after: dt.date, until: dt.date, meetings: bool = True
    ) -> None:
        self.after = after
        self.roles: dict[int, list[ObjectRole]] = {}
        objects = {a.managed_object_id for a in agreements if a.managed_object_id}
        for role in (
            ObjectRole.objects.filter(
                managed_object_id__in=objects,
                role=ObjectRole.Role.SYSTEM_OWNER,
                body__isnull=False,
            )
            .select_related("body")
            .order_by("-start_date", "pk")
        ):
            self.roles.setdefault(role.managed_object_id, []).append(role)
        self.meetings = list(
            Meeting.objects.filter(date__gte=after, date__lte=until).order_by("-date", "-pk")
            if agreements and meetings
            else []
        )

    def deciding_body(
        self, agreement: Agreement, on: dt.date, *, default: Body | None
    ) -> Body | None:
        for role in self.roles.get(agreement.managed_object_id or 0, []):
            if role.start_date <= on and (role.end_date is None or role.end_date >= on):
                return role.body
        return default if default is not None else steering_group()

    def last_meeting_before(self, body: Body, notice_day: dt.date) -> Meeting | None:
        for meeting in self.meetings:
            if meeting.body_id == body.pk and self.after <= meeting.date <= notice_day:
                return meeting
        return None


def proposals_for_meeting(
    meeting: Meeting, *, horizon_days: int = HORIZON_DAYS
) -> list[NoticeProposal]:
    """The notices the meeting should decide on: agreements whose next notice day (seen from
    the meeting's date, within the horizon) has this meeting as the body's last meeting on or
    before it."""
    # A later meeting of the body is the last one before any notice day from its date on:
    # only the days before it can fall to this meeting.
    following = (
        Meeting.objects.filter(body_id=meeting.body_id, date__gte=meeting.date)
        .exclude(date=meeting.date, pk__lte=meeting.pk)
        .order_by("date", "pk")
        .values_list("date", flat=True)
        .first()
    )
    if following is not None:
        horizon_days = min(horizon_days, (following - meeting.date).days - 1)
    if horizon_days < 0:
        return []
    default = steering_group()
    due = _due(meeting.date, horizon_days)
    if not due:
        return []
    # Every day left falls before the body's next meeting, so this meeting is the body's
    # last one on or before it: only the deciding body is left to check.
    lookup = _Lookup([a for a, _ in due], after=meeting.date, until=meeting.date, meetings=False)
    found = []
    for agreement, notice_day in due:
        body = lookup.deciding_body(agreement, notice_day, default=default)
        if body is not None and body.pk == meeting.body_id:
            found.append(NoticeProposal(agreement, notice_day, body, meeting))
    return sorted(found, key=lambda p: (p.notice_day, p.agreement.title))


# --- panels on the meeting page and the start page ---------------------------------------------

# The meeting page names this many notices unless asked for all.
MEETING_ROWS = 20
SHOW_ALL_PARAM = "uppsagningar"


def meeting_panel(request: Any, meeting: Meeting) -> dict[str, Any] | None:
    from gits.core.permissions import can

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not can(user, "meetings.meeting:change"):
        return None
    proposals = proposals_for_meeting(meeting)
    if not proposals:
        return None
    # The soonest first; all of them on asking (`?uppsagningar=alla`).
    everything = request.GET.get(SHOW_ALL_PARAM) == "alla"
    return {
        "proposals": proposals if everything else proposals[:MEETING_ROWS],
        "total": len(proposals),
        "more": not everything and len(proposals) > MEETING_ROWS,
        "meeting": meeting,
    }


# The start page lists the soonest notice days; the rest are on the agreement list.
HOME_ROWS = 10


def home_panel(request: Any) -> dict[str, Any] | None:
    from gits.core.permissions import can

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not can(user, "meetings.meeting:change"):
        return None
    today = dt.date.today()
    due = sorted(_due(today, HORIZON_DAYS), key=lambda d: (d[1], d[0].title))
    if not due:
        return None
    return {
        "proposals": _proposals(today, due[:HOME_ROWS]),
        "total": len(due),
        "more": len(due) > HOME_ROWS,
        # The agreement list's notice filter in whole months, covering the horizon.
        "months": -(-HORIZON_DAYS * 12 // 365),
    }
