"""`{% scrolltable %}`: a wide table scrolls inside its own region instead of widening the page.

WCAG 1.4.10 (reflow): at 390 px nothing may make the page scroll sideways. A table with more
columns than fit is wrapped, on the server, in a focusable region named after the table, so a
keyboard user can scroll it and a screen reader announces what it holds:

    {% load tables %}
    {% scrolltable labelledby="invoice-caption" %}<table>…<caption id="invoice-caption">…{% endscrolltable %}
    {% scrolltable label=_("Förvaltningsplaner per objekt") %}<table>…</table>{% endscrolltable %}

Exactly one of `labelledby` (the id of the table's caption or heading) and `label` (a text).
"""

from django import template
from django.utils.html import format_html

register = template.Library()


class ScrollTableNode(template.Node):
    def __init__(self, nodelist, attribute: str, value):
        self.nodelist = nodelist
        self.attribute = attribute
        self.value = value

    def render(self, context):
        return format_html(
            '<div class="table-scroll" role="region" {}="{}" tabindex="0">{}</div>',
            self.attribute,
            self.value.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def scrolltable(parser, token):
    name, *bits = token.split_contents()
    kwargs = template.base.token_kwargs(bits, parser)
    if bits or len(kwargs) != 1 or not kwargs.keys() <= {"label", "labelledby"}:
        raise template.TemplateSyntaxError(f"{name} takes exactly one of label=… or labelledby=…")
    ((key, value),) = kwargs.items()
    nodelist = parser.parse(("endscrolltable",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, "aria-label" if key == "label" else "aria-labelledby", value)
