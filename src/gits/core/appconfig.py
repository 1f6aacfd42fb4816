"""What a domain app plugs into core when Django starts, declared as a table on its AppConfig:
its rights and which roles hold them, who owns its records, its entries in the main navigation
and its audited action types. `DomainConfig.ready()` registers them all; an app overrides
`ready()` (calling `super().ready()`) only for what is particular to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from django.apps import AppConfig

from gits.core.navigation import NavItem


class Actions(NamedTuple):
    """The audited action types recorded on `model` ("app_label.modelname") with their labels,
    and labels for the keys their entries store beside the model's fields."""

    model: str
    labels: Mapping[str, Any]
    fields: Mapping[str, Any] = {}


class DomainConfig(AppConfig):
    # The base of the domain apps' configs, not the config of an app of its own: Django takes
    # a subclass as its app's config (see __init_subclass__).
    default = False

    rights: Mapping[str, Any] = {}  # right code: what it allows
    grants: Mapping[str, set[str]] = {}  # role code: the rights it holds (the administrator: all)
    owners: Mapping[str, Callable[[Any], Any]] = {}  # "app.Model": who owns a record of it
    nav_items: Sequence[NavItem] = ()  # entries in the main navigation
    actions: Sequence[Actions] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_owner, register_rights

        if self.rights:
            register_rights(dict(self.rights), grants=dict(self.grants))
        for model, owner in self.owners.items():
            register_owner(model, owner)
        for item in self.nav_items:
            navigation.register(item)
        for actions in self.actions:
            register_actions(actions.model, actions.labels, fields=actions.fields)
