"""Rights per party (issue 12): a user who acts for one party changes only that party's data
and their own; the administrator and the joint function's staff act for every party.

The permission matrix: every write operation of the API is listed here, either as one whose
record belongs to a party or a person (tried for every role on a record of the user's own
party and on one of another party) or as one on the joint function's records (no party owns
them: the right alone decides, as each app's own tests show). A new write operation fails
`test_every_write_operation_is_in_the_matrix` until it is placed here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from gits.accounts.services import token_create
from gits.api.router import api
from gits.core.errors import RightMissing
from gits.core.models import AuditEntry
from gits.core.permissions import ROLES, acts_for, party_of, require_party
from gits.finance.models import Budget, PartySettings, UserCount
from gits.finance.services import budget_create, line_create
from gits.organisations.models import Organisation
from gits.portfolio.models import (
    Agreement,
    AgreementContact,
    ManagedObject,
    SupportContact,
    SupportRequest,
)
from tests.factories import MunicipalityFactory, PersonFactory, RegionFactory

# The rule, stated here on its own: these roles act for every party, every other for its own.
EVERY_PARTY = {"admin", "function_lead", "function_coordinator"}
WRITE_METHODS = {"post", "put", "patch", "delete"}
TODAY = dt.date.today()


@dataclass
class World:
    own: Organisation  # the party every role's user acts for (Borås)
    other: Organisation  # another party (Göteborg)
    region: Organisation
    users: dict[str, Any]
    obj: ManagedObject


@pytest.fixture
def world(db, make_user) -> World:
    region = RegionFactory(name="Västra Götalandsregionen", short_name="VGR")
    own = MunicipalityFactory(name="Borås", scb_code="1490")
    other = MunicipalityFactory(name="Göteborg", scb_code="1480")
    users = {}
    for code in ROLES:
        user = make_user(code, username=f"rolle-{code}")
        PersonFactory(organisation=own, user=user)
        users[code] = user
    obj = ManagedObject.objects.create(name="SAMSA", short_name="SAMSA")
    return World(own=own, other=other, region=region, users=users, obj=obj)


def expected(role: str, right: str, own: bool) -> bool:
    """May a user of the role change a record of its own party (own) or another's?"""
    return right in ROLES[role][1] and (role in EVERY_PARTY or own)


# --- the operations whose records belong to a party or a person ------------------------------
#
# Each builds, for a party, a record of that party (where the operation changes one) and
# returns the request: (method, path, json body or None, multipart files or None).

Request = tuple[str, str, Any, Any]


def _contact(w: World, party: Organisation) -> Request:
    SupportContact.objects.update_or_create(
        managed_object=w.obj, party=party, kind="technical", defaults={"name": "Tidigare kontakt"}
    )
    body = {"party_id": party.pk, "kind": "technical", "name": "Ny kontakt"}
    return "post", f"/api/v1/objects/{w.obj.pk}/contacts", body, None


def _support_create(w: World, party: Organisation) -> Request:
    body = {"title": "Inloggning", "description": "Fungerar inte.", "party_id": party.pk}
    return "post", f"/api/v1/objects/{w.obj.pk}/support-requests", body, None


def _support_move(w: World, party: Organisation) -> Request:
    r = SupportRequest.objects.create(managed_object=w.obj, party=party, title="T", description="D")
    return "post", f"/api/v1/support-requests/{r.pk}/move", {"state": "closed"}, None


def _role(w: World, party: Organisation) -> Request:
    body = {"role": "information_owner", "start_date": str(TODAY), "organisation_id": party.pk}
    return "post", f"/api/v1/objects/{w.obj.pk}/roles", body, None


def _agreement(w: World) -> Agreement:
    a = Agreement.objects.create(
        kind=Agreement.Kind.JOINT_FUNCTION,
        title=f"Avtal {Agreement.objects.count() + 1}",
        start_date=dt.date(2026, 1, 1),
        first_end=dt.date(2026, 12, 31),
    )
    a.parties.set([w.own, w.other, w.region])
    return a


def _sign(w: World, party: Organisation) -> Request:
    a = _agreement(w)
    body = {"party_id": party.pk, "signer_name": "Anna Andersson", "signed_on": str(TODAY)}
    return "post", f"/api/v1/agreements/{a.pk}/signatures", body, None


