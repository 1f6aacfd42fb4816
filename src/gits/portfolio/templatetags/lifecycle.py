from django import template

from gits.portfolio.models import SupportRequest
from gits.portfolio.rules import SUPPORT_MOVES, choices_after

register = template.Library()


@register.filter
def support_moves(request: SupportRequest) -> list[tuple[str, str]]:
    """The states a support request may move to, for its row's form."""
    return choices_after(SupportRequest.State.choices, request.state, SUPPORT_MOVES)
