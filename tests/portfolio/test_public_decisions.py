"""R-17 on the object page: the public sees decision text only from locked minutes."""

import pytest
from django.core.management import call_command

from gits.meetings.models import Decision


@pytest.mark.django_db
def test_object_page_shows_unsigned_decision_text_to_signed_in_users_only(client, admin_user):
    call_command("load_defaults", verbosity=0)
    call_command("load_demo", verbosity=0)
    decision = (
        Decision.objects.filter(item__case__managed_object__isnull=False)
        .select_related("item__case")
        .first()
    )
    # Text nobody has signed yet (a decision being corrected or in draft minutes).
    Decision.objects.filter(pk=decision.pk).update(text="Osignerad beslutstext XYZ")
    url = f"/objekt/{decision.item.case.managed_object_id}/"
    assert "Osignerad beslutstext XYZ" not in client.get(url).content.decode()
    client.force_login(admin_user)
    assert "Osignerad beslutstext XYZ" in client.get(url).content.decode()
