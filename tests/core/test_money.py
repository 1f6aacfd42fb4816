from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gits.core.money import split, to_money


def test_split_fifty_fifty_of_odd_ore_sums_exactly():
    parts = split(Decimal("100.01"), {"region": 1, "municipalities": 1})
    assert sum(parts.values()) == Decimal("100.01")
    assert sorted(parts.values()) == [Decimal("50.00"), Decimal("50.01")]


def test_split_is_reproducible_ties_go_by_key_order():
    assert split(Decimal("0.02"), {"a": 1, "b": 1, "c": 1}) == {
        "a": Decimal("0.01"),
        "b": Decimal("0.01"),
        "c": Decimal("0.00"),
    }


def test_float_is_refused():
    with pytest.raises(TypeError):
        to_money(0.1)


def test_zero_weights_are_refused():
    with pytest.raises(ValueError):
        split(Decimal("10"), {"a": 0})


amounts = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("100000000"), places=2)
weights = st.dictionaries(
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=0, max_value=1_000_000),
    min_size=1,
    max_size=60,
).filter(lambda w: sum(w.values()) > 0)


@given(amounts, weights)
def test_split_always_sums_to_the_whole(total, w):
    parts = split(total, w)
    assert sum(parts.values()) == total
    assert set(parts) == set(w)


@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("100000000"), places=2), weights)
def test_split_of_a_positive_whole_is_never_negative(total, w):
    assert all(p >= 0 for p in split(total, w).values())
