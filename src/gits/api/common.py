import inspect
import re
import types
import typing
from collections.abc import Collection
from datetime import datetime, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

from django.core.exceptions import FieldDoesNotExist, MultipleObjectsReturned, ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404 as django_get
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema, Status
from pydantic import AfterValidator, ConfigDict, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from gits.core.audit import history_for
from gits.core.documents import rendered
from gits.core.errors import DomainError, NotFound
from gits.core.fields import YEAR_MAX, YEAR_MIN
from gits.core.permissions import require

# Limits where input enters (issue 12): years and month counts a person could mean.
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Months = Annotated[int, Field(ge=0, le=1200)]
Quarter = Annotated[int, Field(ge=1, le=4)]


# --- input: the schema is the contract (issue 12) ----------------------------------------------

# The documented cap on free text (a TextField has no length of its own) and on a number that
# fills no model field.
TEXT_MAX = 20_000
INT_RANGE = (-(2**63), 2**63 - 1)
DECIMAL_DIGITS = (17, 2)
# What no text may hold: control characters (C0, DEL, C1), lone surrogates and the
# non-characters U+FFFE/U+FFFF, none of which a document or an XML export can show. Free text
# may keep tab and line breaks; a single-line field may not.
_NOT_FREE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _refuse_characters(value: str, pattern: re.Pattern) -> str:
    found = pattern.search(value)
    if found:
        raise PydanticCustomError(
            "control_character",
            _("Otillåtet tecken (U+{code}) i texten."),
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


def _single_line(value: str) -> str:
    return _refuse_characters(value, _NOT_ONE_LINE)


def _free_text(value: str) -> str:
    return _refuse_characters(value, _NOT_FREE_TEXT)


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def text_of(model, name: str) -> Any:
    """A string as long as the model field it fills may be, on one line; free text (a
    TextField, or a field of no model) up to TEXT_MAX with newlines and tabs."""
    field = _model_field(model, name)
    if field is not None and field.max_length and not isinstance(field, models.TextField):
        return Annotated[str, Field(max_length=field.max_length), AfterValidator(_single_line)]
    return Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_free_text)]


def amount_of(model, name: str) -> Any:
    """A finite decimal with at most the model field's digits and decimal places."""
    field = _model_field(model, name)
    digits, places = (
        (field.max_digits, field.decimal_places)
        if isinstance(field, models.DecimalField)
        else DECIMAL_DIGITS
    )
    return Annotated[
        Decimal,
        Field(
            max_digits=digits,
            decimal_places=places,
            allow_inf_nan=False,
            description=f"Högst {digits} siffror, varav {places} decimaler.",
        ),
    ]


def whole_of(model, name: str) -> Any:
    """An integer within what the model field (or the database) holds."""
    field = _model_field(model, name)
    low, high = INT_RANGE
    if isinstance(field, models.IntegerField):
        # The ranges every backend but SQLite enforces (SQLite would take any 64-bit value).
        ranges = BaseDatabaseOperations.integer_field_ranges
        low, high = ranges.get(field.get_internal_type(), INT_RANGE)
        for v in field.validators:
            if isinstance(v, MinValueValidator) and not callable(v.limit_value):
                low = max(low, v.limit_value)
            if isinstance(v, MaxValueValidator) and not callable(v.limit_value):
                high = min(high, v.limit_value)
    elif isinstance(field, models.ForeignKey | models.AutoField):
        low = 1
    return Annotated[int, Field(ge=low, le=high)]


@cache
def choice_of(choices: type[models.Choices]) -> Any:
    """The model's choices as their own schema component, named by the model and the choice
    (`OrganisationKind`, `BodyKind`), so that no two choice lists share one name; the value
    handed on is the model's own choice."""
    name = choices.__qualname__.replace(".", "")
    base = models.IntegerChoices if issubclass(choices, int) else models.TextChoices
    documented = base(name, [(m.name, (m.value, m.label)) for m in choices])
    return Annotated[
        documented,
        AfterValidator(lambda v: choices(v.value)),
        PlainSerializer(lambda v: v, return_type=Any),
    ]


def _local_time(value: time) -> time:
    """A time of day as people say it (the meeting's own), without a time zone."""
    if value.tzinfo is not None:
        raise PydanticCustomError("time_zone", _("Ange tiden utan tidszon (TT:MM)."))
    return value


LocalTime = Annotated[time, AfterValidator(_local_time)]


