"""An iCalendar feed (RFC 5545) per body: meetings and their material deadlines, for Outlook
and other calendar clients to subscribe to. The feed is open to anyone with its address, so it
holds no contact details of people, no organiser and no attendees (gits.core.privacy;
tests/core/test_privacy.py reads it as an anonymous visitor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from gits.bodies.models import Body
from gits.meetings.models import Meeting

# Other capabilities add events (e.g. agreements' notice days) by registering a function
# that returns (date, summary, uid) for a body.
EXTRA_EVENTS: list[Callable[[Body], Iterable[tuple[dt.date, str, str]]]] = []


def body_calendar(body: Body, host: str = "gits") -> bytes:
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", "-//GITS//Sammanträden//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{body.short_name} – sammanträden")
    stamp = dt.datetime.now(tz=dt.UTC)
    for meeting in Meeting.objects.filter(body=body).order_by("date"):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{body.short_name} sammanträde")
        if meeting.start_time:
            start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
            end_time = (
                meeting.end_time
                or (
                    dt.datetime.combine(meeting.date, meeting.start_time) + dt.timedelta(hours=3)
                ).time()
            )
            event.add("dtstart", start)
            event.add("dtend", dt.datetime.combine(meeting.date, end_time, tzinfo=tz))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        cal.add_component(event)
        deadline = Event()
        deadline.add("uid", f"material-{meeting.pk}@{host}")
        deadline.add("dtstamp", stamp)
        deadline.add("summary", f"Underlag klart till {body.short_name} {meeting.date.isoformat()}")
        deadline.add("dtstart", meeting.material_deadline)
        deadline.add("dtend", meeting.material_deadline + dt.timedelta(days=1))
        cal.add_component(deadline)
    for source in EXTRA_EVENTS:
        for date, summary, uid in source(body):
            event = Event()
            event.add("uid", f"{uid}@{host}")
            event.add("dtstamp", stamp)
            event.add("summary", summary)
            event.add("dtstart", date)
            event.add("dtend", date + dt.timedelta(days=1))
            cal.add_component(event)
    return cal.to_ical()
