"""The shapes every page that changes something takes, written once.

- `form_page`: show a form; on a valid POST call the service; on success say so and go on,
  on a refused rule show the service's `DomainError` beside the field it names.
- `EditPage`: the create and edit page of one kind of record, declared by convention.
- `form_on_page`: a form posted from a detail page, shown again there when refused;
  `RecordPage` declares such forms and buttons for the page of one kind of record.
- `post_action`: a button that calls a service and goes back, saying what happened;
  `button` declares such a view for one record.
- `record_form`: a small form on a record's page (a reason, a wording) with a page of its own,
  where a refusal is shown beside the field with what was typed.
- `import_page`: an upload checked as a whole, listing every problem of a refused file.
- `signed_in_with`, `refuse_without`, `record_post`: who may open a page, and how.

Views say only which form, which service and where to go next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import KW_ONLY, dataclass
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gits.core.errors import DomainError
from gits.core.fields import VERSION_MAX, whole_or_none
from gits.core.forms import call_service
from gits.core.permissions import can, require

T = TypeVar("T")
Message = str | Promise | Callable[[Any], str]
View = Callable[..., HttpResponse]


def _text(message: Message, result: Any) -> str:
    return message(result) if callable(message) else str(message)


def signed_in_with(right: str) -> Callable[[View], View]:
    """A page for signed-in users holding `right`; anybody else signed in gets 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, right):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def refuse_without(
    request: HttpRequest, right: str | None, fallback: str, *args: Any, **kwargs: Any
) -> HttpResponse | None:
    """Send a user without the right back to `fallback` with the reason, or None (always
    None when no right is named)."""
    if right is None:
        return None
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
    success: Message,
    next_url: Callable[[T], Any] | str,
    service: Callable[..., T] | None = None,
    save: Callable[[dict[str, Any], int | None], T] | None = None,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    error_status: int = 200,
    right: str | None = None,
    refuse_to: str = "",
) -> HttpResponse:
    """Render `form`; on a valid POST call the service and redirect to `next_url` with the
    success message, or show the refusal beside its field (with `error_status` when the form
    comes back with errors). The service is `service(actor=<the user>, **data)`, given the
    form's data (its version too) as keywords (`functools.partial` adds the record), or for
    a call of another shape `save(data, version)`. A user without `right` (where given) is
    not shown a form they cannot save: they are sent to `refuse_to` with the reason. A
    `context` that costs queries may be given as a function: it is called only when the page
    is shown, not before a redirect."""
    refused = refuse_without(request, right, refuse_to)
    if refused:
        return refused
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if service is not None:
            saved = call_service(form, lambda: service(actor=request.user, **data))
        else:
            version = data.pop("version", None)
            saved = call_service(form, lambda: save(data, version))
        if saved is not None:
            messages.success(request, _text(success, saved))
            return redirect(next_url(saved) if callable(next_url) else next_url)
    status = error_status if request.method == "POST" and form.errors else 200
    shown = context() if callable(context) else context
    return render(request, template, {"form": form, **(shown or {})}, status=status)


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
        right=right,
        refuse_to=refuse_to,
    )


def import_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    run: Callable[[dict[str, Any]], T],
    rejected: type[Exception],
    success: Message,
    next_url: Callable[[T], Any] | str,
    right: str | None = None,
    refuse_to: str = "",
) -> HttpResponse:
    """An upload checked as a whole (the template includes `gits/import_form.html`): on a
    valid POST `run(data)` imports; a file with errors (`rejected`, carrying `problems`)
    imports nothing and lists them all; a refused rule is shown beside its field. A user
    without `right` is sent to `refuse_to`, as by `form_page`."""
    refused = refuse_without(request, right, refuse_to)
    if refused:
        return refused
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except rejected as err:
            problems = err.problems  # type: ignore[attr-defined]
            form.add_error(
                "file",
                _("Inget importerades: filen har %(n)s fel, se listan.") % {"n": len(problems)},
            )
        except DomainError as err:
            form.add_error(err.field if err.field in form.fields else None, str(err.message))
        else:
            messages.success(request, _text(success, result))
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, template, {"form": form, "problems": problems})


