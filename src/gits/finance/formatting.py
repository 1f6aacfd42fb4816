"""Amounts as Swedes write them: 1 460 000,00 kr (a no-break space between thousands)."""

from __future__ import annotations

from decimal import Decimal

from gits.core.money import to_money

NBSP = "\u00a0"


def kr(value: Decimal | int | str | None, *, unit: bool = True, decimals: bool = True) -> str:
    if value is None or value == "":
        return "–"
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    whole, _, ore = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sign + NBSP.join(groups) + ("," + ore if decimals else "")
    return text + (NBSP + "kr" if unit else "")


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
