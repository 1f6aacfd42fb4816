"""Operations that several apps' migrations share. A migration must do the same thing every
time it runs, so what is here is frozen: a change is a new function, never an edit."""

from django.db import migrations, models


def add_version(*model_names: str) -> list[migrations.AddField]:
    """Make the models versioned (`core.models.VersionedModel`): each gets the version that
    guards against lost updates (rule 4), 1 for the rows it already has."""
    return [
        migrations.AddField(
            model_name=name,
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        )
        for name in model_names
    ]