def _saved(record: Any) -> str:
    return _("%(name)s har sparats.") % {"name": record}


@dataclass(frozen=True)
class EditPage:
    """The create and edit page of one kind of record, a view `(request, pk=None)` for
    signed-in users.

    Only what is particular is declared; the rest follows from the model `<app>.<model>`:
    the right `<app>.<model>:change`, the template `<app>/<model>_form.html`, the record in
    the template as `<model>`, the form's fields (other than the version) read from the
    record, back to `<app>:list` when refused and on to `<app>:detail` when saved, saying
    "<record> har sparats.". `form_kwargs` and `context` are given the record (or None).
    """

    model: type[models.Model]
    form_class: type[forms.Form]
    create: Callable[..., Any]
    update: Callable[..., Any]
    _: KW_ONLY
    template: str = ""
    list_url: str = ""
    detail_url: str = ""
    right: str = ""
    success: Message = _saved
    form_kwargs: Callable[[Any], Mapping[str, Any]] | None = None
    context: Callable[[Any], Mapping[str, Any]] | None = None

    def __post_init__(self) -> None:
        app, name = self.model._meta.app_label, self.model._meta.model_name
        derived = {
            "template": f"{app}/{name}_form.html",
            "list_url": f"{app}:list",
            "detail_url": f"{app}:detail",
            "right": f"{app}.{name}:change",
        }
        for attribute, value in derived.items():
            if not getattr(self, attribute):
                object.__setattr__(self, attribute, value)  # frozen; filled in once, here

    @property
    def entity(self) -> str:
        return str(self.model._meta.model_name)

    def __call__(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return login_required(self.page)(request, pk)

    def page(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = None if pk is None else get_object_or_404(self.model, pk=pk)
        return edit_page(
            request,
            obj=obj,
            form_class=self.form_class,
            form_kwargs=self.form_kwargs(obj) if self.form_kwargs else None,
            template=self.template,
            fields=[name for name in self.form_class.base_fields if name != "version"],
            create=self.create,
            update=self.update,
            entity=self.entity,
            next_url=lambda saved: reverse(self.detail_url, args=[saved.pk]),
            success=self.success,
            right=self.right,
            refuse_to=self.list_url,
            context=self.context(obj) if self.context else None,
        )


def form_on_page(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], T],
    *,
    success: Message,
    next_url: Callable[[T], Any] | str,
    page: Callable[[], HttpResponse],
) -> HttpResponse:
    """A form posted from a detail page: on success say so and go on; otherwise show the
    page again with the form and why (the page answers with status 400)."""
    if form.is_valid():
        saved = call_service(form, lambda: save(dict(form.cleaned_data)))
        if saved is not None:
            messages.success(request, _text(success, saved))
            return redirect(next_url(saved) if callable(next_url) else next_url)
    return page()


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


def record_post(model: type[models.Model] | models.QuerySet[Any]) -> Callable[[View], View]:
    """A view answering a POST of a signed-in user about one record: the view is given the
    record the URL's `pk` names (404 if there is none) instead of the pk."""

    def decorator(view: View) -> View:
        @login_required
        @require_POST
        @wraps(view)
        def wrapped(request: HttpRequest, pk: int) -> HttpResponse:
            return view(request, get_object_or_404(model, pk=pk))

        return wrapped

    return decorator


def button(
    model: type[models.Model] | models.QuerySet[Any],
    *,
    success: Message,
    back: Callable[[Any], str],
    done: Callable[[Any, Any], str] | None = None,
) -> Callable[[View], View]:
    """A button on a record's page: the decorated `run(request, record)` calls the service;
    the view goes back to `back(record)` (or, on success, to `done(record, result)`) saying
    `success` or why the service refused."""

    def decorator(run: Callable[[HttpRequest, Any], Any]) -> View:
        @record_post(model)
        @wraps(run)
        def view(request: HttpRequest, record: Any) -> HttpResponse:
            return post_action(
                request,
                lambda: run(request, record),
                success=success,
                next_url=back(record),
                done_url=(lambda result: done(record, result)) if done else None,
            )

        return view

    return decorator


