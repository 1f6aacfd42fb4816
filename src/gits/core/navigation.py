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
