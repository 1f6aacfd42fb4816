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


class Feed:
    """An iCalendar feed being built: its events share one stamp, their uids end in @host."""

    def __init__(self, product: str, name: str, host: str) -> None:
        self.calendar = Calendar()
        self.calendar.add("prodid", f"-//GITS//{product}//SV")
        self.calendar.add("version", "2.0")
        self.calendar.add("x-wr-calname", name)
        self.host = host
        self.stamp = dt.datetime.now(tz=dt.UTC)

    def event(self, uid: str, summary: str) -> Event:
        """An event in the feed, to be given its times."""
        event = Event()
        event.add("uid", f"{uid}@{self.host}")
        event.add("dtstamp", self.stamp)
        event.add("summary", summary)
        self.calendar.add_component(event)
        return event

    def day(self, uid: str, summary: str, date: dt.date) -> Event:
        """An all-day event in the feed."""
        event = self.event(uid, summary)
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
        return event

    def to_ical(self) -> bytes:
        return self.calendar.to_ical()


def body_calendar(body: Body, host: str = "gits") -> bytes:
    tz = ZoneInfo(settings.TIME_ZONE)
    feed = Feed("Sammanträden", f"{body.short_name} – sammanträden", host)
    for meeting in Meeting.objects.filter(body=body).order_by("date"):
        summary = f"{body.short_name} sammanträde"
        if meeting.start_time:
            event = feed.event(f"meeting-{meeting.pk}", summary)
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
            event = feed.day(f"meeting-{meeting.pk}", summary, meeting.date)
        if meeting.place:
            event.add("location", meeting.place)
        feed.day(
            f"material-{meeting.pk}",
            f"Underlag klart till {body.short_name} {meeting.date.isoformat()}",
            meeting.material_deadline,
        )
    for source in EXTRA_EVENTS:
        for date, summary, uid in source(body):
            feed.day(uid, summary, date)
    return feed.to_ical()
