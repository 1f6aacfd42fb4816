"""Reads: a body's year of meetings, open assignments, the decision register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Membership, Person
from gits.bodies.selectors import body_composition
from gits.meetings.models import (
    AgendaItem,
    AgendaTemplate,
    Assignment,
    Case,
    Decision,
    Meeting,
    Minutes,
)
from gits.meetings.rules import DEFAULT_AGENDA_CLOSING, DEFAULT_AGENDA_OPENING


@dataclass
class YearPlan:
    body: Body
    year: int
    meetings: list[Meeting]

    @property
    def warning(self) -> str | None:
        """R-15: a body meets at least its minimum number of times a year."""
        minimum = self.body.min_meetings_per_year
        if minimum and len(self.meetings) < minimum:
            return _(
                "%(body)s ska sammanträda minst %(min)s gånger per år, men %(year)s har bara %(n)s planerade."
            ) % {"body": self.body, "min": minimum, "year": self.year, "n": len(self.meetings)}
        return None


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's paragraphs in order, each with its case, the case's body (for the diary
    number) and its decision: one query however many paragraphs (issue 15)."""
    return list(meeting.items.select_related("case__body", "decision").order_by("number"))


def year_plan(body: Body, year: int) -> YearPlan:
    meetings = list(
        Meeting.objects.filter(body=body, date__year=year)
        .select_related("body")
        .order_by("date", "start_time")
    )
    return YearPlan(body=body, year=year, meetings=meetings)


def open_assignments(body: Body, before: dt.date | None = None) -> QuerySet[Assignment]:
    """Assignments not yet reported back that the body gave or received: listed on every later
    agenda of the body until they are reported."""
    qs = Assignment.objects.filter(reported_at__isnull=True).filter(
        Q(decision__item__body=body) | Q(assignee_body=body)
    )
    if before is not None:
        qs = qs.filter(decision__item__meeting__date__lt=before)
    return qs.select_related(
        "decision__item__meeting__body", "assignee_body", "assignee_person"
    ).order_by("due_date")


@dataclass
class Presiding:
    """Who presided over a meeting (R-14): the body's chair when present, otherwise the vice
    chair; `absent_chair` names the chair who was absent."""

    person: Person
    role: str
    side: str
    absent_chair: Person | None = None

    @property
    def role_label(self) -> str:
        return str(Membership.Role(self.role).label).lower()

    def __str__(self) -> str:
        if self.absent_chair is not None:
            return _("%(person)s (%(role)s; ordföranden %(chair)s var frånvarande)") % {
                "person": self.person,
                "role": self.role_label,
                "chair": self.absent_chair,
            }
        return f"{self.person} ({self.role_label})"


def meeting_presiding(meeting: Meeting) -> Presiding | None:
    """Who presides, from the attendance and the body's memberships on the meeting's date: the
    chair if recorded present, else the vice chair if present, else nobody. A body without a
    chair or vice chair on the date falls back on the meeting's own chair, when present."""
    present = {a.person_id: a for a in meeting.attendance.select_related("person") if a.present}
    composition = body_composition(meeting.body, meeting.date)
    chair, vice = composition.chair, composition.vice_chair
    if chair is not None and chair.person_id in present:
        return Presiding(chair.person, Membership.Role.CHAIR, present[chair.person_id].side)
    if vice is not None and vice.person_id in present:
        return Presiding(
            vice.person,
            Membership.Role.VICE_CHAIR,
            present[vice.person_id].side,
            absent_chair=chair.person if chair is not None else None,
        )
    if chair is None and vice is None and meeting.chair_id in present:
        row = present[meeting.chair_id]
        return Presiding(row.person, Membership.Role.CHAIR, row.side)
    return None


def current_minutes(meeting: Meeting) -> Minutes | None:
    """The latest version of the meeting's minutes, withdrawn or not."""
    return meeting.minutes.defer("archive_pdf").order_by("-version").first()


def locked_minutes(meeting: Meeting) -> Minutes | None:
    """The latest locked version: the public record of the meeting (R-17)."""
    return (
        meeting.minutes.defer("archive_pdf")
        .filter(signed_at__isnull=False)
        .order_by("-version")
        .first()
    )


