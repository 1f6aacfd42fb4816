"""What a domain app plugs into core when Django starts, declared as a table on its AppConfig:
its rights and which roles hold them, who owns its records, its entries in the main navigation
and its audited action types. `DomainConfig.ready()` registers them all; an app overrides
`ready()` (calling `super().ready()`) only for what is particular to it.

Like `owners`, the history tables are keyed by the model ("app_label.modelname") that entries
are recorded on: `actions` names each action type, `key_labels` names what its entries store
beside the model's fields. A field the model names itself (its `verbose_name`) needs no entry,
so `key_labels` lists only what the model cannot tell."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

from gits.core.navigation import NavItem


class DomainConfig(AppConfig):
    # The base of the domain apps' configs, not the config of an app of its own: Django takes
    # a subclass as its app's config (see __init_subclass__).
    default = False

    rights: Mapping[str, Any] = {}  # right code: what it allows
    grants: Mapping[str, set[str]] = {}  # role code: the rights it holds (the administrator: all)
    owners: Mapping[str, Callable[[Any], Any]] = {}  # "app.Model": who owns a record of it
    nav_items: Sequence[NavItem] = ()  # entries in the main navigation
    actions: Mapping[str, Mapping[str, Any]] = {}  # "app.model": {action code: label}
    key_labels: Mapping[str, Mapping[str, Any]] = {}  # "app.model": {stored key: label}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.history import register_actions
        from gits.core.permissions import register_owner, register_rights

        if unknown := set(self.key_labels) - set(self.actions):
            raise ImproperlyConfigured(f"{self.name}: key_labels for no actions: {sorted(unknown)}")
        if self.rights:
            register_rights(dict(self.rights), grants=dict(self.grants))
        for model, owner in self.owners.items():
            register_owner(model, owner)
        for item in self.nav_items:
            navigation.register(item)
        for model, labels in self.actions.items():
            register_actions(model, labels, fields=self.key_labels.get(model, {}))
