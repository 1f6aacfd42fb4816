import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar

from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import Criterion, ManagedObject, ObjectRole
from gits.portfolio.selectors import (
    coordinators_on,
    municipalities_without_contacts,
    notice_due,
    notice_events,
    roadmap,
    roles_on,
)

pytestmark = pytest.mark.django_db
S = ManagedObject.State


def evaluate(lead, obj, recommend=True):
    return services.evaluation_record(
        actor=lead,
        managed_object=obj,
        users_region=100,
        users_municipalities=300,
        recommend=recommend,
        judgements=[
            {"criterion_id": c.pk, "verdict": "met", "grounds": "OK"}
            for c in Criterion.objects.filter(active=True)
        ],
    )


@pytest.fixture
def sitiv_decision(sitiv, lead, prepared_case):
    from gits.bodies.selectors import body_composition
    from gits.meetings import services as meetings

    meeting = meetings.meeting_plan(
        actor=lead, body=sitiv, date=dt.date(dt.date.today().year, 3, 1)
    )
    item = meetings.agenda_add(actor=lead, meeting=meeting, case=prepared_case("Samförvaltning DH"))
    other = meetings.agenda_add(actor=lead, meeting=meeting, case=prepared_case("Annat"))
    comp = body_composition(sitiv, meeting.date)
    meetings.attendance_record(
        actor=lead, meeting=meeting, present={m.person_id for s in comp.sides for m in s.seated}
    )
    return meetings.decision_record(
        actor=lead, item=item, outcome="decided"
    ), meetings.decision_record(actor=lead, item=other, outcome="referred_back")


def test_lifecycle_moves_and_refusals_r18(proposal, lead, sitiv_decision):
    with pytest.raises(DomainError, match="Värdera objektet"):
        services.object_move(actor=lead, managed_object=proposal, to_state=S.EVALUATED)
    with pytest.raises(DomainError, match="kan inte bli i förvaltning"):
        services.object_move(actor=lead, managed_object=proposal, to_state=S.IN_MANAGEMENT)
    evaluate(lead, proposal)
    services.object_move(actor=lead, managed_object=proposal, to_state=S.EVALUATED)
    with pytest.raises(DomainError, match="beslutas av SITIV") as err:
        services.object_move(actor=lead, managed_object=proposal, to_state=S.CO_MANAGEMENT_DECIDED)
    assert err.value.field == "decision"
    decision, referral = sitiv_decision
    with pytest.raises(DomainError, match="återremiss"):
        services.object_move(
            actor=lead, managed_object=proposal, to_state=S.CO_MANAGEMENT_DECIDED, decision=referral
        )
    obj = services.object_move(
        actor=lead, managed_object=proposal, to_state=S.CO_MANAGEMENT_DECIDED, decision=decision
    )
    assert obj.state == S.CO_MANAGEMENT_DECIDED
    change = obj.state_changes.last()
    assert change.decision == decision and change.from_state == S.EVALUATED
    services.object_move(actor=lead, managed_object=obj, to_state=S.IN_MANAGEMENT)
    with pytest.raises(DomainError):
        services.object_move(actor=lead, managed_object=obj, to_state=S.DECOMMISSIONED)
    services.object_move(
        actor=lead,
        managed_object=obj,
        to_state=S.DECOMMISSIONING_DECIDED,
        decision_reference="SITIV 2030-05-01 § 3",
    )
    assert AuditEntry.objects.filter(action="portfolio.object.moved").count() == 4


def test_a_move_cites_a_decision_about_the_object_or_none_r18(
    client, proposal, lead, sitiv_decision
):
    """A decision on another object's case cannot move this one; the object's page offers
    only SITIV's decisions taken that may concern it."""
    from gits.meetings.models import Case

    decision, referral = sitiv_decision
    evaluate(lead, proposal)
    services.object_move(actor=lead, managed_object=proposal, to_state=S.EVALUATED)
    other = services.object_propose(
        actor=lead, name="Annat objekt", short_name="AO", area="school", horizon="short"
    )
    Case.objects.filter(pk=decision.item.case_id).update(managed_object=other)
    decision.refresh_from_db()
    with pytest.raises(DomainError, match="annat förvaltningsobjekt \\(AO\\)") as err:
        services.object_move(
            actor=lead, managed_object=proposal, to_state=S.CO_MANAGEMENT_DECIDED, decision=decision
        )
    assert err.value.field == "decision"
    client.force_login(lead)

    def offered(obj):
        page = client.get(reverse("portfolio:object", args=[obj.pk])).content.decode()
        select = re.search(r'<select name="decision".*?</select>', page, re.S).group(0)
        return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}

    assert decision.pk not in offered(proposal)  # about the other object
    assert referral.pk not in offered(proposal)  # referred back
    assert offered(other) == {decision.pk}
    Case.objects.filter(pk=decision.item.case_id).update(managed_object=proposal)
    decision.refresh_from_db()
    moved = services.object_move(
        actor=lead, managed_object=proposal, to_state=S.CO_MANAGEMENT_DECIDED, decision=decision
    )
    assert moved.state == S.CO_MANAGEMENT_DECIDED


