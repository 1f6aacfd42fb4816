"""Demo (demo_data.json): the open review of SITIV's mission and agreement (seed 000), given
by this year's SITIV decision, with the timeline, deliverables and stakeholders of the 2022
review's assignment (seed 004) and its three alternatives costed by the demo scenario.
Idempotent: an existing review is left alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from gits.finance.models import Scenario
from gits.meetings.models import Decision
from gits.reviews import services
from gits.reviews.models import Review

DATA = json.loads((Path(__file__).resolve().parent / "demo_data.json").read_text("utf-8"))


def load(today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    spec = DATA["review"]
    lead = get_user_model().objects.filter(username="funktionsledare").first()
    if lead is None or Review.objects.filter(title=spec["title"]).exists():
        return

    def day(text: str | None) -> dt.date | None:
        if not text:
            return None
        year, month, date = text.split("-")
        return dt.date(today.year - (1 if year == "last" else 0), int(month), int(date))

    decision = (
        Decision.objects.filter(
            item__case__title=spec["case_title"], outcome=Decision.Outcome.DECIDED
        )
        .order_by("-item__meeting__date")
        .first()
    )
    scenario = Scenario.objects.filter(name=spec["scenario"]).first()
    texts = {key: spec[key] for key in ("title", "purpose", "assignment", "client", "led_by")}
    review = services.review_create(
        actor=lead,
        assignment_decision=decision,
        start_date=day(spec["start"]),
        due_date=day(spec["due"]),
        scenario=scenario,
        **texts,
    )

    def add(part: str, **fields: Any) -> None:
        services.item_add(actor=lead, review=review, part=part, **fields)

    for period, activity, due, done in spec["milestones"]:
        done_on = day(done)
        if done_on and done_on > today:
            done_on = None
        add("milestone", period=period, activity=activity, due_date=day(due), done_on=done_on)
    for name, description, due in spec["deliverables"]:
        add("deliverable", name=name, description=description, due_date=day(due))
    for name, needs, channel in spec["stakeholders"]:
        add("stakeholder", name=name, information_needs=needs, channel=channel)
    costs = {a.name: a for a in scenario.alternatives.all()} if scenario else {}
    for kind, name, consequences, cost in spec["alternatives"]:
        add(
            "alternative",
            kind=kind,
            name=name,
            consequences=consequences,
            scenario_alternative=costs.get(cost),
        )
