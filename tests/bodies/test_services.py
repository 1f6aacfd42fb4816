import datetime as dt

import pytest

from gits.bodies.models import Body, Membership
from gits.bodies.selectors import body_composition
from gits.bodies.services import body_update, membership_add, membership_end, person_create
from gits.core.audit import history_for
from gits.core.errors import DomainError, RightMissing, StaleRecord
from gits.core.models import AuditEntry
from gits.organisations.models import Organisation, Side
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
JAN = dt.date(2026, 1, 1)


@pytest.fixture
def sitiv(defaults):
    return Body.objects.get(short_name="SITIV")


def fill(body, side, n, start=dt.date(2025, 1, 1)):
    return [MembershipFactory(body=body, side=side, start_date=start) for _ in range(n)]


def test_sixth_member_of_a_side_is_refused_and_leaves_no_trace_r4(sitiv, lead_user):
    fill(sitiv, Side.MUNICIPALITIES, 5)
    person = PersonFactory()
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as err:
        membership_add(
            actor=lead_user, body=sitiv, person=person, side=Side.MUNICIPALITIES, start_date=JAN
        )
    assert err.value.field == "side"
    assert "5 platser för kommunerna" in str(err.value)
    assert "regel 5 + 5" in str(err.value)
    assert not Membership.objects.filter(person=person).exists()
    assert AuditEntry.objects.count() == entries


def test_seat_frees_when_a_term_ends_r4_r8(sitiv, lead_user):
    members = fill(sitiv, Side.REGION, 5)
    m = membership_end(
        actor=lead_user, membership=members[0], end_date=dt.date(2025, 12, 31), version=1
    )
    assert m.end_date == dt.date(2025, 12, 31)
    new = membership_add(
        actor=lead_user, body=sitiv, person=PersonFactory(), side=Side.REGION, start_date=JAN
    )
    assert new.pk
    # But not from a day when the old member still sat.
    with pytest.raises(DomainError, match="2025-12-01"):
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=PersonFactory(),
            side=Side.REGION,
            start_date=dt.date(2025, 12, 1),
            end_date=dt.date(2025, 12, 31),
        )


def test_future_overfill_is_caught(sitiv, lead_user):
    fill(sitiv, Side.REGION, 4)
    fill(sitiv, Side.REGION, 1, start=dt.date(2026, 6, 1))
    with pytest.raises(DomainError, match="2026-06-01"):
        membership_add(
            actor=lead_user, body=sitiv, person=PersonFactory(), side=Side.REGION, start_date=JAN
        )


def test_substitutes_and_coopted_take_no_seat(sitiv, lead_user):
    fill(sitiv, Side.REGION, 5)
    for role in (Membership.Role.SUBSTITUTE, Membership.Role.COOPTED):
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=PersonFactory(),
            side=Side.REGION,
            role=role,
            start_date=JAN,
        )
    composition = body_composition(sitiv, JAN)
    region = composition.sides[0]
    assert (len(region.seated), len(region.others)) == (5, 2)


def test_chair_must_be_on_the_side_of_the_year_r5(sitiv, lead_user):
    # Base year 2011 region: 2026 is the municipalities' year.
    end = dt.date(2026, 12, 31)
    with pytest.raises(DomainError) as err:
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=PersonFactory(),
            side=Side.REGION,
            role=Membership.Role.CHAIR,
            start_date=JAN,
            end_date=end,
        )
    assert "2026 har kommunerna ordförandeskapet" in str(err.value)
    chair = membership_add(
        actor=lead_user,
        body=sitiv,
        person=PersonFactory(),
        side=Side.MUNICIPALITIES,
        role=Membership.Role.CHAIR,
        start_date=JAN,
        end_date=end,
    )
    assert chair.pk


def test_vice_chair_from_the_other_side_and_secretary_follows_chair_r5(sitiv, lead_user):
    end = dt.date(2026, 12, 31)
    with pytest.raises(DomainError, match="vice ordförande utses av den andra sidan"):
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=PersonFactory(),
            side=Side.MUNICIPALITIES,
            role=Membership.Role.VICE_CHAIR,
            start_date=JAN,
            end_date=end,
        )
    with pytest.raises(DomainError, match="sekreteraren följer ordförandeskapet"):
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=PersonFactory(),
            side=Side.REGION,
            role=Membership.Role.SECRETARY,
            start_date=JAN,
            end_date=end,
        )
    membership_add(
        actor=lead_user,
        body=sitiv,
        person=PersonFactory(),
        side=Side.REGION,
        role=Membership.Role.VICE_CHAIR,
        start_date=JAN,
        end_date=end,
    )
    membership_add(
        actor=lead_user,
        body=sitiv,
        person=PersonFactory(),
        side=Side.MUNICIPALITIES,
        role=Membership.Role.SECRETARY,
        start_date=JAN,
        end_date=end,
    )


