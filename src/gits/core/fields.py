"""Small factories for field shapes the models repeat, so a model says what a field is (an
optional text, an amount of money, an optional organisation) instead of spelling out its
options each time.

Each factory returns exactly the field a model would otherwise declare by hand: the
deconstructed field (what migrations compare) is the same, so moving a model onto these
helpers generates no migration."""

from __future__ import annotations

from typing import Any

from django.db import models

ORGANISATION = "organisations.Organisation"


def optional_text(label: Any, max_length: int | None = None, **kwargs: Any) -> models.Field:
    """A text a user may leave empty, stored as "" (never NULL): a CharField when a maximum
    length is given, otherwise a TextField."""
    kwargs.setdefault("blank", True)
    kwargs.setdefault("default", "")
    if max_length is None:
        return models.TextField(label, **kwargs)
    return models.CharField(label, max_length=max_length, **kwargs)


def money_field(label: Any, **kwargs: Any) -> models.DecimalField:
    """An amount in kronor with öre precision (up to 999 999 999 999,99); money is a Decimal,
    never a float."""
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


def optional_money(label: Any, **kwargs: Any) -> models.DecimalField:
    """An amount that may be unknown (NULL) and left empty on a form."""
    return money_field(label, null=True, blank=True, **kwargs)


def optional_date(label: Any, **kwargs: Any) -> models.DateField:
    return models.DateField(label, null=True, blank=True, **kwargs)


def organisation_fk(
    label: Any, *, optional: bool = False, related_name: str = "+", **kwargs: Any
) -> models.ForeignKey:
    """A reference to an organisation that cannot be deleted while referred to (PROTECT);
    optional ones may be empty (NULL). No reverse accessor unless related_name is given."""
    if optional:
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
    return models.ForeignKey(
        ORGANISATION,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=label,
        **kwargs,
    )
