"""What the finance services share: the check of an amount typed or imported."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import to_money

Progress = Callable[[int, int], None] | None


def checked_amount(value: Any, field_name: str, *, allow_none: bool = False) -> Decimal | None:
    """An amount in kronor with at most two decimals, not negative; refused naming the field."""
    if value is None or value == "":
        if allow_none:
            return None
        raise DomainError(_("Ange ett belopp."), field=field_name)
    if isinstance(value, float):
        value = str(value)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as err:
        raise DomainError(_("%(v)s är inte ett belopp.") % {"v": value}, field=field_name) from err
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(_("Ange beloppet i kronor med högst två decimaler."), field=field_name)
    if amount < 0:
        raise DomainError(_("Beloppet får inte vara negativt."), field=field_name)
    if abs(amount) >= Decimal("1e12"):
        raise DomainError(_("Beloppet är för stort."), field=field_name)
    return to_money(amount)