def _agreement_contact_add(w: World, party: Organisation) -> Request:
    a = _agreement(w)
    person = PersonFactory(organisation=party)
    body = {"person_id": person.pk, "party_id": party.pk}
    return "post", f"/api/v1/agreements/{a.pk}/contacts", body, None


def _agreement_contact_remove(w: World, party: Organisation) -> Request:
    a = _agreement(w)
    c = AgreementContact.objects.create(
        agreement=a, party=party, person=PersonFactory(organisation=party)
    )
    return "delete", f"/api/v1/agreements/{a.pk}/contacts/{c.pk}", None, None


def _party_settings(w: World, party: Organisation) -> Request:
    return "put", f"/api/v1/finance/parties/{party.pk}/settings", {"payment_days": 20}, None


def _user_counts(w: World, party: Organisation) -> Request:
    budget = Budget.objects.first() or budget_create(actor=None, year=TODAY.year, check_right=False)
    line = line_create(
        actor=None,
        budget=budget,
        name=f"Rad {party.pk}-{UserCount.objects.count()}",
        amount=Decimal(100),
        check_right=False,
    )
    UserCount.objects.create(line=line, organisation=party, users=3)
    body = [{"organisation_id": party.pk, "users": 5}]
    return "put", f"/api/v1/finance/lines/{line.pk}/users", body, None


def _population(w: World, party: Organisation) -> Request:
    body = {
        "scb_code": party.scb_code,
        "reference_date": "2025-12-31",
        "population": 100000,
        "source": "SCB",
    }
    return "post", "/api/v1/population", body, None


def _population_import(w: World, party: Organisation) -> Request:
    table = f"scb_code,population,reference_date\n{party.scb_code},100000,2025-12-31\n"
    return "post", "/api/v1/population/import", None, {"file": ("folkmangd.csv", table.encode())}


def _organisation_update(w: World, party: Organisation) -> Request:
    party.refresh_from_db()
    body = {"version": party.version, "website": "https://www.example.se"}
    return "patch", f"/api/v1/organisations/{party.pk}", body, None


def _person_create(w: World, party: Organisation) -> Request:
    body = {"first_name": "Eva", "last_name": "Ek", "organisation_id": party.pk}
    return "post", "/api/v1/people", body, None


def _person_update(w: World, party: Organisation) -> Request:
    person = PersonFactory(organisation=party)
    return (
        "patch",
        f"/api/v1/people/{person.pk}",
        {"version": person.version, "title": "Chef"},
        None,
    )


def _person_account(w: World, party: Organisation) -> Request:
    person = PersonFactory(organisation=party)
    body = {"user_id": None, "version": person.version}
    return "put", f"/api/v1/people/{person.pk}/account", body, None


@dataclass(frozen=True)
class PartyOp:
    right: str
    build: Callable[[World, Organisation], Request]


PARTY_OPERATIONS: dict[tuple[str, str], PartyOp] = {
    ("post", "/api/v1/objects/{object_id}/contacts"): PartyOp("portfolio.contact:change", _contact),
    ("post", "/api/v1/objects/{object_id}/support-requests"): PartyOp(
        "portfolio.support:change", _support_create
    ),
    ("post", "/api/v1/support-requests/{request_id}/move"): PartyOp(
        "portfolio.support:change", _support_move
    ),
    ("post", "/api/v1/objects/{object_id}/roles"): PartyOp("portfolio.object:change", _role),
    ("post", "/api/v1/agreements/{agreement_id}/signatures"): PartyOp(
        "portfolio.agreement:change", _sign
    ),
    ("post", "/api/v1/agreements/{agreement_id}/contacts"): PartyOp(
        "portfolio.agreement:change", _agreement_contact_add
    ),
    ("delete", "/api/v1/agreements/{agreement_id}/contacts/{contact_id}"): PartyOp(
        "portfolio.agreement:change", _agreement_contact_remove
    ),
    ("put", "/api/v1/finance/parties/{organisation_id}/settings"): PartyOp(
        "finance.settings:change", _party_settings
    ),
    ("put", "/api/v1/finance/lines/{line_id}/users"): PartyOp(
        "finance.budget:change", _user_counts
    ),
    ("post", "/api/v1/population"): PartyOp("organisations.population:change", _population),
    ("post", "/api/v1/population/import"): PartyOp(
        "organisations.population:change", _population_import
    ),
    ("patch", "/api/v1/organisations/{org_id}"): PartyOp(
        "organisations.organisation:change", _organisation_update
    ),
    ("post", "/api/v1/people"): PartyOp("bodies.person:change", _person_create),
    ("patch", "/api/v1/people/{person_id}"): PartyOp("bodies.person:change", _person_update),
    ("put", "/api/v1/people/{person_id}/account"): PartyOp(
        "bodies.person:link_account", _person_account
    ),
}

