"""Form helpers: forms check shape, services check rules; a refused rule is shown beside
its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from gits.core.errors import DomainError
from gits.core.fields import YEAR_MAX, YEAR_MIN, whole_or_none
from gits.core.widgets import FastSelect

T = TypeVar("T")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def textarea(
    label: Any, *, rows: int = 4, required: bool = False, help_text: Any = "", missing: Any = None
) -> forms.CharField:
    """A text of several lines (`rows` high), optional unless `required`; `missing` says what
    to write when a required text is left empty."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing} if missing else None,
    )


def optional_text(label: Any, *, max_length: int, help_text: Any = "") -> forms.CharField:
    """An optional line of text of at most `max_length` characters."""
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=help_text)


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    """A date picked in the browser's calendar (ISO format in the field)."""
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


def choice_of(
    label: Any, model: type[Model], *, required: bool = True, help_text: Any = ""
) -> forms.ModelChoiceField:
    """A choice of one `model` record; the form's `__init__` sets the records offered."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model._default_manager.none(),
        required=required,
        help_text=help_text,
        widget=FastSelect,  # hundreds of records: no template render per option
    )


def whole_number(label: Any, model: type[Model], name: str, **kwargs: Any) -> forms.IntegerField:
    """A whole number within what the model's integer field `name` holds on every database:
    SQLite would take any 64-bit value and PostgreSQL refuse it with a server error (rule 10)."""
    field = model._meta.get_field(name)
    low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    return forms.IntegerField(label=label, min_value=low, max_value=high, **kwargs)


def year_field(label: Any, **kwargs: Any) -> forms.IntegerField:
    """The year a budget, plan or report is for (YEAR_MIN..YEAR_MAX)."""
    return forms.IntegerField(label=label, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


class RecordsField(forms.ModelMultipleChoiceField):
    """A choice of several records. Each posted id is checked to be one before the database
    sees it: Django's own check hands the database a number past its integers and fails
    with a server error instead of refusing the choice (rule 10)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if whole_or_none(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class VersionField(forms.IntegerField):
    """The version the user started from, for optimistic locking."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def call_service(form: forms.Form, service: Callable[[], T]) -> T | None:
    """Run service; on a DomainError attach its message to the field it names (or to the form)
    and return None."""
    try:
        return service()
    except DomainError as err:
        field = err.field if err.field in form.fields else None
        form.add_error(field, str(err.message))
        return None


class DescribedErrorsMixin:
    """Point each field at its help text and error message for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.required_css_class = "required"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self._describe()

    @property
    def fields_with_errors(self) -> list[Any]:
        """The bound fields with an error, for the form's error summary."""
        return [field for field in self if field.errors]  # type: ignore[attr-defined]

    def add_error(self, field: str | None, error: Any) -> None:
        # A service's refusal is added after the form was cleaned: point the field at it too.
        super().add_error(field, error)  # type: ignore[misc]
        self._describe()

    def _describe(self) -> None:
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if field.widget.is_hidden:  # no text of its own to point at (the version)
                continue
            described = []
            if field.help_text:
                described.append(f"id_{name}-help")
            if name in self.errors:  # type: ignore[attr-defined]
                described.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class GitsForm(DescribedErrorsMixin, forms.Form):
    pass


ERROR_REQUIRED = _("Fältet måste fyllas i.")
