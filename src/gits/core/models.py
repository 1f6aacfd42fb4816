from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.fields import optional_text, user_fk

# TRANSITIONAL: labels not yet registered through gits.core.history.register_actions.
ACTION_LABELS: dict[str, object] = {}


class AuditEntry(models.Model):
    """One recorded change: who, when, what. Append-only: never edited or deleted."""

    action = models.CharField(_("händelse"), max_length=100)
    object_type = models.CharField(_("objekttyp"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    # The record whose page shows this entry too (a membership shows on its body's page).
    parent_type = models.CharField(max_length=100, blank=True, default="")
    parent_id = models.CharField(max_length=64, blank=True, default="")
    actor = user_fk(_("utförd av"), optional=True)
    actor_name = optional_text(_("utförd av"), 150)
    request_id = models.CharField(max_length=64, blank=True, default="")
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("historikpost")
        verbose_name_plural = _("historik")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["parent_type", "parent_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Historikposter kan inte ändras.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Historikposter kan inte tas bort.")

    @property
    def action_label(self) -> str:
        from gits.core.history import action_label

        return action_label(self.action)

    @property
    def shown_changes(self):
        """The changes as a person reads them (labels and formatted values)."""
        from gits.core.history import shown_changes

        return shown_changes(self)


class VersionedModel(models.Model):
    """A record that two people may edit at once: the version guards against lost updates."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class Named(models.Model):
    """A record people know by one of its fields: what pages, lists and the history call it.
    That field is `name` unless the model says otherwise in `NAME_FIELD` ("title", "number"),
    as Django's user model names its `USERNAME_FIELD`; the model declares the field itself,
    with its own label and length."""

    NAME_FIELD = "name"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, self.NAME_FIELD))


def unique(*fields: str, name: str, **kwargs: Any) -> models.UniqueConstraint:
    """A constraint that no two rows share the values of `fields` (on the rows matching
    `condition`, when given)."""
    return models.UniqueConstraint(fields=list(fields), name=name, **kwargs)
