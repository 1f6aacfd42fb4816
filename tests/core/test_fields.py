"""The field factories (gits.core.fields) make exactly the fields a model would declare by
hand, so every app's models built on them need no migration; and `whole_or_none` reads the
numbers that come in as text."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import models

from gits.core.errors import DomainError
from gits.core.fields import (
    ID_MAX,
    checked_year,
    decision_fk,
    optional_moment,
    parent_fk,
    person_fk,
    protected_fk,
    state_field,
    user_fk,
    weak_fk,
    whole_or_none,
)
from gits.core.models import unique


def _same(made: models.Field, by_hand: models.Field) -> None:
    assert made.deconstruct()[1:] == by_hand.deconstruct()[1:]


class _States(models.TextChoices):
    FIRST = "first", "First"
    SECOND = "second", "Second"


def test_references_are_the_fields_written_by_hand():
    _same(
        person_fk("x", optional=True),
        models.ForeignKey(
            "bodies.Person",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name="+",
            verbose_name="x",
        ),
    )
    _same(
        user_fk("x"),
        models.ForeignKey(
            settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="x"
        ),
    )
    _same(
        decision_fk("x", related_name="made"),
        models.ForeignKey(
            "meetings.Decision", on_delete=models.PROTECT, related_name="made", verbose_name="x"
        ),
    )
    # related_name=None: Django's own reverse accessor, as when none is written.
    _same(
        protected_fk("bodies.Body", related_name=None),
        models.ForeignKey("bodies.Body", on_delete=models.PROTECT),
    )
    _same(
        weak_fk("bodies.Body", "x"),
        models.ForeignKey(
            "bodies.Body",
            on_delete=models.SET_NULL,
            null=True,
            blank=True,
            related_name="+",
            verbose_name="x",
        ),
    )
    _same(
        parent_fk("bodies.Body", "x", related_name="parts"),
        models.ForeignKey(
            "bodies.Body", on_delete=models.CASCADE, related_name="parts", verbose_name="x"
        ),
    )


def test_other_shapes_are_the_fields_written_by_hand():
    _same(optional_moment("x"), models.DateTimeField("x", null=True, blank=True))
    made = state_field(_States, max_length=10)
    by_hand = models.CharField(
        "läge", max_length=10, choices=_States.choices, default=_States.FIRST
    )
    _same(made, by_hand)
    assert made.default == _States.FIRST  # a new record starts in the first state
    assert unique("a", "b", name="n") == models.UniqueConstraint(fields=["a", "b"], name="n")


def test_no_app_needs_a_migration(db):
    # exits with status 1 when any model differs from its migrations
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


@pytest.mark.parametrize(
    ("text", "low", "high", "expected"),
    [
        ("42", 0, ID_MAX, 42),
        ("0", 0, ID_MAX, 0),
        ("0", 1, ID_MAX, None),
        (str(ID_MAX), 0, ID_MAX, ID_MAX),
        (str(ID_MAX + 1), 0, ID_MAX, None),
        ("9" * 3000, 0, ID_MAX, None),
        ("²", 0, ID_MAX, None),  # a digit to str.isdigit, and int() would take it
        ("١٢", 0, ID_MAX, None),  # Arabic-Indic digits: int() gives 12
        ("-1", 0, ID_MAX, None),
        ("1.5", 0, ID_MAX, None),
        ("", 0, ID_MAX, None),
        ("2026", 2, 9998, 2026),
        ("10000", 2, 9998, None),
    ],
)
def test_whole_or_none_reads_only_plain_digits_within_bounds(text, low, high, expected):
    assert whole_or_none(text, low, high) == expected


@pytest.mark.parametrize("value", [2000, 2100, "2026", " 2026 "])
def test_a_year_within_bounds_is_taken(value):
    assert checked_year(value) == int(str(value).strip())


@pytest.mark.parametrize("value", [1999, 2101, 2**70, "²⁰²⁶", "٢٠٢٦", "", None, True, "2026.0"])
def test_another_year_is_refused_beside_its_field(value):
    with pytest.raises(DomainError, match="Ange ett år mellan 2000 och 2100") as refused:
        checked_year(value, field="first")
    assert refused.value.field == "first"
