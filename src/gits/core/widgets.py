"""Form widgets that render in Python what Django renders with a template per option.

A choice among every person or object of a nation-sized register has hundreds of options;
Django's `Select` renders each through its own template (and that of its attributes), which
made such a form cost more than the rest of its page. `FastSelect` writes exactly the same
HTML (the same `name`, `id`, `required`, `selected` and option groups) directly."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> str:
    """The attributes as Django's `attrs.html` writes them: in order, `True` as a bare name,
    `False` left out."""
    if not attrs:
        return ""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """Django's `Select` with the same markup, rendered without a template per option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            format_html('<select name="{}"{}>', widget["name"], mark_safe(_attrs(widget["attrs"])))
        ]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            for option in options:
                value = "" if option["value"] is None else option["value"]
                parts.append(
                    f'<option value="{conditional_escape(value)}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
                )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every part is escaped above