def _bounded(annotation, model, name: str):
    """The annotation with the limits of the model field it fills (see `In`)."""
    if annotation is str:
        return text_of(model, name)
    if annotation is Decimal:
        return amount_of(model, name)
    if annotation is int:
        return whole_of(model, name)
    if annotation is time:
        return LocalTime
    if isinstance(annotation, type) and issubclass(annotation, models.Choices):
        return choice_of(annotation)
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        args = tuple(_bounded(a, model, name) for a in typing.get_args(annotation))
        return typing.Union[args]  # noqa: UP007
    if origin is list:
        (arg,) = typing.get_args(annotation)
        return list[_bounded(arg, model, name)]
    return annotation


def _own_annotations(cls) -> dict[str, Any]:
    """The class's own field annotations (never a base's), to add fields to."""
    if "__annotations__" not in cls.__dict__:
        cls.__annotations__ = {}
    return cls.__dict__["__annotations__"]


class In(Schema):
    """The base of every input schema. An unknown field is refused by name (422). Each plain
    `str`, `int`, `Decimal` and choice field gets the limits of the model field of the same
    name in `__model__` (its max_length, integer range, digits and decimal places, its own
    choice list); a field of no model gets the documented caps (TEXT_MAX, a 64-bit integer,
    DECIMAL_DIGITS). Strings refuse control characters, lone surrogates and XML
    non-characters; single-line fields also line breaks. A time of day is refused with a
    time zone. A field declared with its own limits (`Annotated`, `Field`) keeps them.
    `texts=` adds a field for each name it lists, after those declared: a text of the model,
    empty when not sent (for the lists in which a model names its texts, `SECTION_FIELDS`)."""

    model_config = ConfigDict(extra="forbid")
    __model__: typing.ClassVar[type[models.Model] | None] = None

    def __init_subclass__(cls, texts: Collection[str] = (), **kwargs):
        annotations = _own_annotations(cls)
        for name in texts:
            annotations[name] = str
            setattr(cls, name, "")
        model = cls.__dict__.get("__model__") or getattr(cls, "__model__", None)
        for name, annotation in list(annotations.items()):
            if name.startswith("_") or typing.get_origin(annotation) is typing.ClassVar:
                continue
            annotations[name] = _bounded(annotation, model, name)
        super().__init_subclass__(**kwargs)


class Out(Schema):
    """The base of an output schema that shows a model's texts: `texts=` adds a `str` field
    for each name it lists, after those declared (as `In` takes them)."""

    def __init_subclass__(cls, texts: Collection[str] = (), **kwargs):
        _own_annotations(cls).update(dict.fromkeys(texts, str))
        super().__init_subclass__(**kwargs)


class Patch(In):
    """The base of a PATCH schema (made by `patch_of`)."""

    def changes(self, **targets) -> dict[str, Any]:
        """The fields sent (the `version` read among them), the ids among them resolved as by
        `resolve_ids`: what an update service takes besides the actor and the record."""
        return resolve_ids(self.dict(exclude_unset=True), **targets)


def patch_of(schema: type[In], *, exclude: Collection[str] = ()) -> type[Patch]:
    """The PATCH schema of an input schema, named after it (`BodyIn` gives `BodyPatch`): the
    `version` the client read, then each field of `schema` (but those excluded) with the same
    limits, optional and None when not sent. Subclass it to add fields only a change has."""
    fields = {k: v for k, v in schema.__annotations__.items() if k not in exclude}
    namespace = {
        "__module__": schema.__module__,
        "__model__": schema.__model__,
        "__annotations__": {"version": int} | {k: v | None for k, v in fields.items()},
        **dict.fromkeys(fields),
    }
    name = schema.__name__.removesuffix("In") + "Patch"
    return types.new_class(name, (Patch,), exec_body=lambda ns: ns.update(namespace))


