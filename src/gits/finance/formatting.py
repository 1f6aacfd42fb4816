"""Amounts as Swedes write them: 1 460 000,00 kr (a no-break space between thousands)."""

from __future__ import annotations

from decimal import Decimal

from gits.core.money import NBSP, kr, to_money  # noqa: F401  (kr is re-exported)


def parse_amount(text: str) -> Decimal:
    """A typed amount: spaces as thousands separators, comma or point as decimal mark.
    Raises ValueError on anything else (or more than two decimals)."""
    cleaned = str(text).replace(NBSP, "").replace("\u202f", "").replace(" ", "").replace("kr", "")
    cleaned = cleaned.replace(",", ".").replace("\u2212", "-")
    if not cleaned:
        raise ValueError("tomt")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise ValueError("inte ett tal")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("fler än två decimaler")
    return to_money(value)
