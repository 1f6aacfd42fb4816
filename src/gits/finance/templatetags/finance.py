from django import template

from gits.finance.formatting import kr as format_kr

register = template.Library()


@register.filter
def kr(value):
    """1460000 -> '1 460 000,00 kr'"""
    return format_kr(value)


@register.filter
def belopp(value):
    """An amount without the unit, for table cells under a heading that names it."""
    return format_kr(value, unit=False)
