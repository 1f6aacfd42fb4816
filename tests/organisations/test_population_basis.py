import datetime as dt

import pytest

from gits.core.errors import DomainError
from gits.organisations.selectors import population_basis

pytestmark = pytest.mark.django_db
YEAR_END = dt.date(2024, 12, 31)


def test_missing_figures_are_refused_naming_the_municipalities_r2(defaults):
    with pytest.raises(DomainError) as err:
        population_basis(YEAR_END)
    text = str(err.value)
    for name in ("Stenungsund", "Tanum", "Tranemo", "Ulricehamn", "Vara"):
        assert name in text
    assert "Göteborg" not in text
    assert "5 kommuner" in text


def test_accepting_earlier_figures_shows_them_r2(defaults):
    basis = population_basis(YEAR_END, accept_earlier=True)
    assert len(basis.figures) == 49
    assert sorted(f.municipality.name for f in basis.substitutes) == [
        "Stenungsund",
        "Tanum",
        "Tranemo",
        "Ulricehamn",
        "Vara",
    ]
    assert all(f.reference_date < YEAR_END for f in basis.substitutes)


def test_year_end_total_of_the_44_matches_the_data_readme(defaults):
    basis = population_basis(YEAR_END, accept_earlier=True)
    exact = sum(f.population for f in basis.figures.values() if f.reference_date == YEAR_END)
    # County total 1 772 821 minus the five municipalities' 93 536 (shared/data/README.md).
    assert exact == 1_772_821 - 93_536
