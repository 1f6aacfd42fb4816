import datetime as dt

import pytest

from gits.bodies.models import Person
from gits.organisations.models import Organisation
from gits.portfolio import services


@pytest.fixture
def proposal(lead):
    """A proposed object, not yet evaluated."""
    return services.object_propose(
        actor=lead,
        name="Digitala hjälpmedel",
        short_name="DH",
        area="health_care",
        horizon="medium",
    )


@pytest.fixture
def signed_agreement(lead):
    """An agreement between the region and VästKom, signed by both (in force, R-27)."""

    def make(**fields):
        parties = list(
            Organisation.objects.filter(
                kind__in=[Organisation.Kind.REGION, Organisation.Kind.ASSOCIATION]
            )
        )
        a = services.agreement_create(actor=lead, parties=parties, **fields)
        for party in parties:
            a = services.agreement_sign(
                actor=lead,
                agreement=a,
                version=a.version,
                party=party,
                person=Person.objects.filter(organisation=party).first(),
                signed_on=min(dt.date.today(), a.start_date),
            )
        return a

    return make
