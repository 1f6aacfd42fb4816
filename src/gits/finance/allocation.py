"""Allocations of money: every one goes through core.money.split (largest remainder), so the
parts always add up to the whole to the öre and the result is reproducible (R-23, R-25)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import combinations
from typing import TypeVar

from django.utils.translation import gettext as _

from gits.core.errors import DomainError
from gits.core.money import split, to_money

K = TypeVar("K")
REGION = "region"
MUNICIPALITIES = "municipalities"


def spread(
    total: Decimal, weights: Mapping[K, Decimal | int], *, what: str = ""
) -> dict[K, Decimal]:
    """split() with its refusals as domain errors in Swedish."""
    try:
        return split(to_money(total), weights)
    except ValueError as err:
        raise DomainError(
            _("%(what)sKan inte fördela beloppet: %(reason)s")
            % {"what": f"{what}: " if what else "", "reason": str(err)},
            field="spread_method",
        ) from err


def halves(total: Decimal) -> dict[str, Decimal]:
    """The joint function's cost split 50/50 between the region and the municipal collective
    (R-23). An odd öre goes to the region (ties by key order)."""
    return spread(total, {REGION: 1, MUNICIPALITIES: 1})


def quarters(total: Decimal) -> dict[int, Decimal]:
    """A year's budgeted amount in four quarterly parts that add up to it exactly (R-25)."""
    return spread(total, {1: 1, 2: 1, 3: 1, 4: 1})


def by_users(total: Decimal, region_users: int, municipal_users: int) -> dict[str, Decimal]:
    """An over- or under-run distributed between the sides in proportion to their users
    (R-25). The sign of total is kept: a surplus gives negative parts."""
    if region_users + municipal_users <= 0:
        raise DomainError(
            _("Antal användare saknas; avräkningen fördelas efter antal användare."),
            field="users",
        )
    return spread(total, {REGION: region_users, MUNICIPALITIES: municipal_users})


def explain_difference(
    difference: Decimal,
    preferred: Sequence[tuple[str, Decimal]],
    others: Sequence[tuple[str, Decimal]],
    *,
    limit: int = 3,
) -> list[list[str]]:
    """Which one or two figures of the table the difference equals, to show where a stated
    total goes wrong: single figures of the same column first, then any single figure, then
    pairs in the same column, then any pair. Returns the matches of the first level that has
    any (at most limit), each as the labels of the figures."""
    target = abs(to_money(difference))
    if target == 0:
        return []
    everything = [*preferred, *others]
    levels: list[list[list[str]]] = []
    for pool in (preferred, everything):
        levels.append([[label] for label, value in pool if value and value == target])
    if len(everything) <= 120:
        for pool in (preferred, everything):
            levels.append(
                [
                    [a[0], b[0]]
                    for a, b in combinations(pool, 2)
                    if a[1] and b[1] and a[1] + b[1] == target
                ]
            )
    for matches in levels:
        if matches:
            return matches[:limit]
    return []
