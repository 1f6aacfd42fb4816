"""Writes for decisions and the assignments they give (R-11, R-13, R-17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from gits.bodies.models import Body, Person
from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.meetings.models import AgendaItem, Assignment, Decision
from gits.meetings.rules import AFTER_DECISION
from gits.meetings.services.cases import set_case_state
from gits.meetings.services.meetings import (
    meeting_quorum_missing,
    refuse_before_date,
    refuse_if_signed,
)
from gits.organisations.models import Side

# A decision's entry records what it says (its notes); an amendment, its text.
DECISION = Recorded(Decision, (), right="meetings.decision:record")
ASSIGNMENT = Recorded(Assignment, ())


def decision_record(
    *, actor: Any, item: AgendaItem, outcome: str, text: str = "", objections: str = ""
) -> Decision:
    """Record what the body did with a paragraph. All decisions are taken in consensus (R-11):
    when a member present objects, no decision is recorded; the chair refers the case back
    (återremiss) or strikes it off (avförs). A decision needs both sides present (R-13)."""
    with DECISION.creating(actor=actor, verb="recorded") as change:
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting__body", "case")
            .get(pk=item.pk)
        )
        meeting = change.parent = item.meeting
        refuse_before_date(meeting, "decision")
        refuse_if_signed(meeting)
        if Decision.objects.filter(item=item).exists():
            raise DomainError(_("§ %(n)s har redan ett beslut.") % {"n": item.number})
        if outcome not in Decision.Outcome.values:
            raise DomainError(_("Välj beslut, återremiss eller avförande."), field="outcome")
        if not meeting.attendance.exists():
            raise DomainError(_("Registrera närvaron innan beslut förs in."), field="outcome")
        objections = (objections or "").strip()
        if outcome == Decision.Outcome.DECIDED:
            if objections:
                raise DomainError(
                    _(
                        "SITIV-beslut fattas i enighet: när en närvarande ledamot invänder kan inget beslut fattas. Ordföranden väljer återremiss eller avförande."
                    ),
                    field="outcome",
                )
            missing = meeting_quorum_missing(meeting)
            if missing:
                raise DomainError(
                    _(
                        "Inget beslut kan fattas: %(sides)s saknas vid sammanträdet, och ett paritetiskt organ beslutar bara med båda sidor närvarande."
                    )
                    % {"sides": " och ".join(str(Side(s).label).lower() for s in sorted(missing))},
                    field="outcome",
                )
            text = (text or "").strip() or (item.case.proposal if item.case else "")
            if not text:
                raise DomainError(_("Ange beslutstexten."), field="text")
        else:
            text = (text or "").strip() or str(Decision.Outcome(outcome).label)
        decision = change.obj
        decision.item, decision.outcome, decision.recorded_by = item, outcome, actor
        decision.text, decision.objections = text, objections
        if item.case is not None:
            set_case_state(item.case, AFTER_DECISION[outcome])
        change.extra.update(
            {
                "utfall": [None, decision.get_outcome_display()],
                "text": [None, text],
                "invändningar": [None, objections or None],
            }
        )
    return decision


def decision_amend(
    *, actor: Any, decision: Decision, text: str, version: int | None = None
) -> Decision:
    """Change a decision's wording, read at `version`, before signing of the minutes starts,
    or after a withdrawal or in a correction (R-14). The public keeps seeing the locked text
    (R-17)."""
    with DECISION.updating(
        decision, actor=actor, version=version, verb="amended", fields=["text"], always=True
    ) as change:
        decision = change.obj
        change.parent = meeting = decision.item.meeting
        refuse_if_signed(meeting)
        if not (text or "").strip():
            raise DomainError(_("Ange beslutstexten."), field="text")
        decision.text = text.strip()
    return decision


def assignment_give(
    *,
    actor: Any,
    decision: Decision,
    description: str,
    due_date: dt.date,
    assignee_body: Body | None = None,
    assignee_person: Person | None = None,
    expected_report: str = "",
) -> Assignment:
    """An assignment from a decision to a body or a person, to report back by a date."""
    assignment = Assignment(decision=decision, due_date=due_date, expected_report=expected_report)
    with ASSIGNMENT.creating(obj=assignment, actor=actor, verb="given") as change:
        if decision.outcome != Decision.Outcome.DECIDED:
            raise DomainError(_("Uppdrag ges bara genom ett fattat beslut."))
        if assignee_body is None and assignee_person is None:
            raise DomainError(
                _("Ange vem uppdraget ges till: ett organ eller en person."), field="assignee_body"
            )
        assignment.assignee_body, assignment.assignee_person = assignee_body, assignee_person
        assignment.description = (description or "").strip()
        if not assignment.description:
            raise DomainError(_("Beskriv uppdraget."), field="description")
        if due_date is None:
            raise DomainError(_("Ange när uppdraget ska återrapporteras."), field="due_date")
        change.parent = decision.item.meeting
        change.note("till", None, assignment.assignee)
        change.note("senast", None, due_date.isoformat())
    return assignment


def assignment_report(
    *,
    actor: Any,
    assignment: Assignment,
    reported_at: dt.date,
    report: str,
    version: int | None = None,
) -> Assignment:
    """Report an assignment back, once, with the date and the report."""
    with ASSIGNMENT.updating(assignment, actor=actor, version=version, verb="reported") as change:
        assignment = change.obj
        if assignment.reported_at is not None:
            raise DomainError(_("Uppdraget är redan återrapporterat."))
        if not (report or "").strip():
            raise DomainError(_("Skriv återrapporten."), field="report")
        assignment.reported_at, assignment.report = reported_at, report.strip()
        change.note("återrapporterat", None, reported_at.isoformat())
    return assignment
