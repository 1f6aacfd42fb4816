"""Money is exact: amounts are Decimal kronor with öre precision, never float, and every
split of a whole adds up to the whole to the öre."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

ORE = Decimal("0.01")
NBSP = "\u00a0"
K = TypeVar("K")


def to_money(value: Decimal | int | str) -> Decimal:
    """A Decimal rounded to öre. Floats are refused: they cannot hold öre exactly."""
    if isinstance(value, float):
        raise TypeError("Belopp får inte vara flyttal; använd Decimal eller text.")
    return Decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)


def split(total: Decimal, weights: Mapping[K, Decimal | int]) -> dict[K, Decimal]:
    """Split total over the keys in proportion to their weights, to the öre, by the largest
    remainder method: each key gets its share rounded down, and the öre left over go one each
    to the keys with the largest remainders (ties by key order, so the result is reproducible).
    The parts always add up to total exactly."""
    total = to_money(total)
    if not weights:
        raise ValueError("Fördelningen saknar mottagare.")
    if any(Decimal(w) < 0 for w in weights.values()):
        raise ValueError("En fördelningsnyckel får inte vara negativ.")
    weight_sum = sum((Decimal(w) for w in weights.values()), Decimal(0))
    if weight_sum == 0:
        raise ValueError("Fördelningsnycklarna summerar till noll.")
    sign = -1 if total < 0 else 1
    total_ore = int(abs(total) / ORE)
    floors: dict[K, int] = {}
    remainders: list[tuple[Decimal, int, K]] = []
    for index, (key, weight) in enumerate(weights.items()):
        exact = Decimal(total_ore) * Decimal(weight) / weight_sum
        floor = int(exact)
        floors[key] = floor
        remainders.append((exact - floor, -index, key))
    left = total_ore - sum(floors.values())
    for _, _, key in sorted(remainders, reverse=True)[:left]:
        floors[key] += 1
    return {key: sign * Decimal(ore) * ORE for key, ore in floors.items()}


def kr(value: Decimal | int | str | None, *, unit: bool = True, decimals: bool = True) -> str:
    """An amount as Swedes write it: 1 460 000,00 kr (no-break spaces between thousands)."""
    if value is None or value == "":
        return "–"
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    whole, _, ore = f"{abs(amount):.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sign + NBSP.join(groups) + ("," + ore if decimals else "")
    return text + (NBSP + "kr" if unit else "")
