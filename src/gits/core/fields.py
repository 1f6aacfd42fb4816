"""Small factories for field shapes the models repeat, so a model says what a field is (an
optional text, an amount of money, a reference to a person) instead of spelling out its
options each time.

Each factory returns exactly the field a model would otherwise declare by hand: the
deconstructed field (what migrations compare) is the same, so moving a model onto these
helpers generates no migration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gits.core.errors import DomainError

ORGANISATION = "organisations.Organisation"
PERSON = "bodies.Person"
BODY = "bodies.Body"
DECISION = "meetings.Decision"
MANAGED_OBJECT = "portfolio.ManagedObject"

# The largest id a row can have: a 64-bit integer, on SQLite and PostgreSQL alike.
ID_MAX = 2**63 - 1
# The years a budget, a plan or a report can be for, in every form, service and the API.
YEAR_MIN, YEAR_MAX = 2000, 2100
# The largest version a record can reach: its column is a positive 32-bit integer.
VERSION_MAX = 2**31 - 1


def whole_or_none(text: str, low: int = 0, high: int = ID_MAX) -> int | None:
    """The whole number `text` writes in the digits 0-9, or None when it is no such number
    or lies outside `low`..`high`. Addresses, buttons and files are read with it before a
    number reaches the database: `int()` would take "²" or "١" and any length (rule 10)."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def checked_year(value: Any, field: str = "year") -> int:
    """The year a budget, plan or report is for, or `DomainError` beside `field` when it is
    none or outside YEAR_MIN..YEAR_MAX (a year past what a date holds would fail later)."""
    year = whole_or_none(str(value).strip(), YEAR_MIN, YEAR_MAX)
    if year is None:
        raise DomainError(
            gettext("Ange ett år mellan %(low)s och %(high)s.")
            % {"low": YEAR_MIN, "high": YEAR_MAX},
            field=field,
        )
    return year


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


def optional_moment(label: Any, **kwargs: Any) -> models.DateTimeField:
    """A point in time that has not come yet (NULL until it has): signed, sent, revoked."""
    return models.DateTimeField(label, null=True, blank=True, **kwargs)


def state_field(states: type[models.TextChoices], max_length: int) -> models.CharField:
    """Where a record stands in its lifecycle (its "läge"): a new record starts in the first
    of `states`."""
    return models.CharField(
        _("läge"), max_length=max_length, choices=states.choices, default=next(iter(states))
    )


def protected_fk(
    to: Any,
    label: Any = None,
    *,
    optional: bool = False,
    related_name: str | None = "+",
    **kwargs: Any,
) -> models.ForeignKey:
    """A reference to a record that cannot be deleted while referred to (PROTECT); optional
    ones may be empty (NULL). No reverse accessor unless related_name is given (None: Django's
    default accessor)."""
    if optional:
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
    return models.ForeignKey(
        to, on_delete=models.PROTECT, related_name=related_name, verbose_name=label, **kwargs
    )


def weak_fk(
    to: Any, label: Any = None, *, related_name: str | None = "+", **kwargs: Any
) -> models.ForeignKey:
    """A reference that does not keep the record it points to: when that record is deleted
    the reference is emptied (SET_NULL), so it is always optional."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=label,
        **kwargs,
    )


def organisation_fk(label: Any, **kwargs: Any) -> models.ForeignKey:
    """A protected reference to an organisation (see protected_fk)."""
    return protected_fk(ORGANISATION, label, **kwargs)


def person_fk(label: Any, **kwargs: Any) -> models.ForeignKey:
    """A protected reference to a person of the register (see protected_fk)."""
    return protected_fk(PERSON, label, **kwargs)


def user_fk(label: Any, **kwargs: Any) -> models.ForeignKey:
    """A protected reference to a user account: who recorded, signed or withdrew something."""
    return protected_fk(settings.AUTH_USER_MODEL, label, **kwargs)


def decision_fk(label: Any, **kwargs: Any) -> models.ForeignKey:
    """A protected reference to a decision of a body (see protected_fk)."""
    return protected_fk(DECISION, label, **kwargs)


def parent_fk(to: Any, label: Any = None, *, related_name: str, **kwargs: Any) -> models.ForeignKey:
    """The record this one is part of, deleted with it (CASCADE): a meeting's agenda items,
    a review's milestones."""
    return models.ForeignKey(
        to, on_delete=models.CASCADE, related_name=related_name, verbose_name=label, **kwargs
    )