def test_move_needs_right(proposal, contact_user):
    with pytest.raises(RightMissing):
        services.object_move(actor=contact_user, managed_object=proposal, to_state=S.EVALUATED)


def test_roles_on_a_date(proposal, lead, sitiv):
    from gits.bodies.models import Person

    person = Person.objects.get(last_name="Förlagsson")
    services.role_assign(
        actor=lead,
        managed_object=proposal,
        role=ObjectRole.Role.SYSTEM_OWNER,
        body=sitiv,
        start_date=dt.date(2025, 1, 1),
    )
    role = services.role_assign(
        actor=lead,
        managed_object=proposal,
        role=ObjectRole.Role.COORDINATOR,
        person=person,
        start_date=dt.date(2025, 1, 1),
    )
    services.role_end(actor=lead, role=role, end_date=dt.date(2025, 6, 30))
    assert coordinators_on(proposal, dt.date(2025, 3, 1)) == [person]
    assert coordinators_on(proposal, dt.date(2025, 7, 1)) == []
    assert [r.get_role_display() for r in roles_on(proposal, dt.date(2025, 7, 1))] == [
        "Central systemägare"
    ]
    with pytest.raises(DomainError, match="en av parterna"):
        services.role_assign(
            actor=lead,
            managed_object=proposal,
            role=ObjectRole.Role.INFORMATION_OWNER,
            organisation=Organisation.objects.get(kind="association"),
            start_date=dt.date(2025, 1, 1),
        )


def test_evaluation_keeps_its_criteria_r19(proposal, lead):
    evaluation = evaluate(lead, proposal)
    assert evaluation.judgements.count() == 5 and evaluation.share_municipalities == 75
    first = Criterion.objects.get(number=1)
    first.name = "Ny lydelse efter översynen 2026"
    first.save()
    texts = list(evaluation.judgements.values_list("criterion_text", flat=True))
    assert texts[0] == "1. Länsövergripande"


def test_evaluation_must_judge_every_criterion(proposal, lead):
    with pytest.raises(DomainError, match="Bedöm alla kriterier"):
        services.evaluation_record(
            actor=lead,
            managed_object=proposal,
            users_region=1,
            users_municipalities=1,
            recommend=False,
            judgements=[{"criterion_id": Criterion.objects.first().pk, "verdict": "met"}],
        )


def test_no_evaluation_without_criteria_r19(proposal, lead):
    Criterion.objects.update(active=False)
    with pytest.raises(DomainError, match="inga kriterier"):
        services.evaluation_record(
            actor=lead,
            managed_object=proposal,
            users_region=1,
            users_municipalities=1,
            recommend=True,
            judgements=[],
        )
    assert not proposal.evaluations.exists()


def test_municipalities_without_contacts(proposal, lead):
    gbg = Organisation.objects.get(scb_code="1480")
    services.contact_set(
        actor=lead, managed_object=proposal, party=gbg, kind="business", name="Anna"
    )
    [row] = municipalities_without_contacts([proposal])
    assert len(row.missing) == 48 and gbg not in row.missing
    with pytest.raises(DomainError, match="parterna"):
        services.contact_set(
            actor=lead,
            managed_object=proposal,
            party=Organisation.objects.get(kind="association"),
            kind="business",
            name="X",
        )


def test_the_contacts_one_party_lacks_are_listed_on_a_page_of_their_own(client, lead):
    """`/objekt/kontakter-saknas/?part=ID`: the supported objects for which the party lacks
    a business or a technical contact, and which it lacks."""
    gbg = Organisation.objects.get(scb_code="1480")
    running = services.object_propose(
        actor=lead, name="I drift", short_name="ID", area="school", horizon="short"
    )
    ManagedObject.objects.filter(pk=running.pk).update(state=S.IN_MANAGEMENT)
    services.contact_set(actor=lead, managed_object=running, party=gbg, kind="business", name="A")
    url = reverse("portfolio:contacts_missing")
    page = client.get(f"{url}?part={gbg.pk}").content.decode()
    assert f"Förvaltningsobjekt där {gbg.name} saknar kontakter" in page
    assert (
        f'<td><a href="{reverse("portfolio:object", args=[running.pk])}#contacts-h">I drift</a>'
        "</td><td>Teknisk kontakt (första linjen)</td>"
    ) in page
    services.contact_set(actor=lead, managed_object=running, party=gbg, kind="technical", name="T")
    page = client.get(f"{url}?part={gbg.pk}").content.decode()
    assert f"{gbg.name} har namngett båda kontakterna för alla objekt." in page
    # An unknown party, or one that names no contacts, gives the list of all municipalities.
    association = Organisation.objects.get(kind="association")
    for part in (association.pk, 10**12, "x"):
        page = client.get(f"{url}?part={part}").content.decode()
        assert '<h1 id="missing-h">Kommuner som inte namngett kontakter</h1>' in page


