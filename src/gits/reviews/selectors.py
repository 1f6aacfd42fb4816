"""Reads for reviews: a review with its parts and the cost of each alternative per party."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from gits.finance.selectors import ScenarioColumn, scenario_comparison
from gits.organisations.models import Organisation
from gits.reviews.models import Review, ReviewAlternative


@dataclass
class CostedAlternative:
    alternative: ReviewAlternative
    column: ScenarioColumn | None  # the cost per party, when linked to the scenario


@dataclass
class ReviewDetail:
    review: Review
    alternatives: list[CostedAlternative]
    towns: list[Organisation] = field(default_factory=list)
    problem: str = ""

    def town_rows(self) -> list[tuple[Organisation, list[Any]]]:
        """Each municipality with its cost under each costed alternative."""
        costed = [a.column for a in self.alternatives if a.column is not None]
        rows = []
        for i, town in enumerate(self.towns):
            rows.append((town, [c.split.rows[i].amount for c in costed]))
        return rows

    @property
    def costed(self) -> list[CostedAlternative]:
        return [a for a in self.alternatives if a.column is not None]


def reviews() -> QuerySet[Review]:
    return Review.objects.select_related(
        "assignment_decision__item__meeting__body", "chosen_alternative"
    )


def review_detail(review: Review) -> ReviewDetail:
    """The review's alternatives, each with its cost split 50/50 between the region and the
    municipalities and the municipal half spread across them (R-23, R-26), side by side. A
    scenario whose split is refused (e.g. a population figure missing) says why."""
    alternatives = list(
        review.alternatives.select_related("scenario_alternative").order_by("position", "pk")
    )
    columns: dict[str, ScenarioColumn] = {}
    towns: list[Organisation] = []
    problem = ""
    if review.scenario is not None:
        from gits.core.errors import DomainError

        try:
            found, towns = scenario_comparison(review.scenario)
            columns = {c.name: c for c in found}
        except DomainError as err:
            problem = str(err.message)
    return ReviewDetail(
        review=review,
        alternatives=[
            CostedAlternative(
                alternative=a,
                column=columns.get(a.scenario_alternative.name) if a.scenario_alternative else None,
            )
            for a in alternatives
        ],
        towns=towns,
        problem=problem,
    )


def open_reviews() -> QuerySet[Review]:
    return (
        reviews()
        .filter(state=Review.State.OPEN)
        .prefetch_related(Prefetch("milestones"), Prefetch("deliverables"))
    )
