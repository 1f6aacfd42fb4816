"""Demo (demo_data.json): a year of SITIV meetings drawn from the seeds (SITIV 19 September with
material due 9 September, SITIV 5 December with material due 25 November) with cases, decisions
and locked minutes (stored, sealed PDF/A with its SHA-256), and this year's meetings including
the decision on the review of the mission, one meeting whose locked minutes are under
correction (an unsigned version 2 with its reason) and one with an unsigned first draft. Only
meetings that have taken place get attendance, decisions and minutes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.models import Case, Decision, Meeting
from gits.portfolio.models import ManagedObject

DATA = json.loads((Path(__file__).resolve().parent / "demo_data.json").read_text("utf-8"))
PLACE = "Regionens hus, Vänersborg"


def _object(short_name: str):
    return ManagedObject.objects.filter(short_name=short_name).first()


def load(today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    sitiv = Body.objects.filter(short_name="SITIV").first()
    if sitiv is None or Meeting.objects.filter(body=sitiv).exists():
        return
    User = get_user_model()
    admin = User.objects.get(username="admin")
    chairs = {
        u.person.pk: u
        for u in User.objects.filter(username__in=["ledamot", "ledamot-region"]).select_related(
            "person"
        )
    }
    prep = Body.objects.get(short_name="Beredningsgruppen")
    preparers = {m.side: m.person for m in prep.memberships.all()}
    years = {"last": today.year - 1, "this": today.year}

    def day(text: str) -> dt.date:
        """'last-09-19' or 'this-05-12'."""
        year, month, date = text.split("-")
        return dt.date(years[year], int(month), int(date))

    def case(data: dict[str, Any]) -> Case:
        c = services.case_register(
            actor=admin,
            body=sitiv,
            title=data["title"],
            proposal=data["proposal"],
            description="",
            managed_object=_object(data["object"]) if data.get("object") else None,
            today=day(data["registered"]),
        )
        c = services.case_update(
            actor=admin,
            case=c,
            version=c.version,
            preparer_region=preparers.get("region"),
            preparer_municipalities=preparers.get("municipalities"),
            preparation="Beredningsgruppen har berett ärendet med underlag från förvaltargruppen.",
        )
        services.case_move(actor=admin, case=c, to_state=Case.State.IN_PREPARATION)
        return services.case_move(actor=admin, case=c, to_state=Case.State.PREPARED)

    def hold(
        date: dt.date,
        agenda: list[tuple[Case, str, str]],
        *,
        sign: bool,
        correction: dict[str, str] | None = None,
    ) -> Meeting:
        meeting = services.meeting_plan(
            actor=admin,
            body=sitiv,
            date=date,
            start_time=dt.time(9, 30),
            end_time=dt.time(12, 0),
            place=PLACE,
        )
        items = [services.agenda_add(actor=admin, meeting=meeting, case=c) for c, _, _ in agenda]
        if date > today:
            return meeting
        from gits.bodies.selectors import body_composition

        composition = body_composition(sitiv, date)
        present = {m.person_id for s in composition.sides for m in s.seated}
        services.attendance_record(actor=admin, meeting=meeting, present=present)
        for item, (_, outcome, objection) in zip(items, agenda, strict=True):
            services.decision_record(actor=admin, item=item, outcome=outcome, objections=objection)
        minutes = services.minutes_generate(actor=admin, meeting=meeting)
        if sign:
            meeting.refresh_from_db()
            chair_user = chairs.get(meeting.chair_id)
            adjuster = next((u for pk, u in chairs.items() if pk != meeting.chair_id), None)
            if chair_user and adjuster:
                services.minutes_sign(actor=chair_user, minutes=minutes)
                services.minutes_sign(actor=adjuster, minutes=minutes)
                if correction:
                    services.minutes_correct(
                        actor=admin, meeting=meeting, reason=correction["reason"]
                    )
                    first = Decision.objects.get(item=items[0])
                    services.decision_amend(actor=admin, decision=first, text=correction["text"])
                    services.minutes_generate(actor=admin, meeting=meeting)
        return meeting

    def give(meeting: Meeting, case: Case, given: dict[str, Any]) -> None:
        decision = Decision.objects.filter(item__meeting=meeting, item__case=case).first()
        if decision is not None:
            services.assignment_give(
                actor=admin,
                decision=decision,
                assignee_body=Body.objects.get(short_name=given["to"]),
                description=given["description"],
                expected_report=given["expected_report"],
                due_date=day(given["due"]),
            )

    def hold_all(meetings: list[dict[str, Any]], ahead: dict[str, Case]) -> None:
        """Each meeting with its cases, registered just before it (or ahead)."""
        for m in meetings:
            cases = [ahead[e["case"]] if "case" in e else case(e) for e in m["agenda"]]
            agenda = [
                (c, e.get("outcome", Decision.Outcome.DECIDED), e.get("objection", ""))
                for c, e in zip(cases, m["agenda"], strict=True)
            ]
            meeting = hold(day(m["date"]), agenda, sign=m["signed"], correction=m.get("correction"))
            for c, e in zip(cases, m["agenda"], strict=True):
                if "assignment" in e:
                    give(meeting, c, e["assignment"])

    hold_all(DATA["last_year"], {})
    # Registered ahead of this year's meetings: the review is the year's first case.
    hold_all(DATA["this_year"], {key: case(c) for key, c in DATA["ahead"].items()})
