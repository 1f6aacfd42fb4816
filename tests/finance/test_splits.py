"""Cost splits across the municipalities (R-23) on the population of a date (R-2)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse

from gits.core.errors import DomainError
from gits.finance import services
from gits.finance.models import SpreadMethod
from gits.finance.selectors import (
    budget_splits,
    line_split,
    per_capita_levy,
    spread_to_municipalities,
)
from gits.organisations.models import Organisation, PopulationFigure

pytestmark = pytest.mark.django_db
D = Decimal
YEAR_END = dt.date(2024, 12, 31)
FIVE = ["Stenungsund", "Tanum", "Tranemo", "Ulricehamn", "Vara"]


def test_per_capita_refuses_missing_population_naming_the_municipalities_r2(budget_2026):
    line = budget_2026.lines.get()
    line.accept_earlier = False
    line.save()
    with pytest.raises(DomainError) as err:
        line_split(line)
    for name in FIVE:
        assert name in str(err.value)
    assert "Göteborg" not in str(err.value)


def test_per_capita_with_earlier_figures_shows_the_substitutes_and_sums_exactly(budget_2026):
    result = line_split(budget_2026.lines.get())
    assert result.reference_date == YEAR_END
    assert sorted(f.municipality.name for f in result.substitutes) == FIVE
    assert len(result.rows) == 49
    assert result.base == D("1500000.00")  # VästKom's half of GITS
    assert result.total == result.base
    assert result.region == D("1500000.01")
    goteborg = next(r for r in result.rows if r.municipality.name == "Göteborg")
    assert (
        goteborg.amount
        > max(r.amount for r in result.rows if r.municipality.name != "Göteborg") - 1
    )
    assert line_split(budget_2026.lines.get()).rows == result.rows  # reproducible


def test_the_split_page_writes_inhabitants_with_spaces(client, budget_2026, lead_user):
    line = budget_2026.lines.get()
    result = line_split(line)
    goteborg = next(r for r in result.rows if r.municipality.name == "Göteborg")
    client.force_login(lead_user)
    page = client.get(reverse("finance:line_split", args=[line.pk])).content.decode()
    assert f'<td class="num">{intcomma(goteborg.weight)}' in page
    assert f'<td class="num">{intcomma(result.weight_total)}</td>' in page
    assert "\xa0" in intcomma(result.weight_total)  # over a million, so grouped


def test_split_by_users_needs_every_municipality_and_sums(budget_2026, lead_user):
    line = budget_2026.lines.get()
    towns = list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name"))
    services.line_update(
        actor=lead_user, line=line, version=line.version, spread_method=SpreadMethod.USERS
    )
    line.refresh_from_db()
    services.user_counts_set(actor=lead_user, line=line, counts={t: 10 for t in towns[:-1]})
    with pytest.raises(DomainError, match=towns[-1].name):
        line_split(line)
    services.user_counts_set(actor=lead_user, line=line, counts={t: i for i, t in enumerate(towns)})
    result = line_split(line)
    assert result.total == D("1500000.00")
    assert result.rows[0].amount == 0  # zero users, zero share


def test_equal_split_of_an_amount_that_does_not_divide(defaults):
    result = spread_to_municipalities(D("100.00"), method=SpreadMethod.EQUAL)
    amounts = [r.amount for r in result.rows]
    assert sum(amounts) == D("100.00")
    assert set(amounts) == {D("2.05"), D("2.04")}
    # 100.00 = 49 × 2.04 + 0.04: the four öre left go to the first four by name (ties by order)
    assert amounts[:4] == [D("2.05")] * 4 and amounts.count(D("2.05")) == 4


def test_six_kronor_per_inhabitant_reproduced_seed_002(defaults):
    """ "6 kr per invånare (ca 9,4 Mnkr)": with a 2010 population of 1 580 297 spread over the
    municipalities the levy is 9 481 782 kr; with the loaded 2024 data it is ≈10,6 Mnkr."""
    towns = list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name"))
    date_2010 = dt.date(2010, 12, 31)
    remaining = 1_580_297
    for i, town in enumerate(towns):
        people = remaining if i == len(towns) - 1 else 1_580_297 // 49
        remaining -= people if i < len(towns) - 1 else 0
        PopulationFigure.objects.create(
            municipality=town, reference_date=date_2010, population=people, source="test"
        )
    levy = per_capita_levy(D("6"), date_2010)
    assert levy.population == 1_580_297
    assert levy.total == D("9481782.00")
    assert round(levy.total / 1_000_000, 1) == D("9.5")
    with pytest.raises(DomainError, match="Stenungsund"):
        per_capita_levy(D("6"), YEAR_END)
    levy_2024 = per_capita_levy(D("6"), YEAR_END, accept_earlier=True)
    assert sum(r.amount for r in levy_2024.rows) == levy_2024.total == 6 * levy_2024.population
    assert D("10500000") < levy_2024.total < D("10700000")
    assert len(levy_2024.substitutes) == 5


def test_budget_splits_lists_refused_lines_with_the_reason(budget_2026, lead_user):
    line = budget_2026.lines.get()
    services.line_update(actor=lead_user, line=line, version=line.version, accept_earlier=False)
    results, refused = budget_splits(budget_2026)
    assert results == [] and refused[0][0].name == "GITS" and "Stenungsund" in refused[0][1]
