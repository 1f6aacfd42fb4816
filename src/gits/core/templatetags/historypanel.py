"""`{% history_panel history as panel %}`: the newest entries of a record's history, and a
link to the whole of it on the history page when there are more (issue 15).

A record page shows its newest PANEL_SIZE entries however long its history grows; the
history page (`/historik/?typ=…&id=…`) shows all of them, a page at a time. A list that is
not one record's history (a page of the history page itself) is shown as it is.
"""

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from gits.core.audit import RecordHistory, record_entries

register = template.Library()

PANEL_SIZE = 25


@dataclass
class Panel:
    entries: Any
    url: str = ""
    total: int = 0


def history_url(object_type: str, object_id: str) -> str:
    return reverse("core:audit") + "?" + urlencode({"typ": object_type, "id": object_id})


@register.simple_tag
def history_panel(history: Any) -> Panel:
    if not isinstance(history, RecordHistory) or history.record is None:
        return Panel(entries=history)
    entries = list(history[: PANEL_SIZE + 1])
    if len(entries) <= PANEL_SIZE:
        return Panel(entries=entries)
    # Only a long history is counted: one more query, on the record's indexed key.
    return Panel(
        entries=entries[:PANEL_SIZE],
        url=history_url(*history.record),
        total=record_entries(*history.record).count(),
    )