# --- the operations on records no party or person owns -------------------------------------
#
# The joint function's and the bodies' own records: the right alone decides (each app's
# tests cover the right), whichever party the user acts for.

_BODIES = "the bodies' own records (SITIV and its groups act jointly)"
_MEETINGS = "a body's cases, meetings, decisions and minutes (who signs: R-14)"
_PLANS = "the joint function's plans and reports (per object, not per party)"
_PORTFOLIO = "the joint portfolio and its agreements' terms"
_FINANCE = "the joint budget, its runs and invoices (a party's own data: settings, users)"
_REVIEWS = "the parties' joint review"
JOINT_OPERATIONS: dict[tuple[str, str], str] = {
    ("post", "/api/v1/organisations"): "a new party of the register: no one's until it exists",
    ("post", "/api/v1/bodies"): _BODIES,
    ("patch", "/api/v1/bodies/{body_id}"): _BODIES,
    ("post", "/api/v1/memberships"): _BODIES,
    ("post", "/api/v1/memberships/{membership_id}/end"): _BODIES,
    ("post", "/api/v1/cases"): _MEETINGS,
    ("patch", "/api/v1/cases/{case_id}"): _MEETINGS,
    ("post", "/api/v1/cases/{case_id}/move"): _MEETINGS,
    ("post", "/api/v1/cases/{case_id}/attachments"): _MEETINGS,
    ("post", "/api/v1/meetings"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/agenda"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/attendance"): _MEETINGS,
    ("post", "/api/v1/agenda-items/{item_id}/decision"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/minutes"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/minutes/correct"): _MEETINGS,
    ("post", "/api/v1/minutes/{minutes_id}/sign"): _MEETINGS,
    ("post", "/api/v1/minutes/{minutes_id}/withdraw"): _MEETINGS,
    ("post", "/api/v1/decisions/{decision_id}/assignments"): _MEETINGS,
    ("post", "/api/v1/assignments/{assignment_id}/report"): _MEETINGS,
    ("patch", "/api/v1/decisions/{decision_id}"): _MEETINGS,
    ("put", "/api/v1/bodies/{body_id}/agenda-template"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/agenda/standard"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/agenda/free"): _MEETINGS,
    ("put", "/api/v1/meetings/{meeting_id}/agenda/order"): _MEETINGS,
    ("post", "/api/v1/agenda-items/{item_id}/move"): _MEETINGS,
    ("post", "/api/v1/meetings/{meeting_id}/attendance/all-present"): _MEETINGS,
    ("post", "/api/v1/plans"): _PLANS,
    ("patch", "/api/v1/plans/{plan_id}"): _PLANS,
    ("put", "/api/v1/plans/{plan_id}/resources"): _PLANS,
    ("post", "/api/v1/plans/{plan_id}/submit"): _PLANS,
    ("post", "/api/v1/plans/{plan_id}/approve"): _PLANS,
    ("post", "/api/v1/plans/{plan_id}/copy"): _PLANS,
    ("put", "/api/v1/meetings/{meeting_id}/status-reports/{object_id}"): _PLANS,
    ("post", "/api/v1/status-reports/word"): _PLANS,
    ("post", "/api/v1/meetings/{meeting_id}/pack"): _PLANS,
    ("post", "/api/v1/deviations"): _PLANS,
    ("post", "/api/v1/quarterly-reports"): _PLANS,
    ("patch", "/api/v1/quarterly-reports/{report_id}"): _PLANS,
    ("post", "/api/v1/quarterly-reports/{report_id}/publish"): _PLANS,
    ("post", "/api/v1/activity-plans"): _PLANS,
    ("post", "/api/v1/activity-plans/{year}/goals"): _PLANS,
    ("post", "/api/v1/goals/{goal_id}/follow-up"): _PLANS,
    ("post", "/api/v1/objects"): _PORTFOLIO,
    ("patch", "/api/v1/objects/{object_id}"): _PORTFOLIO,
    ("post", "/api/v1/objects/{object_id}/move"): _PORTFOLIO,
    ("post", "/api/v1/objects/{object_id}/evaluations"): _PORTFOLIO,
    ("post", "/api/v1/objects/{object_id}/initiatives"): _PORTFOLIO,
    ("post", "/api/v1/agreements"): _PORTFOLIO,
    ("patch", "/api/v1/agreements/{agreement_id}"): _PORTFOLIO,
    ("delete", "/api/v1/agreements/{agreement_id}"): _PORTFOLIO,
    ("post", "/api/v1/agreements/{agreement_id}/replace"): _PORTFOLIO,
    ("post", "/api/v1/finance/financiers"): _FINANCE,
    ("post", "/api/v1/finance/budgets"): _FINANCE,
    ("patch", "/api/v1/finance/budgets/{year}"): _FINANCE,
    ("post", "/api/v1/finance/budgets/{year}/lines"): _FINANCE,
    ("patch", "/api/v1/finance/lines/{line_id}"): _FINANCE,
    ("delete", "/api/v1/finance/lines/{line_id}"): _FINANCE,
    ("post", "/api/v1/finance/lines/{line_id}/payback"): _FINANCE,
    ("post", "/api/v1/finance/invoice-runs"): _FINANCE,
    ("post", "/api/v1/finance/settlements"): _FINANCE,
    ("post", "/api/v1/finance/invoices/{invoice_id}/credit"): _FINANCE,
    ("post", "/api/v1/finance/scenarios"): _FINANCE,
    ("post", "/api/v1/finance/scenarios/{scenario_id}/alternatives"): _FINANCE,
    ("post", "/api/v1/finance/party-runs/levy"): _FINANCE,
    ("post", "/api/v1/finance/party-runs/share"): _FINANCE,
    ("post", "/api/v1/finance/party-runs/{run_id}/resume"): _FINANCE,
    ("put", "/api/v1/finance/lines/{line_id}/categories"): _FINANCE,
    ("post", "/api/v1/reviews"): _REVIEWS,
    ("patch", "/api/v1/reviews/{review_id}"): _REVIEWS,
    ("post", "/api/v1/reviews/{review_id}/close"): _REVIEWS,
    ("post", "/api/v1/reviews/{review_id}/parts/{part}"): _REVIEWS,
    ("patch", "/api/v1/reviews/parts/{part}/{item_id}"): _REVIEWS,
    ("delete", "/api/v1/reviews/parts/{part}/{item_id}"): _REVIEWS,
}

