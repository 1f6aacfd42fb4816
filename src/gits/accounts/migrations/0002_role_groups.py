from django.db import migrations

# The role codes of gits.core.permissions.ROLES; which rights each holds is decided there.
ROLE_CODES = ["admin", "function_lead", "function_coordinator", "sitiv_member", "municipal_contact"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
