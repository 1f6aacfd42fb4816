import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def expire_existing(apps, schema_editor):
    """Tokens made before expiry existed get the default 90 days, counted from now."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + dt.timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_apitoken_labels")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="giltig till"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="giltig till"),
        ),
        migrations.AlterModelOptions(
            name="apitoken",
            options={
                "ordering": ["-created_at", "-id"],
                "verbose_name": "API-nyckel",
                "verbose_name_plural": "API-nycklar",
            },
        ),
        migrations.AddIndex(
            model_name="apitoken",
            index=models.Index(fields=["prefix"], name="accounts_ap_prefix_2e1ea1_idx"),
        ),
    ]