# Pydantic's messages in Swedish, by error type, with the values of its context.
_MESSAGES = {
    "extra_forbidden": gettext_lazy("Okänt fält."),
    "missing": gettext_lazy("Fältet saknas."),
    "string_too_long": gettext_lazy("Högst %(max_length)s tecken."),
    "string_too_short": gettext_lazy("Minst %(min_length)s tecken."),
    "string_type": gettext_lazy("Ange en text."),
    "string_unicode": gettext_lazy("Otillåtet tecken i texten."),
    "int_parsing": gettext_lazy("Ange ett heltal."),
    "int_type": gettext_lazy("Ange ett heltal."),
    "int_from_float": gettext_lazy("Ange ett heltal."),
    "less_than_equal": gettext_lazy("Högst %(le)s."),
    "greater_than_equal": gettext_lazy("Minst %(ge)s."),
    "decimal_parsing": gettext_lazy("Ange ett tal."),
    "decimal_type": gettext_lazy("Ange ett tal."),
    "decimal_max_digits": gettext_lazy("Högst %(max_digits)s siffror."),
    "decimal_max_places": gettext_lazy("Högst %(decimal_places)s decimaler."),
    "decimal_whole_digits": gettext_lazy("Högst %(whole_digits)s siffror före decimaltecknet."),
    "finite_number": gettext_lazy("Ange ett ändligt tal."),
    "enum": gettext_lazy("Välj ett av: %(expected)s."),
    "literal_error": gettext_lazy("Välj ett av: %(expected)s."),
    "bool_parsing": gettext_lazy("Ange true eller false."),
    "bool_type": gettext_lazy("Ange true eller false."),
    "date_from_datetime_parsing": gettext_lazy("Ange ett datum (ÅÅÅÅ-MM-DD)."),
    "date_parsing": gettext_lazy("Ange ett datum (ÅÅÅÅ-MM-DD)."),
    "date_type": gettext_lazy("Ange ett datum (ÅÅÅÅ-MM-DD)."),
    "time_parsing": gettext_lazy("Ange en tid (TT:MM)."),
    "list_type": gettext_lazy("Ange en lista."),
    "model_attributes_type": gettext_lazy("Ange ett objekt."),
    "dict_type": gettext_lazy("Ange ett objekt."),
}


def validation_message(error: dict) -> str:
    """A validation error's message in Swedish where there is one (else pydantic's)."""
    message = _MESSAGES.get(error.get("type", ""))
    if message is None:
        return str(error.get("msg", ""))
    try:
        return str(message) % {k: v for k, v in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def objects_by_ids(queryset, ids, *, field: str) -> list:
    """The records a list of ids names, in the order given; unknown ids are refused by name
    (never silently dropped)."""
    ids = list(dict.fromkeys(ids))
    found = queryset.in_bulk(ids)
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise DomainError(
            _("Okända id i %(f)s: %(ids)s.") % {"f": field, "ids": ", ".join(unknown)},
            field=field,
        )
    return [found[pk] for pk in ids]


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    code: str


class AuditEntryOut(Schema):
    action: str
    object_type: str
    object_id: str
    object_repr: str
    actor_name: str
    request_id: str
    changes: dict[str, Any]
    created_at: datetime


ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,  # too many failed logins (gits.accounts.throttle)
}


def get_or_404(queryset_or_model, **lookup):
    """The one record the lookup names, or the documented 404 (also when the lookup does not
    single out one record, e.g. an empty code)."""
    try:
        return django_get(queryset_or_model, **lookup)
    except (Http404, ObjectDoesNotExist, MultipleObjectsReturned) as exc:
        raise NotFound(_("Posten finns inte.")) from exc


def filtered(queryset, **lookups):
    """The queryset narrowed by each lookup that has a value (an empty filter is no filter)."""
    return queryset.filter(**{key: value for key, value in lookups.items() if value})


def resolve_ids(
    data: dict[str, Any], **targets: type[models.Model] | models.QuerySet
) -> dict[str, Any]:
    """The payload with each `<name>_id` it holds replaced by the record it names, from the
    model (or queryset) given for `<name>`: 404 when there is none; null stays null. As the
    services take them."""
    for name, model in targets.items():
        if f"{name}_id" in data:
            pk = data.pop(f"{name}_id")
            data[name] = get_or_404(model, pk=pk) if pk is not None else None
    return data


def created(service, request, payload: Schema, **targets) -> Status:
    """201 with the record `service` made from the payload, its ids resolved (`resolve_ids`)."""
    return Status(201, service(actor=request.auth, **resolve_ids(payload.dict(), **targets)))


def document_file(doc, fmt: str = "pdf") -> HttpResponse:
    """A document (gits.core.documents) as a file: `pdf` or `docx` (another is refused)."""
    file = rendered(doc, fmt)
    if file is None:
        raise DomainError(_("Formatet ska vara pdf eller docx."), field="fmt")
    content, content_type = file
    return HttpResponse(content, content_type=content_type)


def parameter(name: str, annotation: Any, default: Any = inspect.Parameter.empty):
    """A view's parameter as ninja reads it from the signature, for a view that a function
    makes (`paging.paged`, `resources.Resource`)."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    return inspect.Parameter(name, kind, default=default, annotation=annotation)


def history(request, obj):
    require(request.auth, "core.audit:view")
    return list(history_for(obj))
