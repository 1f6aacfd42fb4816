"""The main navigation. Each domain app registers its entries in its AppConfig.ready(), so a
new capability plugs in without touching the base template."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    order: int
    right: str | None = None  # shown only to users holding this right
    login_required: bool = False


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)


def items() -> list[NavItem]:
    return sorted(_items, key=lambda i: i.order)


@dataclass(frozen=True)
class HomePanel:
    """A panel on the start page: a template and a function giving its context for a request
    (or None to show nothing)."""

    template: str
    context: Any


_panels: list[HomePanel] = []


def register_home_panel(panel: HomePanel) -> None:
    if all(p.template != panel.template for p in _panels):
        _panels.append(panel)


def home_panels(request: Any) -> list[dict[str, Any]]:
    shown = []
    for panel in _panels:
        data = panel.context(request)
        if data is not None:
            shown.append({"template": panel.template, "data": data})
    return shown


@dataclass(frozen=True)
class PagePanel:
    """A panel on a record's page (e.g. a meeting's): a template and a function giving its
    context for a request and the record (or None to show nothing). Lets an app higher in the
    domain add to a lower app's page without the lower app importing it."""

    template: str
    context: Any


_page_panels: dict[str, list[PagePanel]] = {}


def register_page_panel(page: str, panel: PagePanel) -> None:
    panels = _page_panels.setdefault(page, [])
    if all(p.template != panel.template for p in panels):
        panels.append(panel)


def page_panels(page: str, request: Any, obj: Any) -> list[dict[str, Any]]:
    shown = []
    for panel in _page_panels.get(page, []):
        data = panel.context(request, obj)
        if data is not None:
            shown.append({"template": panel.template, "data": data})
    return shown
