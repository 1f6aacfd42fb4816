"""Amounts in templates as Swedes write them (core/money.kr): `{{ x|kr }}` with the unit,
`{{ x|belopp }}` without it, for a cell under a heading that names it. None shows as –."""

from django import template

from gits.core.money import kr as format_kr

register = template.Library()


@register.filter
def kr(value):
    """1460000 -> '1 460 000,00 kr'"""
    return format_kr(value)


@register.filter
def belopp(value):
    """An amount without the unit, for table cells under a heading that names it."""
    return format_kr(value, unit=False)