def test_support_request_lifecycle(proposal, make_user):
    contact = make_user("municipal_contact")
    req = services.support_request_create(
        actor=contact, managed_object=proposal, title="Inloggning", description="Fungerar inte"
    )
    req = services.support_request_move(actor=contact, request=req, to_state="in_progress")
    # The refusal names both states as the page does, not as they are stored.
    with pytest.raises(DomainError, match="^Ett ärende som är pågår kan inte bli ny.$"):
        services.support_request_move(actor=contact, request=req, to_state="new")
    with pytest.raises(DomainError, match="kan inte bli borta"):
        services.support_request_move(actor=contact, request=req, to_state="borta")
    services.support_request_move(actor=contact, request=req, to_state="resolved")
    assert AuditEntry.objects.filter(action="portfolio.support.moved").count() == 2


def test_notice_due_and_calendar(signed_agreement):
    signed_agreement(
        kind="joint_function",
        title="Avtal 2011",
        start_date=dt.date(2011, 1, 1),
        first_end=dt.date(2014, 12, 31),
        renewal_years=3,
        notice_months=6,
    )
    assert [s.agreement.title for s in notice_due(6, dt.date(2014, 3, 1))] == ["Avtal 2011"]
    assert notice_due(3, dt.date(2014, 1, 1)) == []
    events = notice_events(dt.date(2014, 1, 1), dt.date(2018, 12, 31))
    assert [e[0] for e in events] == [dt.date(2014, 6, 30), dt.date(2017, 6, 30)]


def test_supplier_agreement_needs_an_object(lead):
    with pytest.raises(DomainError) as err:
        services.agreement_create(
            actor=lead,
            kind="supplier",
            title="X",
            start_date=dt.date(2020, 1, 1),
            first_end=dt.date(2020, 12, 31),
        )
    assert err.value.field == "managed_object"


def test_initiative_budget_is_exact(proposal, lead, client):
    i = services.initiative_save(
        actor=lead, managed_object=proposal, title="Pilot", budget=Decimal("1201234.565")
    )
    assert i.budget == Decimal("1201234.57")
    with pytest.raises(DomainError):
        services.initiative_save(actor=lead, managed_object=proposal, title="Fel", budget=1.5)
    # The object's page shows it as money is written, under a heading that names the unit.
    page = client.get(reverse("portfolio:object", args=[proposal.pk])).content.decode()
    assert '<td class="num">1\xa0201\xa0234,57</td>' in page


def test_roadmap_by_horizon(proposal, lead):
    services.object_propose(actor=lead, name="Kort", short_name="K", area="school", horizon="short")
    columns = roadmap()
    assert [o.short_name for o in columns["medium"]] == ["DH"] and [
        o.short_name for o in columns["short"]
    ] == ["K"]
    assert roadmap(area="school")["medium"] == []


def test_steering_group_calendar_has_notice_days(client, sitiv, signed_agreement):
    today = dt.date.today()
    signed_agreement(
        kind="joint_function",
        title="Avtalet",
        start_date=dt.date(2011, 1, 1),
        first_end=dt.date(2014, 12, 31),
        renewal_years=3,
        notice_months=6,
    )
    cal = Calendar.from_ical(client.get(f"/organ/{sitiv.pk}/kalender.ics").content)
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any(s.startswith("Sista dag att säga upp Avtalet") for s in summaries), (
        today,
        summaries,
    )


def test_agreement_terms_change_only_by_a_new_agreement_r27(lead, signed_agreement):
    a = signed_agreement(
        kind="joint_function",
        title="Avtal 2011",
        start_date=dt.date(2011, 1, 1),
        first_end=dt.date(2014, 12, 31),
        renewal_years=3,
        notice_months=6,
    )
    with pytest.raises(DomainError, match="nytt avtal") as err:
        services.agreement_update(actor=lead, agreement=a, version=a.version, renewal_years=1)
    assert err.value.field == "renewal_years"
    a = services.agreement_update(
        actor=lead, agreement=a, version=a.version, terminated_on=dt.date(2017, 12, 31)
    )
    assert notice_due(12, dt.date(2017, 3, 1)) == []
