"""What the finance services share: the checks of an amount and of a text typed or imported."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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


# Control characters (C0, DEL, C1) and lone surrogates: nobody types them, and the formats
# GITS exports (Excel, e-invoice XML, SIE) cannot hold them. A multi-line text may keep tab
# and line breaks; a name may not.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first control character in a text, None when it has none."""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return found.group() if found else None


def checked_texts(obj: Any, names: Iterable[str], *, multiline: Iterable[str] = ()) -> None:
    """Refuse a control character in the named text fields of a record, naming the field,
    so that whatever is stored can always be exported."""
    lines = set(multiline)
    for name in [*names, *lines]:
        value = getattr(obj, name, None)
        if not isinstance(value, str):
            continue
        found = control_character(value, multiline=name in lines)
        if found:
            raise DomainError(
                _("Fältet ”%(f)s” innehåller ett otillåtet kontrolltecken (U+%(c)04X).")
                % {"f": obj._meta.get_field(name).verbose_name, "c": ord(found)},
                field=name,
            )
