"""Reads across the finance models: budget overviews with flags, cost splits, the budget
calendar and scenario comparisons. Nothing here writes.

By concern: `overview` (a budget with its flags and checks), `splits` (spreading across the
municipalities, the levy) and `reports` (calendar, invoicing plan, scenarios, statement).
Everything is re-exported here: import from `gits.finance.selectors`."""

from gits.finance.selectors.overview import (
    BudgetOverview,
    LineRow,
    StatedCheck,
    budget_lines,
    budget_overview,
    line_problem,
    stated_checks,
)
from gits.finance.selectors.reports import (
    CalendarStatus,
    FinancialStatement,
    PlanLine,
    ScenarioColumn,
    StatementRow,
    budget_calendar,
    financial_statement,
    quarter_summary,
    quarterly_plan,
    scenario_comparison,
)
from gits.finance.selectors.splits import (
    Levy,
    SplitResult,
    SplitRow,
    budget_splits,
    line_split,
    line_user_counts,
    municipal_share,
    municipalities,
    municipality_history,
    per_capita_levy,
    spread_to_municipalities,
)

__all__ = [
    "BudgetOverview",
    "CalendarStatus",
    "FinancialStatement",
    "Levy",
    "LineRow",
    "PlanLine",
    "ScenarioColumn",
    "SplitResult",
    "SplitRow",
    "StatedCheck",
    "StatementRow",
    "budget_calendar",
    "budget_lines",
    "budget_overview",
    "budget_splits",
    "financial_statement",
    "line_problem",
    "line_split",
    "line_user_counts",
    "municipal_share",
    "municipalities",
    "municipality_history",
    "per_capita_levy",
    "quarter_summary",
    "quarterly_plan",
    "scenario_comparison",
    "spread_to_municipalities",
    "stated_checks",
]
