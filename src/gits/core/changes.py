"""The one path a write takes: right, lock, version, field whitelist, validation, diff and
audit entry, all in one transaction.

A service keeps only what is particular to its rule:

    with record_update(obj=body, actor=actor, version=version, right="bodies.body:change",
                       fields=BODY_FIELDS, values=values, action="bodies.body.changed") as change:
        _clean_body(change.obj)          # the rules of this record
    return change.obj

On leaving the block without an error the record is saved (its version bumped) and an audit
entry written with what changed; when nothing changed, nothing is written. An error inside the
block rolls everything back and leaves no trace.

Rights per party: a record owned by a party or a person (`permissions.register_owner`, or the
`owner` a service names) is written only by a user who acts for that owner
(`permissions.require_party`); a changed record is checked as it was and as it is saved, so
that nobody changes another party's record nor moves one of their own to another party.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from gits.core.audit import audit_record, diff, snapshot
from gits.core.concurrency import bump_version, check_version
from gits.core.errors import Collision, DomainError
from gits.core.models import VersionedModel
from gits.core.permissions import owner_of, require, require_party

M = TypeVar("M", bound=models.Model)


def set_fields(obj: models.Model, values: Mapping[str, Any], allowed: Sequence[str]) -> None:
    """Set the named fields on obj, refusing any name outside the whitelist. A None for a text
    field that cannot be null is stored as empty text (what a blank form field means)."""
    for name, value in values.items():
        if name not in allowed:
            raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
        if value is None:
            model_field = obj._meta.get_field(name)
            if isinstance(model_field, models.CharField | models.TextField) and not (
                model_field.null
            ):
                value = ""
        setattr(obj, name, value)


def required_text(obj: models.Model, name: str, message: str) -> None:
    """Store a required text field trimmed; refuse it empty (with `message`, on that field)."""
    value = (getattr(obj, name) or "").strip()
    if not value:
        raise DomainError(message, field=name)
    setattr(obj, name, value)


@dataclass
class Change(Generic[M]):
    """A write in progress: the (locked) record, the fields the audit entry covers and any
    changes the service adds that are not fields (shares, lists, counts)."""

    obj: M
    fields: Sequence[str]
    before: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    # The record whose page shows this entry too (a line on its budget's page).
    parent: models.Model | None = None
    # Work that needs the saved record (child rows, many-to-many), run before the audit entry.
    after_save: list[Callable[[M], None]] = field(default_factory=list)
    # Whose it is beside the record's own owner, when the service learns it in the block (the
    # party a signature is given for); checked with the record's before it is saved.
    owner: Any = None

    def set(self, values: Mapping[str, Any], allowed: Sequence[str] | None = None) -> None:
        set_fields(self.obj, values, self.fields if allowed is None else allowed)

    def note(self, key: str, before: Any, after: Any) -> None:
        """Record a change that is not a field of the record (shown in the history)."""
        if before != after:
            self.extra[key] = [before, after]

    def changes(self) -> dict[str, Any]:
        return {**diff(self.before, snapshot(self.obj, list(self.fields))), **self.extra}


def check_owner(actor: Any, obj: models.Model, owner: Any = None) -> None:
    """Refuse (RightMissing) unless the actor acts for the owner of obj and for `owner` (the
    owner a service names beside the record's own). Loaders acting as the system (no signed-in
    user) are not checked."""
    if not getattr(actor, "is_authenticated", False):
        return
    require_party(actor, [owner_of(obj), owner])


def save_or_conflict(obj: models.Model, after_save: Sequence[Callable[[Any], None]] = ()) -> None:
    """Save obj and run the steps that need it saved. A uniqueness that another write took in
    the meantime (two people naming the same thing at the same moment) is a conflict (409)
    that rolls the whole change back, never a server error (issue 12)."""
    try:
        obj.save()
        for step in after_save:
            step(obj)
    except IntegrityError as exc:
        raise Collision(
            _(
                "Någon annan sparade samma uppgift samtidigt, eller så finns den redan. "
                "Ladda om sidan och försök igen."
            )
        ) from exc


def lock(obj: M) -> M:
    """The stored row of obj, locked for this transaction (only the row itself, so that a
    query joining nullable relations can be locked on PostgreSQL)."""
    return type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)


@contextmanager
def record_create(obj: M, *, actor: Any, right: str | None, **options: Any) -> Iterator[Change[M]]:
    """Create obj: check the right, set the whitelisted values, let the service validate in
    the block, then check the party (`check_owner`), save and record every field as new.
    `right=None` skips the right check (for loaders that act as the system). Options as
    `_written`."""
    with transaction.atomic():
        if right:
            require(actor, right)
        with _written(obj, {}, actor=actor, new=True, **options) as change:
            yield change


@contextmanager
def record_update(
    obj: M, *, actor: Any, right: str | None, version: int | None, owner: Any = None, **options: Any
) -> Iterator[Change[M]]:
    """Change obj: check the right, lock the row, check the party of the stored row, check the
    version the user read (optimistic locking), set the whitelisted values, let the service
    validate in the block, check the party again, then save and audit what changed. Nothing
    changed, nothing written (unless `always`). Options as `_written`."""
    with transaction.atomic():
        locked = _lock_checked(obj, actor=actor, right=right, version=version, owner=owner)
        before = snapshot(locked, list(options["fields"]))
        bump = isinstance(locked, VersionedModel)
        with _written(locked, before, actor=actor, owner=owner, bump=bump, **options) as change:
            yield change


@contextmanager
def _written(
    obj: M,
    before: dict[str, Any],
    *,
    actor: Any,
    fields: Sequence[str],
    action: str,
    parent: models.Model | None = None,
    values: Mapping[str, Any] | None = None,
    allowed: Sequence[str] | None = None,
    owner: Any = None,
    always: bool = False,
    bump: bool = False,
    new: bool = False,
) -> Iterator[Change[M]]:
    """What every write shares once the right (and for a stored record its lock and version)
    is checked: set the whitelisted `values` (`allowed`: another whitelist than `fields`,
    the fields the entry covers), let the service validate in the block, check the party,
    then, when something changed or `always`, bump the version (`bump`), save and write the
    audit entry (shown on `parent`'s page too); a `new` record is described as saved."""
    change = Change(obj=obj, fields=fields, before=before, parent=parent)
    if values:
        change.set(values, allowed)
    yield change
    check_owner(actor, obj, [owner, change.owner])
    changes = {} if new else change.changes()
    if new or changes or always:
        if bump:
            bump_version(obj)
        save_or_conflict(obj, change.after_save)
        if new:  # described as saved, with its defaults and child rows
            changes = change.changes()
        audit_record(action=action, obj=obj, actor=actor, parent=change.parent, changes=changes)


def _lock_checked(obj: M, *, actor: Any, right: str | None, version: int | None, owner: Any) -> M:
    """The stored row of obj, locked, once the right, the party of the row and the version
    the user read are checked."""
    if right:
        require(actor, right)
    locked = lock(obj)
    check_owner(actor, locked, owner)
    if isinstance(locked, VersionedModel):
        check_version(locked, version)
    return locked


@contextmanager
def record_delete(
    obj: M,
    *,
    actor: Any,
    right: str | None,
    action: str,
    fields: Sequence[str] = (),
    parent: models.Model | None = None,
    version: int | None = None,
) -> Iterator[Change[M]]:
    """Remove obj: check the right, lock the row, check its party and the version the user
    read, let the service refuse in the block (and note what goes with the record), then
    write an audit entry of what it was (each of `fields` that had a value, as removed) and
    delete it."""
    with transaction.atomic():
        locked = _lock_checked(obj, actor=actor, right=right, version=version, owner=None)
        before = snapshot(locked, list(fields))
        kept = {name: value for name, value in before.items() if value not in (None, "")}
        change = Change(obj=locked, fields=fields, before=kept, parent=parent)
        yield change
        audit_record(
            action=action,
            obj=locked,
            actor=actor,
            parent=change.parent,
            changes={**diff(change.before, {}), **change.extra},
        )
        locked.delete()


def _checked(
    block: AbstractContextManager[Change[M]], check: Callable[[Change[M]], None] | None
) -> M:
    """Run a write's block with the call's own rule (`check`) and return the record."""
    with block as change:
        if check is not None:
            check(change)
    return change.obj


@dataclass(frozen=True)
class Recorded(Generic[M]):
    """One kind of record and how its services write it, declared once: the model, the
    fields a user may set, the record's own rules (`clean`), the right (by default
    `<app>.<model>:change`), the audit action's prefix (by default `<app>.<model>`) and the
    record whose page shows the entry too (`parent`). A service then says only what is
    particular to it:

        ORGANISATION = Recorded(Organisation, ORGANISATION_FIELDS, clean=_clean_organisation)

        def organisation_update(*, actor, organisation, version, **fields):
            return ORGANISATION.update(organisation, actor=actor, version=version, values=fields)

    `check` on a call adds a rule of that call (a state move's own condition) after `clean`;
    other options (`allowed`, `always`, `owner`, `parent`) go to `record_create` /
    `record_update` as they are. `creating` / `updating` are the same with the call's own
    rule written in a `with` block instead of a `check`.

    A record called otherwise in rights and actions than its model names it (a
    `SupportContact` is `portfolio.contact`) says so once with `name`: the right is then
    `<name>:change` and the actions `<name>.<verb>`. `parent` may be the name of the
    record's field that holds its parent (`parent="managed_object"`).
    """

    model: type[M]
    fields: Sequence[str]
    clean: Callable[[M], None] | None = None
    right: str = ""
    action: str = ""
    parent: Callable[[M], models.Model | None] | str | None = None
    name: str = ""

    def __post_init__(self) -> None:
        meta = self.model._meta
        name = self.name or f"{meta.app_label}.{meta.model_name}"
        if not self.right:
            object.__setattr__(self, "right", f"{name}:change")
        if not self.action:
            object.__setattr__(self, "action", name)

    def create(self, *, check: Callable[[Change[M]], None] | None = None, **options: Any) -> M:
        """Create a record (obj, or a new one) with the whitelisted values. Options as
        `creating`."""
        return _checked(self.creating(**options), check)

    def update(
        self, obj: M, *, check: Callable[[Change[M]], None] | None = None, **options: Any
    ) -> M:
        """Change a record the user read at `version` (None: no optimistic check). Options as
        `updating`."""
        return _checked(self.updating(obj, **options), check)

    def creating(
        self, *, actor: Any, obj: M | None = None, verb: str = "created", **options: Any
    ) -> AbstractContextManager[Change[M]]:
        """`create` for a service whose own rule needs a block (it sets what is not a field,
        notes a change, returns something besides the record): the block is the call's
        `check`, run after `clean`. Options: `values`, `check_right`, `fields` (what this
        call's entry covers when not the record's fields: a move covers the state only, a
        registration only what it notes) and those of `record_create`.

            with CASE.creating(obj=Case(body=body), actor=actor, verb="registered") as change:
                change.obj.number = next_number(body)
        """
        obj = self.model() if obj is None else obj
        return self._recording(record_create, obj, actor=actor, verb=verb, **options)

    def updating(
        self, obj: M, *, actor: Any, version: int | None, verb: str = "changed", **options: Any
    ) -> AbstractContextManager[Change[M]]:
        """`update` for a service whose own rule needs a block (see `creating`)."""
        return self._recording(
            record_update, obj, actor=actor, version=version, verb=verb, **options
        )

    @contextmanager
    def _recording(
        self,
        write: Callable[..., AbstractContextManager[Change[M]]],
        obj: M,
        *,
        verb: str,
        check_right: bool = True,
        fields: Sequence[str] | None = None,
        **options: Any,
    ) -> Iterator[Change[M]]:
        """`creating` / `updating` through `write` (`record_create` / `record_update`) with
        this kind's right, fields and action, its own rules (`clean`) before the block."""
        right = self.right if check_right else None
        fields = self.fields if fields is None else fields
        action = f"{self.action}.{verb}"
        with write(obj, right=right, fields=fields, action=action, **options) as change:
            self._clean(change)
            yield change

    def save(
        self, obj: M, *, check: Callable[[Change[M]], None] | None = None, **options: Any
    ) -> M:
        """Create obj when it is new, else change it, under one verb (default "saved"): for
        one form that adds and edits, or a record kept once per key. Options as `saving`."""
        return _checked(self.saving(obj, **options), check)

    @contextmanager
    def saving(
        self, obj: M, *, version: int | None = None, always: bool = False, **options: Any
    ) -> Iterator[Change[M]]:
        """`save` with a block (see `creating`). A change is recorded even when nothing
        changed if `always` (a save the user asked for)."""
        options.setdefault("verb", "saved")
        if obj.pk is None:
            with self.creating(obj=obj, **options) as change:
                yield change
        else:
            with self.updating(obj, version=version, always=always, **options) as change:
                yield change

    @contextmanager
    def deleting(
        self, obj: M, *, check_right: bool = True, verb: str = "deleted", **options: Any
    ) -> Iterator[Change[M]]:
        """Remove a record (`record_delete`): the block refuses, or notes what goes with it;
        the entry keeps the record's fields (or this call's `fields`) as they were."""
        options.setdefault("fields", self.fields)
        if "parent" not in options:
            options["parent"] = self._parent(obj)
        right = self.right if check_right else None
        with record_delete(obj, right=right, action=f"{self.action}.{verb}", **options) as change:
            yield change

    def _parent(self, obj: M) -> models.Model | None:
        parent = self.parent
        if parent is None:
            return None
        return getattr(obj, parent) if isinstance(parent, str) else parent(obj)

    def _clean(self, change: Change[M]) -> None:
        if change.parent is None:
            change.parent = self._parent(change.obj)
        if self.clean is not None:
            self.clean(change.obj)