def signed_minutes_exist() -> Exists:
    return Exists(
        Minutes.objects.filter(meeting=OuterRef("item__meeting"), signed_at__isnull=False)
    )


def correction_pending() -> Exists:
    """A later version than the one a decision was published in is drafted and not locked."""
    return Exists(
        Minutes.objects.filter(
            meeting=OuterRef("item__meeting"),
            signed_at__isnull=True,
            withdrawn_at__isnull=True,
            version__gt=OuterRef("published_in__version"),
        )
    )


def _register_filter(
    *,
    public: bool,
    q: str = "",
    body: int | None = None,
    year: int | None = None,
    managed_object: int | None = None,
    outcome: str = "",
) -> Q:
    """The register's filters as one condition on decisions: it joins only the tables the
    filters name, so the total can be counted on the decisions alone (issue 15)."""
    text = "published_text" if public else "text"
    condition = Q()
    if public:
        condition &= Q(published_in__isnull=False)
    if q:
        condition &= (
            Q(**{f"{text}__icontains": q})
            | Q(item__title__icontains=q)
            | Q(item__case__description__icontains=q)
        )
    if body:
        condition &= Q(item__body_id=body)
    if year:
        condition &= Q(item__year=year)
    if managed_object:
        condition &= Q(item__case__managed_object_id=managed_object)
    if outcome:
        condition &= Q(outcome=outcome)
    return condition


# Newest meeting first, its paragraphs last to first (indexes meeting_date_id and
# agendaitem_meeting_number). The meeting breaks ties between meetings on the same day, so a
# meeting's paragraphs stay together.
REGISTER_ORDER = ("-item__meeting__date", "-item__meeting__id", "-item__number")


@dataclass(slots=True)
class RegisterRow:
    """A decision as the register lists it (issue 15): read as values, one object a row, with
    what the list shows already put together. `shown_text` is the text the reader may see
    (R-17); the public's rows carry no other. `minutes_signed` is None for the public."""

    pk: int
    item_id: int
    outcome: str
    shown_text: str
    objections: str
    correction_pending: bool
    minutes_signed: bool | None
    body: str
    meeting_date: dt.date
    paragraph: int
    diary_number: str
    title: str

    @property
    def id(self) -> int:
        return self.pk

    @property
    def outcome_label(self) -> str:
        return str(Decision.Outcome(self.outcome).label)

    @property
    def meeting(self) -> str:
        """The body and the date of the meeting: `SITIV 2026-03-01`."""
        return f"{self.body} {self.meeting_date.isoformat()}"

    @property
    def heading(self) -> str:
        """The case's diary number and title, or the paragraph's title without a case."""
        return f"{self.diary_number} {self.title}" if self.diary_number else self.title

    @property
    def summary(self) -> str:
        return Truncator(self.shown_text).chars(140)

    def __str__(self) -> str:
        # As Decision.__str__: the paragraph's body, the meeting's date and the number.
        return f"{self.meeting} § {self.paragraph}"


# What a register row reads from a paragraph, its meeting and its case.
REGISTER_RELATED = {
    "body": "item__body__short_name",
    "meeting_date": "item__meeting__date",
    "paragraph": "item__number",
    "item_title": "item__title",
    "case_id": "item__case_id",
    "case_body": "item__case__body__short_name",
    "case_year": "item__case__year",
    "case_number": "item__case__number",
    "case_title": "item__case__title",
}


def _register_row(values: dict, public: bool) -> RegisterRow:
    has_case = values["case_id"] is not None
    return RegisterRow(
        pk=values["pk"],
        item_id=values["item_id"],
        outcome=values["outcome"],
        shown_text=values["shown_text"] or "",
        objections=values["objections"],
        correction_pending=values["correction_pending"],
        minutes_signed=None if public else values["minutes_signed"],
        body=values["body"],
        meeting_date=values["meeting_date"],
        paragraph=values["paragraph"],
        # As Case.diary_number: `SITIV 2026/14`.
        diary_number=f"{values['case_body']} {values['case_year']}/{values['case_number']}"
        if has_case
        else "",
        title=values["case_title"] if has_case else values["item_title"],
    )


# Up to this many rows from the top, a slice of the register sorts only the decisions of the
# newest meetings: flat in the size of the register; deeper slices sort all matching ids.
MEETING_WALK_LIMIT = 300


