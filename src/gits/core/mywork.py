"""Mitt arbete: what needs the signed-in person, most urgent first, on the start page.

Work comes from sources registered once (`register(WorkSource(...))`), each asked for the
items of one viewer: minutes to sign, status reports due, assignments, notice days and so on.
A source answers None when it does not concern the viewer at all (no right, no person), an
empty list when it concerns them but nothing is waiting: then the page says what will appear
there. Every source reads with a fixed number of queries, whatever the amount of data, so the
start page stays bounded.

The built-in sources live in `core/mywork_sources.py` and read the domain apps' models
read-only; an app may register its own source instead from its AppConfig.ready(). Core
imports no domain app here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gits.core.permissions import can


@dataclass
class Viewer:
    """Who the start page is for: the user, the person the account belongs to (if any) and
    the day. Shared lookups are cached here, so sources that need them ask once."""

    user: Any
    today: dt.date

    @cached_property
    def person(self) -> Any:
        if not getattr(self.user, "is_authenticated", False):
            return None
        try:
            return self.user.person
        except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: no person linked
            return None

    def can(self, right: str) -> bool:
        try:
            return can(self.user, right)
        except KeyError:  # a right of an app that is not installed
            return False

    @cached_property
    def body_ids(self) -> frozenset[int]:
        """The bodies the person holds an assignment in today (member, chair, secretary…)."""
        if self.person is None:
            return frozenset()
        from django.db.models import Q

        return frozenset(
            self.person.memberships.filter(start_date__lte=self.today)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.today))
            .values_list("body_id", flat=True)
        )


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: what, where to do it, and its date. With `deadline` the date is the
    last day (days left, today, late are shown); otherwise it is when the thing happened or
    happens (`date_label` says which). Something with no date of its own (a contact not yet
    named) has none, and stands after the dated things of its urgency, in its source's order."""

    title: str
    url: str
    date: dt.date | None
    source: str = ""
    kind_label: str = ""
    detail: str = ""
    deadline: bool = True
    date_label: str = ""
    links: tuple[Link, ...] = ()

    def state(self, today: dt.date) -> str:
        if not self.deadline or self.date is None:
            return "info"
        if self.date < today:
            return "late"
        if self.date == today:
            return "today"
        return "soon" if (self.date - today).days <= 7 else "later"

    def when(self, today: dt.date) -> str:
        """Days left, today, or how late, in words."""
        if not self.deadline or self.date is None:
            return ""
        days = (self.date - today).days
        if days < 0:
            return ngettext("%(n)s dag sen", "%(n)s dagar sen", -days) % {"n": -days}
        if days == 0:
            return _("i dag")
        return ngettext("%(n)s dag kvar", "%(n)s dagar kvar", days) % {"n": days}


@dataclass(frozen=True)
class WorkSource:
    """A kind of work: its heading, what the page says while nothing is waiting, and the
    function that gives a viewer's items (None: not for this viewer)."""

    key: str
    label: Any
    empty: Any
    items: Callable[[Viewer], list[WorkItem] | None]
    order: int = 50


_sources: dict[str, WorkSource] = {}


def register(source: WorkSource) -> None:
    """Add a source of work (an app's own source replaces a built-in one of the same key)."""
    _sources[source.key] = source


def sources() -> list[WorkSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


@dataclass
class Row:
    """An item as the page shows it."""

    item: WorkItem
    state: str
    when: str


@dataclass
class MyWork:
    today: dt.date
    rows: list[Row] = field(default_factory=list)
    empty: list[tuple[str, str]] = field(default_factory=list)  # (label, what will appear)
    has_person: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.state] = counts.get(row.state, 0) + 1
        return counts


# Late first, then due today, then everything else by date (what happened earlier first).
_URGENCY = {"late": 0, "today": 1, "soon": 2, "later": 2, "info": 2}


def my_work(user: Any, today: dt.date | None = None) -> MyWork:
    """Everything waiting for the user, most urgent first: late, due today, then the rest
    by date; and, for each kind of work that concerns the user but has
    nothing waiting, what will appear there."""
    viewer = Viewer(user=user, today=today or dt.date.today())
    work = MyWork(today=viewer.today, has_person=viewer.person is not None)
    for source in sources():
        items = source.items(viewer)
        if items is None:
            continue
        if not items:
            work.empty.append((str(source.label), str(source.empty)))
            continue
        for item in items:
            if not item.source:
                item = WorkItem(**{**item.__dict__, "source": source.key})
            if not item.kind_label:
                item = WorkItem(**{**item.__dict__, "kind_label": str(source.label)})
            work.rows.append(Row(item, item.state(viewer.today), item.when(viewer.today)))
    # Undated things keep their source's order (e.g. a closing "and N more"), after the rest.
    work.rows.sort(
        key=lambda r: (
            _URGENCY[r.state],
            r.item.date or dt.date.max,
            r.item.title if r.item.date else "",
        )
    )
    return work
