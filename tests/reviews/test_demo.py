"""The demo holds a per-inhabitant run to all 49 municipalities and an open review."""

import pytest
from django.core.management import call_command

from gits.finance.models import Invoice, LineCategory, PartyRun, PartySettings
from gits.reviews.models import Review
from gits.reviews.selectors import review_detail

pytestmark = pytest.mark.django_db


def test_demo_has_a_levy_to_every_municipality_and_an_open_review(defaults):
    call_command("load_demo", verbosity=0)
    run = PartyRun.objects.get(kind=PartyRun.Kind.LEVY)
    invoices = Invoice.objects.filter(run=run)
    assert invoices.count() == 49 == invoices.values("buyer").distinct().count()
    assert all("folkmängd" in i.basis_note and i.payment_reference for i in invoices)
    assert sum(i.total_amount for i in invoices) == run.amount
    assert PartySettings.objects.get(organisation=run.seller).bankgiro
    assert LineCategory.objects.exists()
    review = Review.objects.get(state=Review.State.OPEN)
    assert review.assignment_decision is not None
    assert review.milestones.count() and review.deliverables.count() == 2
    assert review.stakeholders.count() == 4
    detail = review_detail(review)
    assert [a.alternative.kind for a in detail.alternatives] == ["wind_up", "continue", "widen"]
    assert all(a.column is not None for a in detail.alternatives)
    call_command("load_demo", verbosity=0)  # idempotent
    assert PartyRun.objects.count() == 1 and Review.objects.count() == 1
