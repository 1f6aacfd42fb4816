"""The demo holds the 2010 agreement replaced by the 2011 agreement, both signed by both
parties and linked both ways, with contact persons (issue 11, seed 002)."""

import datetime as dt

import pytest

from gits.core.models import AuditEntry
from gits.portfolio import demo
from gits.portfolio.models import Agreement
from gits.portfolio.selectors import agreement_status

pytestmark = pytest.mark.django_db


def test_the_2010_agreement_is_replaced_by_the_2011_agreement(people):
    demo.load(dt.date(2026, 5, 1))
    old = Agreement.objects.get(title__endswith="(2010)")
    new = Agreement.objects.get(title__endswith="(2011)")
    assert (old.state, new.state) == (Agreement.State.REPLACED, Agreement.State.SIGNED)
    assert new.replaces == old and old.replacement == new
    assert old.replaced_on == dt.date(2011, 1, 1)
    assert [s.signed_on for s in new.signatures.all()] == [dt.date(2010, 12, 20)] * 2
    assert old.signatures.count() == 2
    assert {c.role for c in new.contacts.all()} >= {"Regiondirektör", "IT-direktör"}
    assert agreement_status(old, dt.date(2011, 1, 1)).ended
    assert agreement_status(new, dt.date(2026, 5, 1)).notice_deadline == dt.date(2026, 6, 30)
    assert AuditEntry.objects.filter(
        action="portfolio.agreement.replaced", object_id=str(old.pk)
    ).exists()
    # Every agreement of the demo is in force: signed by all its parties.
    assert not Agreement.objects.filter(state=Agreement.State.DRAFT).exists()
