"""The standard endpoints of a kind of record (issue 10), declared once per record instead of
written out in every module:

    bodies = Resource(router, "/bodies/{body_id}", Body, BodyOut, services, name="body")
    bodies.get(auth=optional)               # GET    /bodies/{body_id}
    bodies.create(BodyIn, parent=Body)      # POST   /bodies                 services.body_create
    bodies.update(BodyPatch, parent=Body)   # PATCH  /bodies/{body_id}       services.body_update
    bodies.history()                        # GET    /bodies/{body_id}/history

and `move` (POST .../move, `services.<name>_move`) for a record with a lifecycle.

Each view is made as if written out by hand in the module that declares it: `get_body`,
`create_body`, `update_body`, `body_history` (and `move_case`), taking `request`, the path's
own id parameter (`body_id`) and `payload`, with the docstring given as `doc`. So its operation
id, summary, parameters and description in the OpenAPI are those of the hand-written view. It
calls the app's service `<name>_<verb>` (the house naming), looked up when called, as a
hand-written view would. An endpoint that does more than this (filters what it shows, answers
with another shape) stays written out.
"""

import inspect
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.db import models
from ninja import Router, Schema
from ninja.constants import NOT_SET

from gits.api.common import (
    ERRORS,
    AuditEntryOut,
    Patch,
    created,
    get_or_404,
    history,
    parameter,
)


class Resource:
    """The endpoints of the records of `model` at `path` (the path of one record, ending in
    its id: "/bodies/{body_id}"; a record is created at the path without it), written through
    the app's `services`. `name` names the views (`get_<name>`, `create_<name>`,
    `update_<name>`, `<name>_history`), the services (`<name>_create`, `<name>_update`) and is
    the keyword under which a service takes the record, unless `keyword` says another."""

    def __init__(
        self,
        router: Router,
        path: str,
        model: type[models.Model],
        out: type[Schema],
        services: ModuleType | None = None,
        *,
        name: str,
        keyword: str = "",
    ):
        self.router = router
        self.path = path
        self.collection, self.id_name = re.fullmatch(r"(.*)/\{(?:\w+:)?(\w+)\}", path).groups()
        self.model = model
        self.out = out
        self.services = services
        self.name = name
        self.keyword = keyword or name
        # The module that declares the resource, which the views belong to (as namedtuple's).
        self.module = sys._getframe(1).f_globals["__name__"]

    def _service(self, name: str) -> Callable[..., Any]:
        """The service `name`, looked up on each call (as `services.<name>` in a view)."""
        if not callable(getattr(self.services, name, None)):
            raise AttributeError(f"{self.services} has no service {name}")
        return lambda **kwargs: getattr(self.services, name)(**kwargs)

    def _view(self, name: str, doc: str | None, body: Callable, params: dict) -> Callable:
        """`body` as the view `name(request, <params>)` of the declaring module, each param
        named and annotated as `params` has it."""
        body.__name__ = body.__qualname__ = name
        body.__module__ = self.module
        body.__doc__ = doc
        body.__signature__ = inspect.Signature(
            [parameter("request", inspect.Parameter.empty)]
            + [parameter(k, annotation) for k, annotation in params.items()]
        )
        return body

    def _record(self, ids: dict[str, int]) -> models.Model:
        return get_or_404(self.model, pk=ids[self.id_name])

    def get(self, *, auth: Any = NOT_SET, doc: str | None = None) -> None:
        """GET the record: `get_<name>`."""

        def view(request, **ids):
            return self._record(ids)

        view = self._view(f"get_{self.name}", doc, view, {self.id_name: int})
        self.router.get(self.path, response={200: self.out, **ERRORS}, auth=auth)(view)

    def create(
        self,
        schema: type[Schema],
        *,
        verb: str = "create",
        service: str = "",
        doc: str | None = None,
        **targets,
    ) -> None:
        """POST a new record, made by the service `<name>_<verb>` (or `service`) from the
        payload, the ids it holds resolved from `targets` (as `created`): the view
        `<verb>_<name>` (`create_body`; `propose_object` by `object_propose`)."""
        make = self._service(service or f"{self.name}_{verb}")

        def view(request, payload):
            return created(make, request, payload, **targets)

        view = self._view(f"{verb}_{self.name}", doc, view, {"payload": schema})
        self.router.post(self.collection, response={201: self.out, **ERRORS})(view)

    def update(self, schema: type[Patch], *, doc: str | None = None, **targets) -> None:
        """PATCH the record with the fields sent (`Patch.changes`, the ids resolved from
        `targets`), by the service `<name>_update`: `update_<name>`."""
        change = self._service(f"{self.name}_update")

        def view(request, payload, **ids):
            record = self._record(ids)
            changes = payload.changes(**targets)
            return change(actor=request.auth, **{self.keyword: record}, **changes)

        params = {self.id_name: int, "payload": schema}
        view = self._view(f"update_{self.name}", doc, view, params)
        self.router.patch(self.path, response={200: self.out, **ERRORS})(view)

    def move(self, schema: type[Schema], *, doc: str | None = None) -> None:
        """POST a move of the record in its lifecycle to the payload's `state` (with the
        `version` read), by the service `<name>_move` (which refuses a move its table does
        not allow): `move_<name>`."""
        move = self._service(f"{self.name}_move")

        def view(request, payload, **ids):
            record = self._record(ids)
            return move(
                actor=request.auth,
                **{self.keyword: record},
                to_state=payload.state,
                version=payload.version,
            )

        params = {self.id_name: int, "payload": schema}
        view = self._view(f"move_{self.name}", doc, view, params)
        self.router.post(f"{self.path}/move", response={200: self.out, **ERRORS})(view)

    def history(self) -> None:
        """GET the record's audit entries (the right to see them checked): `<name>_history`."""

        def view(request, **ids):
            return history(request, self._record(ids))

        view = self._view(f"{self.name}_history", None, view, {self.id_name: int})
        self.router.get(f"{self.path}/history", response={200: list[AuditEntryOut], **ERRORS})(view)
