import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from gits.finance import services
from gits.finance.demo import ensure_financiers
from gits.finance.models import Budget
from gits.organisations.models import Organisation

YEAR_END_2024 = dt.date(2024, 12, 31)


@pytest.fixture
def financiers(defaults):
    """Kommuner, VästKom, VGR and SITIV/Annan finansiär (keys as in the seed)."""
    return ensure_financiers()


@pytest.fixture
def region(defaults):
    return Organisation.objects.get(kind=Organisation.Kind.REGION)


@pytest.fixture
def association(defaults):
    return Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def budget_2026(financiers, region, association) -> Budget:
    """A 2026 budget with the joint function GITS (3 000 000,01 kr, 50/50, invoiced)."""
    budget = services.budget_create(
        actor=None,
        year=2026,
        check_right=False,
        buyer_reference="VästKom GITS",
        bankgiro="5050-1055",
    )
    services.line_create(
        actor=None,
        budget=budget,
        check_right=False,
        name="GITS",
        amount=Decimal("3000000.01"),
        joint_function=True,
        invoiced=True,
        population_date=YEAR_END_2024,
        accept_earlier=True,
    )
    return budget


@pytest.fixture
def after_q3():
    return dt.date(2026, 10, 15)


@pytest.fixture
def demo(defaults):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def auth_header():
    from gits.accounts.services import token_create

    def make(user):
        _, raw = token_create(user=user)
        return {"Authorization": f"Bearer {raw}"}

    return make
