"""Demo: a year of SITIV meetings drawn from the seeds (SITIV 19 September with material due
9 September, SITIV 5 December with material due 25 November) with cases, decisions and signed
minutes, and this year's meetings including the decision on the review of the mission."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.models import Case, Decision, Meeting
from gits.portfolio.models import ManagedObject

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
    last, this = today.year - 1, today.year

    def case(
        title: str, proposal: str, when: dt.date, obj: str | None = None, description: str = ""
    ) -> Case:
        c = services.case_register(
            actor=admin,
            body=sitiv,
            title=title,
            proposal=proposal,
            description=description,
            managed_object=_object(obj) if obj else None,
            today=when,
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

    def hold(date: dt.date, agenda: list[tuple[Case, str, str]], *, sign: bool) -> Meeting:
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
        return meeting

    D = Decision.Outcome.DECIDED
    R = Decision.Outcome.REFERRED_BACK
    hold(
        dt.date(last, 2, 14),
        [
            (
                case(
                    "Verksamhetsplan och budget för GITS",
                    "SITIV fastställer verksamhetsplan och budget för GITS.",
                    dt.date(last, 1, 20),
                ),
                D,
                "",
            ),
            (
                case(
                    "Statusrapport SAMSA",
                    "SITIV noterar statusrapporten.",
                    dt.date(last, 1, 22),
                    "SAMSA",
                ),
                D,
                "",
            ),
        ],
        sign=True,
    )
    hold(
        dt.date(last, 5, 16),
        [
            (
                case(
                    "Förvaltningsplan Elevhälsodata Väst",
                    "SITIV godkänner förvaltningsplanen.",
                    dt.date(last, 4, 2),
                    "EHD",
                ),
                D,
                "",
            ),
            (
                case(
                    "Införande av gemensam utgivning av SITHS-kort",
                    "SITIV beslutar att SITHS gemensam utgivning blir samförvaltat objekt.",
                    dt.date(last, 4, 10),
                    "SITHS GU",
                ),
                R,
                "Kommunsidans ledamöter vill först se kostnadsfördelningen per kommun.",
            ),
        ],
        sign=True,
    )
    hold(
        dt.date(last, 9, 19),
        [
            (
                case(
                    "Förvaltningsplaner och statusrapporter hösten",
                    "SITIV noterar förvaltningsplaner och statusrapporter.",
                    dt.date(last, 8, 26),
                ),
                D,
                "",
            ),
            (
                case(
                    "Öppna data – fortsatt förvaltning",
                    "SITIV beslutar att Öppna data förvaltas vidare enligt förvaltningsplanen.",
                    dt.date(last, 8, 28),
                    "Öppna data",
                ),
                D,
                "",
            ),
        ],
        sign=True,
    )
    hold(
        dt.date(last, 12, 5),
        [
            (
                case(
                    "Budget för nästa år",
                    "SITIV fastställer budgeten enligt Samrådsorganets ram.",
                    dt.date(last, 11, 3),
                ),
                D,
                "",
            ),
        ],
        sign=True,
    )
    review = case(
        "Översyn av SITIV:s uppdragshandling och avtal",
        "SITIV beslutar att genomföra en översyn av SITIV:s uppdragshandling och avtal, inklusive konsekvensbedömning. "
        "Arbetet leds av SITIV:s AU, ordförande och vice ordförande samt beredningsansvariga från båda parter.",
        dt.date(this, 4, 20),
    )
    hold(
        dt.date(this, 2, 13),
        [
            (
                case(
                    "Verksamhetsplan för året",
                    "SITIV fastställer verksamhetsplanen.",
                    dt.date(this, 1, 15),
                ),
                D,
                "",
            ),
        ],
        sign=True,
    )
    may = hold(dt.date(this, 5, 12), [(review, D, "")], sign=True)
    decision = Decision.objects.filter(item__meeting=may).first()
    if decision is not None:
        services.assignment_give(
            actor=admin,
            decision=decision,
            assignee_body=Body.objects.get(short_name="SITIV AU"),
            description="Genomför översynen av SITIV:s uppdragshandling och avtal med konsekvensbedömning.",
            expected_report="Förslag till reviderad uppdragshandling och avtal",
            due_date=dt.date(this, 10, 31),
        )
    hold(
        dt.date(this, 9, 18),
        [
            (
                case(
                    "Förvaltningsplaner och statusrapporter",
                    "SITIV noterar förvaltningsplaner och statusrapporter.",
                    dt.date(this, 8, 25),
                ),
                D,
                "",
            ),
        ],
        sign=False,
    )
    hold(
        dt.date(this, 12, 4),
        [
            (
                case(
                    "Budget och verksamhetsplan för nästa år",
                    "SITIV fastställer budget och verksamhetsplan.",
                    dt.date(this, 11, 2),
                ),
                D,
                "",
            ),
        ],
        sign=False,
    )