def test_chair_term_cannot_cross_the_year_r5(sitiv, lead_user):
    with pytest.raises(DomainError) as err:
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=PersonFactory(),
            side=Side.MUNICIPALITIES,
            role=Membership.Role.CHAIR,
            start_date=JAN,
        )
    assert err.value.field == "end_date"


def test_only_one_chair_at_a_time(lead_user):
    body = BodyFactory(chair_rotates=False)
    membership_add(
        actor=lead_user,
        body=body,
        person=PersonFactory(),
        side=Side.REGION,
        role=Membership.Role.CHAIR,
        start_date=JAN,
    )
    with pytest.raises(DomainError, match="redan en ordförande"):
        membership_add(
            actor=lead_user,
            body=body,
            person=PersonFactory(),
            side=Side.MUNICIPALITIES,
            role=Membership.Role.CHAIR,
            start_date=JAN,
        )


def test_working_committee_members_come_from_sitiv_r6(sitiv, lead_user):
    au = Body.objects.get(short_name="SITIV AU")
    outsider = PersonFactory()
    with pytest.raises(DomainError, match="utses ur SITIV"):
        membership_add(actor=lead_user, body=au, person=outsider, side=Side.REGION, start_date=JAN)
    [member] = fill(sitiv, Side.REGION, 1)
    with pytest.raises(DomainError, match="samma sida"):
        membership_add(
            actor=lead_user, body=au, person=member.person, side=Side.MUNICIPALITIES, start_date=JAN
        )
    assert membership_add(
        actor=lead_user, body=au, person=member.person, side=Side.REGION, start_date=JAN
    ).pk


def test_person_sits_for_the_side_of_their_organisation(sitiv, lead_user):
    person = PersonFactory(organisation=Organisation.objects.get(kind="region"))
    with pytest.raises(DomainError, match="kan därför bara sitta för regionen"):
        membership_add(
            actor=lead_user, body=sitiv, person=person, side=Side.MUNICIPALITIES, start_date=JAN
        )


def test_overlapping_assignment_of_same_person_is_refused_r8(sitiv, lead_user):
    [m] = fill(sitiv, Side.REGION, 1)
    with pytest.raises(DomainError, match="har redan ett uppdrag"):
        membership_add(
            actor=lead_user,
            body=sitiv,
            person=m.person,
            side=Side.REGION,
            role=Membership.Role.SUBSTITUTE,
            start_date=JAN,
        )


def test_composition_on_any_past_date_r8(sitiv, lead_user):
    [old] = fill(sitiv, Side.REGION, 1, start=dt.date(2020, 1, 1))
    membership_end(actor=lead_user, membership=old, end_date=dt.date(2022, 12, 31), version=1)
    assert body_composition(sitiv, dt.date(2021, 6, 1)).seated_count == 1
    assert body_composition(sitiv, dt.date(2023, 6, 1)).seated_count == 0


def test_membership_needs_right(sitiv, contact_user):
    with pytest.raises(RightMissing):
        membership_add(
            actor=contact_user, body=sitiv, person=PersonFactory(), side=Side.REGION, start_date=JAN
        )


def test_successful_changes_show_in_body_history(sitiv, lead_user):
    m = membership_add(
        actor=lead_user, body=sitiv, person=PersonFactory(), side=Side.REGION, start_date=JAN
    )
    membership_end(actor=lead_user, membership=m, end_date=dt.date(2026, 3, 31), version=1)
    actions = [e.action for e in history_for(sitiv)]
    assert actions[:2] == ["bodies.membership.ended", "bodies.membership.added"]


def test_end_with_stale_version_is_refused(sitiv, lead_user):
    [m] = fill(sitiv, Side.REGION, 1)
    membership_end(actor=lead_user, membership=m, end_date=dt.date(2026, 3, 31), version=1)
    with pytest.raises(StaleRecord):
        membership_end(actor=lead_user, membership=m, end_date=dt.date(2026, 4, 30), version=1)


def test_fewer_seats_than_seated_is_refused(sitiv, lead_user):
    fill(sitiv, Side.REGION, 5, start=dt.date(2020, 1, 1))
    with pytest.raises(DomainError) as err:
        body_update(actor=lead_user, body=sitiv, version=sitiv.version, seats_region=4)
    assert err.value.field == "seats_region"


def test_person_requires_names(lead_user):
    with pytest.raises(DomainError) as err:
        person_create(actor=lead_user, first_name="Anna", last_name="")
    assert err.value.field == "last_name"
