"""A review with the decision that gave it and its scenario, for the review tests."""

import datetime as dt
from decimal import Decimal as D

import pytest

from gits.finance import services as finance
from gits.meetings import services as meetings
from gits.reviews import services


@pytest.fixture
def decisions(held_meeting, lead):
    """A decided paragraph in March and one in September, and a referred-back one."""
    march, (given, referred) = held_meeting(date=dt.date(2026, 3, 10))
    september, (closing, _other) = held_meeting(date=dt.date(2026, 9, 18))
    record = meetings.decision_record
    return {
        "given": record(actor=lead, item=given, outcome="decided", text="Översyn ska göras."),
        "referred": record(actor=lead, item=referred, outcome="referred_back"),
        "closing": record(actor=lead, item=closing, outcome="decided", text="Alternativ b."),
    }


@pytest.fixture
def scenario(defaults):
    return finance.scenario_create(
        actor=None,
        check_right=False,
        name="Översyn",
        reference_date=dt.date(2024, 12, 31),
        accept_earlier=True,
        spread_method="per_capita",
        alternatives=[("a) Avveckla", D("1500000")), ("b) Fortsätta", D("3150000.01"))],
    )


@pytest.fixture
def review(decisions, scenario, lead):
    return services.review_create(
        actor=lead,
        title="Översyn 2026",
        assignment="SITIV beslutar att genomföra en översyn.",
        assignment_decision=decisions["given"],
        client="SITIV",
        start_date=dt.date(2026, 3, 10),
        due_date=dt.date(2026, 12, 31),
        scenario=scenario,
    )
