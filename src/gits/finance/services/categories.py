"""Writes for the cost categories of a budget line (seed 002 Bilaga 2: the joint function's
budget is salaries, premises, training and conferences, and office equipment): budget and
outcome per category."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.finance.formatting import kr
from gits.finance.models import BudgetLine, CostCategory, LineCategory
from gits.finance.services.settings import safe_amount

CHANGE = "finance.budget:change"


def _shown(rows: Mapping[str, tuple[Decimal, Decimal | None]]) -> dict[str, str]:
    return {
        str(CostCategory(c).label): f"{kr(b)} / {kr(o) if o is not None else '–'}"
        for c, (b, o) in rows.items()
    }


# A line's cost categories, replaced as a whole at the line's version (rule 4).
CATEGORIES = Recorded(BudgetLine, (), action="finance.line", right=CHANGE, parent="budget")


def line_categories_set(
    *,
    actor: Any,
    line: BudgetLine,
    rows: Mapping[str, tuple[Any, Any]],
    version: int | None = None,
) -> BudgetLine:
    """Set the budget and outcome per cost category of a line, read at the line's `version`;
    a category left out (or with neither budget nor outcome) is removed. Categories that do
    not sum to the line's amount are shown with the difference, not refused (as R-22 flags
    financing)."""
    with CATEGORIES.updating(line, actor=actor, version=version, verb="categories") as change:
        line = change.obj
        cleaned: dict[str, tuple[Decimal, Decimal | None]] = {}
        for category, (budget, outcome) in rows.items():
            if category not in CostCategory.values:
                raise DomainError(
                    _("Okänt kostnadsslag: %(c)s") % {"c": category}, field="category"
                )
            b = safe_amount(budget, f"budget_{category}", allow_none=True)
            o = safe_amount(outcome, f"outcome_{category}", allow_none=True)
            if b is None and o is None:
                continue
            cleaned[category] = (b or Decimal("0.00"), o)
        before = {c.category: (c.budget, c.outcome) for c in LineCategory.objects.filter(line=line)}
        if before == cleaned:
            return line  # nothing changed: nothing written
        LineCategory.objects.filter(line=line).delete()
        LineCategory.objects.bulk_create(
            [
                LineCategory(line=line, category=c, budget=b, outcome=o)
                for c, (b, o) in sorted(
                    cleaned.items(), key=lambda item: CostCategory.values.index(item[0])
                )
            ]
        )
        change.note("kostnadsslag", _shown(before) or None, _shown(cleaned))
    return line
