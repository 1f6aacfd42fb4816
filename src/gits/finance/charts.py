"""Charts drawn by the app itself as inline SVG (nothing from a CDN). Each chart has a title
and a description for screen readers; the page shows the same figures as a table beside it."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gits.finance.formatting import kr

WIDTH = 560
BAR = 22
GAP = 8
LABEL = 215
COLOURS = ["#00476b", "#6a1b58", "#0b5c3b", "#8a4b00", "#3d3d8f", "#5c5c5c"]


def bar_chart(chart_id: str, title: str, items: list[tuple[str, Decimal]]) -> SafeString:
    """Horizontal bars, one per item, with the amount written at the end of each bar."""
    height = max(1, len(items)) * (BAR + GAP) + GAP
    top = max((v for _, v in items), default=Decimal(0)) or Decimal(1)
    room = WIDTH - LABEL - 130
    description = "; ".join(f"{label}: {kr(value)}" for label, value in items)
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (label, value) in enumerate(items):
        y = GAP + i * (BAR + GAP)
        width = int(room * max(value, Decimal(0)) / top)
        colour = COLOURS[i % len(COLOURS)]
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + BAR * 0.7:.0f}" text-anchor="end" font-size="13" '
            f'fill="#1b1b1b">{escape(short)}</text>'
            f'<rect x="{LABEL}" y="{y}" width="{max(width, 1)}" height="{BAR}" fill="{colour}"/>'
            f'<text x="{LABEL + max(width, 1) + 6}" y="{y + BAR * 0.7:.0f}" font-size="13" '
            f'fill="#1b1b1b">{escape(kr(value, decimals=False))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