# A user's own API keys: tried below (`test_api_keys_are_their_users_own`).
SELF_OPERATIONS = {("post", "/api/v1/tokens/{token_id}/revoke")}


def _schema_write_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(m, p) for p, item in paths.items() for m in item if m in WRITE_METHODS}


def test_every_write_operation_is_in_the_matrix():
    covered = set(PARTY_OPERATIONS) | set(JOINT_OPERATIONS) | SELF_OPERATIONS
    schema = _schema_write_operations()
    assert sorted(schema - covered) == [], "write operations missing from the matrix"
    assert sorted(covered - schema) == [], "operations in the matrix that the API lacks"
    assert not set(PARTY_OPERATIONS) & set(JOINT_OPERATIONS)


def _call(client, headers, request: Request):
    method, path, body, files = request
    if files:
        return client.post(path, data=files_payload(files), headers=headers)
    send = getattr(client, method)
    if body is None:
        return send(path, headers=headers)
    return send(path, data=body, content_type="application/json", headers=headers)


def files_payload(files: dict[str, tuple[str, bytes]]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        k: SimpleUploadedFile(name, data, content_type="text/csv")
        for k, (name, data) in files.items()
    }


@pytest.mark.parametrize("operation", sorted(PARTY_OPERATIONS), ids=lambda o: f"{o[0]} {o[1]}")
def test_party_matrix_through_the_api(operation, world, client, auth_header):
    """Every role, on a record of its own party and of another party: allowed exactly when
    the role holds the right and acts for every party or the record is its own party's."""
    op = PARTY_OPERATIONS[operation]
    wrong = []
    for role, user in world.users.items():
        for own, party in ((True, world.own), (False, world.other)):
            headers, request = auth_header(user), op.build(world, party)
            audits = AuditEntry.objects.count()
            response = _call(client, headers, request)
            allowed = expected(role, op.right, own)
            ok = (
                200 <= response.status_code < 300
                if allowed
                else response.status_code == 403 and AuditEntry.objects.count() == audits
            )
            if not ok:
                whose = "egen part" if own else "annan part"
                wrong.append(
                    f"{role} ({whose}): väntat {'tillåtet' if allowed else '403'}, "
                    f"fick {response.status_code} {response.content[:200]!r}"
                )
    assert wrong == []


