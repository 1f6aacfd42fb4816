"""The two shapes every page that changes something takes, written once.

- `form_page`: show a form; on a valid POST call the service; on success say so and go on,
  on a refused rule show the service's `DomainError` beside the field it names.
- `post_action`: a button that calls a service and goes back, saying what happened.

Views say only which form, which service and where to go next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.permissions import require

T = TypeVar("T")
Message = str | Callable[[Any], str]


def _text(message: Message, result: Any) -> str:
    return message(result) if callable(message) else str(message)


def refuse_without(
    request: HttpRequest, right: str, fallback: str, *args: Any, **kwargs: Any
) -> HttpResponse | None:
    """Send a user without the right back to `fallback` with the reason, or None."""
    try:
        require(request.user, right)
    except DomainError as err:
        messages.error(request, str(err.message))
        return redirect(fallback, *args, **kwargs)
    return None


def initial_from(obj: models.Model | None, fields: Iterable[str]) -> dict[str, Any] | None:
    """A form's initial values from a record: its fields (a relation as its id) and the
    version the user starts from."""
    if obj is None:
        return None
    initial: dict[str, Any] = {}
    for name in fields:
        model_field = obj._meta.get_field(name)
        if model_field.many_to_one or model_field.one_to_one:
            initial[name] = getattr(obj, f"{name}_id")
        elif model_field.many_to_many:
            initial[name] = list(getattr(obj, name).all())
        else:
            initial[name] = getattr(obj, name)
    if hasattr(obj, "version"):
        initial["version"] = obj.version
    return initial


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    save: Callable[[dict[str, Any], int | None], T],
    success: Message,
    next_url: Callable[[T], Any] | str,
    context: Mapping[str, Any] | None = None,
    error_status: int = 200,
) -> HttpResponse:
    """Render `form`; on a valid POST call `save(data, version)` (the service) and redirect
    to `next_url` with the success message, or show the refusal beside its field (with
    `error_status` when the form comes back with errors)."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        saved = call_service(form, lambda: save(data, version))
        if saved is not None:
            messages.success(request, _text(success, saved))
            return redirect(next_url(saved) if callable(next_url) else next_url)
    status = error_status if request.method == "POST" and form.errors else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)


def edit_page(
    request: HttpRequest,
    *,
    obj: models.Model | None,
    form_class: type[forms.Form],
    template: str,
    fields: Iterable[str],
    create: Callable[..., T],
    update: Callable[..., T],
    entity: str,
    next_url: Callable[[T], Any],
    success: Message,
    right: str,
    refuse_to: str,
    context: Mapping[str, Any] | None = None,
    form_kwargs: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The create and edit page of one kind of record: `create(actor=..., **data)` for a new
    one, `update(actor=..., <entity>=obj, version=..., **data)` for an existing one."""
    refused = refuse_without(request, right, refuse_to)
    if refused:
        return refused
    form = form_class(
        request.POST or None, initial=initial_from(obj, fields), **dict(form_kwargs or {})
    )

    def save(data: dict[str, Any], version: int | None) -> T:
        if obj is None:
            return create(actor=request.user, **data)
        return update(actor=request.user, version=version, **{entity: obj}, **data)

    return form_page(
        request,
        form,
        template=template,
        save=save,
        success=success,
        next_url=next_url,
        context={entity: obj, **(context or {})},
    )


def post_action(
    request: HttpRequest,
    run: Callable[[], T],
    *,
    success: Message,
    next_url: str,
    done_url: Callable[[T], Any] | None = None,
) -> HttpResponse:
    """Run a service from a button and go back to `next_url` (or, on success, to
    `done_url(result)`), saying what happened or why it was refused."""
    try:
        result = run()
    except DomainError as err:
        messages.error(request, str(err.message))
        return redirect(next_url)
    messages.success(request, _text(success, result))
    return redirect(done_url(result) if done_url else next_url)
