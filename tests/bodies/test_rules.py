import datetime as dt
from types import SimpleNamespace

from gits.bodies.rules import chair_side, overlaps, peak_count
from gits.organisations.models import Side


def body(rotates=True, year=2011, side="region"):
    return SimpleNamespace(chair_rotates=rotates, chair_base_year=year, chair_base_side=side)


def test_chair_alternates_every_year_r5():
    b = body()
    assert chair_side(b, 2011) == Side.REGION
    assert chair_side(b, 2012) == Side.MUNICIPALITIES
    assert chair_side(b, 2026) == Side.MUNICIPALITIES
    assert chair_side(b, 2027) == Side.REGION
    assert chair_side(b, 2010) == Side.MUNICIPALITIES


def test_no_rotation_no_side():
    assert chair_side(body(rotates=False), 2026) is None


def test_overlaps_open_ended():
    d = dt.date
    assert overlaps(d(2025, 1, 1), None, d(2030, 1, 1), None)
    assert not overlaps(d(2025, 1, 1), d(2025, 12, 31), d(2026, 1, 1), None)
    assert overlaps(d(2025, 1, 1), d(2025, 12, 31), d(2025, 12, 31), d(2026, 1, 1))


def test_peak_count_finds_the_busiest_day():
    d = dt.date
    t = lambda s, e: SimpleNamespace(start_date=s, end_date=e)  # noqa: E731
    others = [t(d(2025, 1, 1), d(2025, 6, 30)), t(d(2025, 7, 1), None), t(d(2025, 3, 1), None)]
    assert peak_count(d(2025, 1, 1), None, others) == (2, d(2025, 3, 1))
    assert peak_count(d(2024, 1, 1), d(2024, 12, 31), others) == (0, d(2024, 1, 1))