@pytest.mark.parametrize("operation", sorted(PARTY_OPERATIONS), ids=lambda o: f"{o[0]} {o[1]}")
def test_a_party_bound_role_given_the_right_still_changes_only_its_own_party(
    operation, world, client, auth_header, monkeypatch
):
    """Were a party-bound role granted any of these rights, it would still change only its
    own party's records: the party rule does not lean on which rights the role lacks today."""
    op = PARTY_OPERATIONS[operation]
    label, held = ROLES["municipal_contact"]
    monkeypatch.setitem(ROLES, "municipal_contact", (label, held | {op.right}))
    user = world.users["municipal_contact"]
    own = _call(client, auth_header(user), op.build(world, world.own))
    assert 200 <= own.status_code < 300, own.content
    other = _call(client, auth_header(user), op.build(world, world.other))
    assert other.status_code == 403, other.content
    assert "Göteborg" in other.json()["detail"]


def test_refusal_names_the_party(world, client, auth_header):
    """The Borås contact may not replace Göteborg's technical contact; the answer says why."""
    user = world.users["municipal_contact"]
    response = _call(client, auth_header(user), _contact(world, world.other))
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "Borås" in detail and "Göteborg" in detail
    contact = SupportContact.objects.get(party=world.other)
    assert contact.name == "Tidigare kontakt"


def test_a_record_cannot_be_moved_to_another_party(world):
    """A party-bound user cannot hand its own record over to another party either."""
    from gits.portfolio.services import contact_set

    user = world.users["municipal_contact"]
    with pytest.raises(RightMissing):
        contact_set(
            actor=user, managed_object=world.obj, party=world.other, kind="business", name="X"
        )
    assert not SupportContact.objects.filter(party=world.other).exists()


def test_a_support_request_without_party_is_the_reporters_party(world):
    from gits.portfolio.services import support_request_create

    user = world.users["municipal_contact"]
    r = support_request_create(actor=user, managed_object=world.obj, title="T", description="D")
    assert r.party == world.own
    lead = world.users["function_lead"]
    r = support_request_create(actor=lead, managed_object=world.obj, title="T", description="D")
    assert r.party is None


def test_api_keys_are_their_users_own(world, client, auth_header):
    """A user revokes only their own API key; the administrator anybody's."""
    lead, admin = world.users["function_lead"], world.users["admin"]
    other_key, _ = token_create(user=admin)
    own_key, _ = token_create(user=lead)
    refused = client.post(f"/api/v1/tokens/{other_key.pk}/revoke", headers=auth_header(lead))
    assert refused.status_code in (403, 404)
    assert (
        client.post(f"/api/v1/tokens/{own_key.pk}/revoke", headers=auth_header(lead)).status_code
        == 200
    )
    other_key2, _ = token_create(user=lead)
    assert (
        client.post(
            f"/api/v1/tokens/{other_key2.pk}/revoke", headers=auth_header(admin)
        ).status_code
        == 200
    )


# --- the rule itself -------------------------------------------------------------------------


def test_acts_for(world):
    contact = world.users["municipal_contact"]
    lead = world.users["function_lead"]
    assert party_of(contact) == world.own
    own_person = PersonFactory(organisation=world.own)
    other_person = PersonFactory(organisation=world.other)
    assert acts_for(contact, world.own) and acts_for(contact, own_person)
    assert acts_for(contact, contact.person)  # oneself
    assert not acts_for(contact, world.other) and not acts_for(contact, other_person)
    assert not acts_for(contact, [world.own, world.other])
    assert acts_for(contact, None)
    assert acts_for(lead, world.other) and acts_for(lead, other_person)
    with pytest.raises(RightMissing, match="Göteborg"):
        require_party(contact, world.other)


def test_a_user_without_party_acts_for_none(world, make_user):
    loose = make_user("municipal_contact", username="utan-part")
    assert party_of(loose) is None
    assert not acts_for(loose, world.own)
    with pytest.raises(RightMissing, match="ingen part"):
        require_party(loose, world.own)


