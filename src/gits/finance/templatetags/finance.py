"""`{% load finance %}`: the money filters (core/templatetags/money.py) under the name the
finance templates load them by."""

from gits.core.templatetags.money import register  # noqa: F401