class Register:
    """The decision register as a lazy list of `RegisterRow` (issue 15). A slice (a page) is
    found by a lean query of decision ids, joining only the paragraph, its meeting and what
    the filters name, and its rows are read as values for the page only, in the same query.
    `count()` counts on the decisions and the filters' joins alone."""

    def __init__(self, condition: Q, public: bool):
        self._condition = condition
        self._public = public
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = Decision.objects.filter(self._condition).count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _ids(self, key: slice) -> QuerySet:
        """The slice's decision ids, in the register's order. For the first pages, only the
        decisions of the newest meetings with a matching decision are sorted: `stop` decisions
        lie within the first `stop` such meetings, found walking the index meeting_date_id."""
        decisions = Decision.objects.filter(self._condition)
        if key.stop is not None and 0 < key.stop <= MEETING_WALK_LIMIT:
            matching = Decision.objects.filter(self._condition, item__meeting=OuterRef("pk"))
            newest = (
                Meeting.objects.filter(Exists(matching))
                .order_by("-date", "-id")
                .values("pk")[: key.stop]
            )
            decisions = decisions.filter(item__meeting__in=newest)
        return decisions.order_by(*REGISTER_ORDER).values_list("pk", flat=True)[key]

    def __getitem__(self, key: slice | int):
        if isinstance(key, int):
            if key < 0:
                raise IndexError("negative index")
            rows = self[key : key + 1]
            if not rows:
                raise IndexError(key)
            return rows[0]
        rows = Decision.objects.filter(pk__in=self._ids(key))
        names = ["pk", "item_id", "outcome", "objections", "shown_text", "correction_pending"]
        if self._public:
            rows = rows.annotate(shown_text=F("published_text"))
        else:
            rows = rows.annotate(shown_text=F("text"), minutes_signed=signed_minutes_exist())
            names.append("minutes_signed")
        rows = rows.annotate(correction_pending=correction_pending()).order_by(*REGISTER_ORDER)
        related = {name: F(path) for name, path in REGISTER_RELATED.items()}
        return [_register_row(v, self._public) for v in rows.values(*names, **related)]

    def __iter__(self):
        return iter(self[:])


def decision_register(*, public: bool, **filters) -> Register:
    """Every decision, searchable (R-17), as `RegisterRow`s. The public sees a decision once
    minutes recording it are locked, with the text of the latest locked version (also during a
    correction, marked by `correction_pending`); signed-in users see the record as it stands.
    Filters: `q` (text), `body`, `year`, `managed_object`, `outcome`."""
    return Register(_register_filter(public=public, **filters), public)


@dataclass(slots=True)
class CaseRow:
    """A case as the case list shows it (issue 15): read as values, one object a row."""

    pk: int
    diary_number: str
    title: str
    managed_object: str
    state_label: str


def case_register(*, state: str = "") -> QuerySet:
    """The cases, newest diary number first (index case_year_number, or
    case_state_year_number when filtered on a state), as values for `case_rows`."""
    cases = Case.objects.order_by("-year", "-number")
    if state:
        cases = cases.filter(state=state)
    return cases.values(
        "pk",
        "year",
        "number",
        "title",
        "state",
        body_name=F("body__short_name"),
        object_name=F("managed_object__short_name"),
    )


def case_rows(values) -> list[CaseRow]:
    """A page of `case_register` as rows: the diary number as Case.diary_number writes it."""
    labels = dict(Case.State.choices)
    return [
        CaseRow(
            pk=v["pk"],
            diary_number=f"{v['body_name']} {v['year']}/{v['number']}",
            title=v["title"],
            managed_object=v["object_name"] or "–",
            state_label=str(labels.get(v["state"], v["state"])),
        )
        for v in values
    ]


def agenda_template_of(body: Body) -> tuple[list[str], list[str]]:
    """The body's standard agenda as (opening items, closing items): its own, or the default
    of a Swedish meeting when it has none."""
    template = AgendaTemplate.objects.filter(body=body).first()
    if template is None:
        return list(DEFAULT_AGENDA_OPENING), list(DEFAULT_AGENDA_CLOSING)
    return list(template.opening), list(template.closing)