def record_form(
    model: type[models.Model] | models.QuerySet[Any],
    form_class: type[forms.Form],
    *,
    right: str,
    heading: Callable[[Any], str],
    submit: Message,
    success: Message,
    back: Callable[[Any], str],
    back_label: Callable[[Any], Any] = str,
    intro: Callable[[Any], str] | None = None,
    fill: Iterable[str] = (),
) -> Callable[[Callable[[HttpRequest, Any, dict[str, Any]], Any]], View]:
    """A small form on a record's page (a reason, a wording) whose text must survive a
    refusal: it posts to a page of its own, which goes back to `back(record)` saying `success`,
    or, refused, shows the form again with what was typed and the reason beside its field
    (status 400). Opened directly, that page shows the form filled from the record's `fill`
    fields and version; `intro(record)` is a paragraph under its heading. The decorated
    `save(request, record, data)` calls the service. A user without `right` is sent back
    with the reason."""

    def decorator(save: Callable[[HttpRequest, Any, dict[str, Any]], Any]) -> View:
        @login_required
        @require_http_methods(["GET", "POST"])
        @wraps(save)
        def view(request: HttpRequest, pk: int) -> HttpResponse:
            record = get_object_or_404(model, pk=pk)
            url = back(record)
            posted = request.POST if request.method == "POST" else None
            form = form_class(posted, initial=initial_from(record, fill))
            return form_page(
                request,
                form,
                template="gits/record_form.html",
                success=success,
                next_url=url,
                service=lambda actor, **data: save(request, record, data),
                context={
                    "heading": heading(record),
                    "submit": _text(submit, record),
                    "back": url,
                    "back_label": back_label(record),
                    "intro": intro(record) if intro else "",
                },
                error_status=400,
                right=right,
                refuse_to=url,
            )

        return view

    return decorator


def posted_version(request: HttpRequest) -> int | None:
    """The version a button's form was read at (its hidden `version`), or None when it names
    none or no number: then the service does not check it."""
    return whole_or_none(request.POST.get("version", ""), high=VERSION_MAX)


def posted_record(request: HttpRequest, name: str, model: Any, **filters: Any) -> Any:
    """The record a button's form names by id in the field `name`, among those `filters`
    allow; a missing id, one that is no number, or another record's is a 404, not a server
    error (rule 10)."""
    pk = whole_or_none(request.POST.get(name, ""), low=1)
    if pk is None:
        raise Http404
    return get_object_or_404(model, pk=pk, **filters)


def valid_data(form: forms.Form, invalid: str) -> dict[str, Any]:
    """The cleaned data of a small form posted with a button, or `DomainError(invalid)`
    (shown as the button's refusal) when it is not filled in."""
    if not form.is_valid():
        raise DomainError(invalid)
    return form.cleaned_data


@dataclass(frozen=True)
class RecordPage:
    """The page of one kind of record, URL name `url`, shown by `view(request, pk, form=None)`,
    and the forms and buttons posted from it. Each loads the record from the URL's pk, runs a
    service and comes back to the page saying what happened; a refused form is shown again
    on the page beside its fields (status 400)."""

    model: type[models.Model] | models.QuerySet[Any]
    url: str
    view: View

    def url_of(self, record: Any) -> str:
        return reverse(self.url, args=[record.pk])

    def form(self, form_class: type[forms.Form], *, success: Message) -> Callable[..., View]:
        """A form on the page: the decorated `save(request, record, data)` calls the service."""

        def decorator(save: Callable[[HttpRequest, Any, dict[str, Any]], Any]) -> View:
            @record_post(self.model)
            @wraps(save)
            def posted(request: HttpRequest, record: Any) -> HttpResponse:
                form = form_class(request.POST)
                return form_on_page(
                    request,
                    form,
                    lambda data: save(request, record, data),
                    success=success,
                    next_url=self.url_of(record),
                    page=lambda: self.view(request, record.pk, form=form),
                )

            return posted

        return decorator

    def button(self, *, success: Message) -> Callable[[View], View]:
        """A button on the page (see `button`)."""
        return button(self.model, success=success, back=self.url_of)
