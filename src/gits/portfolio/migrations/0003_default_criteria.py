from django.db import migrations

# The five criteria for co-management of seed 002 ("Kriterier för samförvaltning").
CRITERIA = [
    (1, "Länsövergripande", "IT-systemet ska vara länsövergripande."),
    (2, "Stödjer verksamhetsprocesser över huvudmannagränserna", "IT-systemet ska stödja verksamhetsprocesserna över huvudmannagränserna."),
    (3, "Informationen ägs av båda huvudmännen", "Informationen ska ägas av båda huvudmännen (informationsägarskap)."),
    (4, "Tillräckligt många användare från bägge parter", "IT-systemet ska ha tillräckligt många användare från bägge parter (summa och fördelning)."),
    (5, "Tillräcklig kvantitet information", "IT-systemet ska hantera en tillräcklig kvantitet av information."),
]


def create(apps, schema_editor):
    Criterion = apps.get_model("portfolio", "Criterion")
    for number, name, description in CRITERIA:
        Criterion.objects.get_or_create(number=number, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0002_criterion_agreement_communicationplan_evaluation_and_more")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
