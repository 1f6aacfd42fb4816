"""Every allocation goes through core.money.split: parts sum to the whole exactly, never go
negative and are reproducible (R-23, R-25)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gits.core.errors import DomainError
from gits.finance.allocation import by_users, explain_difference, halves, quarters, spread

amounts = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2)
weights = st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=1, max_size=60).filter(
    lambda w: sum(w) > 0
)


@given(amounts)
def test_halves_sum_exactly_and_differ_by_at_most_one_ore(total):
    parts = halves(total)
    assert parts["region"] + parts["municipalities"] == total
    assert min(parts.values()) >= 0
    assert abs(parts["region"] - parts["municipalities"]) <= Decimal("0.01")


def test_fifty_fifty_of_an_odd_ore_amount_r23():
    assert halves(Decimal("2920000.01")) == {
        "region": Decimal("1460000.01"),
        "municipalities": Decimal("1460000.00"),
    }
    assert halves(Decimal("0.01")) == {"region": Decimal("0.01"), "municipalities": Decimal("0.00")}


@given(amounts)
def test_quarters_sum_to_the_year(total):
    parts = quarters(total)
    assert sum(parts.values()) == total
    assert all(p >= 0 for p in parts.values())
    assert max(parts.values()) - min(parts.values()) <= Decimal("0.01")


@given(amounts, weights)
def test_spread_sums_exactly_never_negative_and_is_reproducible(total, ws):
    keys = {f"k{i}": w for i, w in enumerate(ws)}
    parts = spread(total, keys)
    assert sum(parts.values()) == total
    assert all(p >= 0 for p in parts.values())
    assert all(parts[k] == 0 for k, w in keys.items() if w == 0)
    assert spread(total, keys) == parts


@given(
    st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2),
    st.integers(min_value=0, max_value=100000),
    st.integers(min_value=0, max_value=100000),
)
def test_settlement_by_users_keeps_the_sign_and_sums_r25(run, region_users, town_users):
    if region_users + town_users == 0:
        with pytest.raises(DomainError):
            by_users(run, region_users, town_users)
        return
    parts = by_users(run, region_users, town_users)
    assert parts["region"] + parts["municipalities"] == run
    assert all((p >= 0) if run >= 0 else (p <= 0) for p in parts.values())


def test_spread_refuses_all_zero_weights_in_swedish():
    with pytest.raises(DomainError, match="summerar till noll"):
        spread(Decimal("100"), {"a": 0, "b": 0})


def test_explain_difference_prefers_single_figures_then_pairs():
    same = [("A", Decimal("750000")), ("B", Decimal("11310000")), ("C", Decimal("2000000"))]
    other = [("X", Decimal("12060000"))]
    assert explain_difference(Decimal("-12060000"), same, other) == [["X"]]
    assert explain_difference(Decimal("12060000"), same, []) == [["A", "B"]]
    assert explain_difference(Decimal("1"), same, other) == []