def test_every_role_is_placed(world):
    """Each role either acts for every party (GITS and the administrator) or for its own."""
    for role, user in world.users.items():
        assert acts_for(user, world.other) == (role in EVERY_PARTY), role


# --- the web forms ---------------------------------------------------------------------------


def _post_contact(client, w: World, party: Organisation) -> bool:
    SupportContact.objects.update_or_create(
        managed_object=w.obj, party=party, kind="technical", defaults={"name": "Tidigare"}
    )
    client.post(
        reverse("portfolio:action", args=[w.obj.pk, "contact"]),
        {"party": party.pk, "kind": "technical", "name": "Ny via formulär"},
    )
    return SupportContact.objects.get(party=party, kind="technical").name == "Ny via formulär"


def _post_support(client, w: World, party: Organisation) -> bool:
    before = SupportRequest.objects.filter(party=party).count()
    client.post(
        reverse("portfolio:action", args=[w.obj.pk, "support"]),
        {"title": "Via formulär", "description": "D", "party": party.pk},
    )
    return SupportRequest.objects.filter(party=party).count() == before + 1


def _post_support_state(client, w: World, party: Organisation) -> bool:
    r = SupportRequest.objects.create(managed_object=w.obj, party=party, title="T", description="D")
    client.post(
        reverse("portfolio:action", args=[w.obj.pk, "support_state"]),
        {"request": r.pk, "state": "closed"},
    )
    r.refresh_from_db()
    return r.state == "closed"


def _post_person(client, w: World, party: Organisation) -> bool:
    p = PersonFactory(organisation=party)
    client.post(
        reverse("bodies:person_edit", args=[p.pk]),
        {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "title": "Ändrad via formulär",
            "organisation": party.pk,
            "version": p.version,
        },
    )
    p.refresh_from_db()
    return p.title == "Ändrad via formulär"


def _post_party_settings(client, w: World, party: Organisation) -> bool:
    stored = PartySettings.objects.filter(organisation=party).first()
    days = (stored.payment_days if stored else 30) + 1
    client.post(
        reverse("finance:party_settings_edit", args=[party.pk]),
        {
            "payment_days": str(days),
            "receivable_account": "1510",
            "income_account": "3990",
            "vat_account": "2611",
            "voucher_series": "GF",
            **({"version": stored.version} if stored else {}),
        },
    )
    return PartySettings.objects.filter(organisation=party, payment_days=days).exists()


WEB_FORMS = {
    "contact": ("portfolio.contact:change", _post_contact),
    "support": ("portfolio.support:change", _post_support),
    "support_state": ("portfolio.support:change", _post_support_state),
    "person": ("bodies.person:change", _post_person),
    "party_settings": ("finance.settings:change", _post_party_settings),
}


@pytest.mark.parametrize("form", sorted(WEB_FORMS))
def test_party_matrix_through_the_web_forms(form, world, client):
    right, post = WEB_FORMS[form]
    wrong = []
    for role, user in world.users.items():
        client.force_login(user)
        for own, party in ((True, world.own), (False, world.other)):
            done = post(client, world, party)
            if done != expected(role, right, own):
                wrong.append(f"{role} ({'egen' if own else 'annan'} part): ändrat={done}")
    assert wrong == []


def test_the_page_offers_only_the_own_partys_records(world, client):
    """The object's page offers a Borås contact only Borås in its forms, already chosen, and
    the state button only on Borås' support requests."""
    mine = SupportRequest.objects.create(
        managed_object=world.obj, party=world.own, title="Vår", description="D"
    )
    theirs = SupportRequest.objects.create(
        managed_object=world.obj, party=world.other, title="Deras", description="D"
    )
    client.force_login(world.users["municipal_contact"])
    page = client.get(reverse("portfolio:object", args=[world.obj.pk])).content.decode()
    assert f'name="request" value="{mine.pk}"' in page
    assert f'name="request" value="{theirs.pk}"' not in page
    assert f'<option value="{world.other.pk}"' not in page
    # Its one choice is already chosen, in both the contact and the support form.
    assert page.count(f'<option value="{world.own.pk}" selected>') == 2
    client.force_login(world.users["function_coordinator"])
    page = client.get(reverse("portfolio:object", args=[world.obj.pk])).content.decode()
    assert f'name="request" value="{theirs.pk}"' in page
