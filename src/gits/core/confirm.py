"""The one confirmation step before an action that cannot be undone (issue 13).

A button that issues invoices, signs minutes or compiles a pack does not post at once: it
leads (GET) to a page that names the action, says what follows, and carries what the user
chose to a button that posts to the action itself, with an "Avbryt" link back. The GET
changes nothing. A user without the right gets no button and a 403. Programs (the API) call
the services directly and need no confirmation.

    return confirm_page(
        request,
        title=_("Fakturera varje kommun"),
        follows=[_("49 fakturor skapas och får fakturanummer; ...")],
        action=reverse("finance:party_levy_run"),
        button=_("Ja, utfärda fakturorna"),
        cancel=reverse("finance:party_runs"),
        data=posted_values(form),
        right="finance.invoice:run",
    )
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gits.core.forms import call_service
from gits.core.permissions import can


@dataclass(frozen=True)
class Follows:
    """One thing that follows from the action; `important` ones are shown in bold."""

    text: str
    important: bool = False


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def posted_values(form: forms.Form) -> list[tuple[str, str]]:
    """The values the user gave a (valid) form, as name/value pairs for hidden fields, so
    the confirmation posts exactly what was asked about. Only the form's own fields."""
    pairs: list[tuple[str, str]] = []
    for name in form.fields:
        key = form.add_prefix(name)
        if hasattr(form.data, "getlist"):
            values = form.data.getlist(key)
        else:
            value = form.data.get(key)
            values = [] if value is None else [value]
        pairs.extend((key, str(v)) for v in values)
    return pairs


def _pairs(data: Mapping[str, Any] | Iterable[tuple[str, Any]] | None) -> list[tuple[str, str]]:
    if data is None:
        return []
    items = data.items() if isinstance(data, Mapping) else data
    return [(str(k), "" if v is None else str(v)) for k, v in items]


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    follows: Sequence[str | Follows],
    action: str,
    button: str,
    cancel: str,
    data: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
    right: str | None = None,
    heading: str | None = None,
    notes: Sequence[str] = (),
    warnings: Sequence[str] = (),
    links: Sequence[Link] = (),
    back: Link | None = None,
    progress: str | None = None,
    blocked: str | None = None,
    instead: Link | None = None,
    danger: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The confirmation page of an irreversible action.

    `title` names the action, `follows` lists what will happen, `action` is the URL the
    button posts `data` to, `cancel` where "Avbryt" leads. With `right`, a user who lacks it
    is refused (403). `blocked` says why the action cannot run now (no button; `instead` may
    offer a way on). `progress` is the text shown while a long action runs."""
    if right is not None and not can(request.user, right):
        raise PermissionDenied(_("Du har inte behörighet att göra detta."))
    return render(
        request,
        "gits/confirm.html",
        {
            "title": title,
            "heading": heading or _("Det här händer"),
            "follows": [f if isinstance(f, Follows) else Follows(str(f)) for f in follows],
            "notes": list(notes),
            "warnings": list(warnings),
            "links": list(links),
            "back": back or Link(cancel, _("Tillbaka")),
            "action": action,
            "button": button,
            "cancel": cancel,
            "hidden": _pairs(data),
            "progress": progress,
            "blocked": blocked,
            "instead": instead,
            "danger": danger,
        },
        status=status,
    )


def confirmed(
    request: HttpRequest,
    form_class: type[forms.Form],
    *,
    confirm: Callable[[HttpRequest, forms.Form], HttpResponse],
    run: Callable[..., Any],
    done: Callable[[Any], HttpResponse],
    again: Callable[[forms.Form], HttpResponse],
    **form_kwargs: Any,
) -> HttpResponse:
    """The view of an action that asks first. A GET carries what the user chose: valid, it
    shows `confirm(request, form)`; the POST from that page runs the service
    `run(**cleaned_data)` and `done(result)` says what happened. A form with errors, or one
    the service refuses, comes back through `again(form)` with the reason beside its field."""
    if request.method == "GET":
        asked = form_class(request.GET, **form_kwargs)
        return confirm(request, asked) if asked.is_valid() else again(asked)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        result = call_service(form, lambda: run(**form.cleaned_data))
        if result is not None:
            return done(result)
    return again(form)
