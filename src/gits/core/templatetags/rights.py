"""Rights in templates beside `can`: whether the user acts for a record's party.

{% load rights %}
{% if can_support and request.user|acts_for:support_request %}<form …>{% endif %}
"""

from typing import Any

from django import template

from gits.core.permissions import acts_for as _acts_for

register = template.Library()


@register.filter
def acts_for(user: Any, record: Any) -> bool:
    """True when the user may change what the record's owner (party or person) owns."""
    return _acts_for(user, record)
