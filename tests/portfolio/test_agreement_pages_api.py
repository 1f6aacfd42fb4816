"""R-27 through the API and the pages: the same services refuse the same things, errors as
{detail, field, code}; names of people for signed-in users only."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.bodies.models import Person
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import Agreement

pytestmark = pytest.mark.django_db
API = "/api/v1"
JSON = "application/json"


@pytest.fixture
def parties(people):
    return list(
        Organisation.objects.filter(kind__in=["region", "association"]).order_by("kind", "pk")
    )


@pytest.fixture
def signers(parties):
    return [Person.objects.filter(organisation=p).order_by("pk").first() for p in parties]


def _post(client, url, data, headers):
    return client.post(url, data, content_type=JSON, headers=headers)


def _patch(client, url, data, headers):
    return client.patch(url, data, content_type=JSON, headers=headers)


def test_api_draft_sign_freeze_replace_and_contacts(client, lead, auth_header, parties, signers):
    headers = auth_header(lead)
    created = _post(
        client,
        f"{API}/agreements",
        {
            "kind": "joint_function",
            "title": "Avtal 2010",
            "party_ids": [p.pk for p in parties],
            "start_date": "2010-01-01",
            "first_end": "2010-12-31",
        },
        headers,
    )
    assert created.status_code == 201 and created.json()["state"] == "draft"
    aid = created.json()["id"]
    edited = _patch(client, f"{API}/agreements/{aid}", {"version": 1, "renewal_years": 2}, headers)
    assert edited.status_code == 200 and edited.json()["renewal_years"] == 2
    wrong = _post(
        client,
        f"{API}/agreements/{aid}/signatures",
        {"party_id": Organisation.objects.get(scb_code="1480").pk, "person_id": signers[0].pk},
        headers,
    )
    assert wrong.status_code == 400 and wrong.json()["field"] == "party"
    assert wrong.json()["code"] == "invalid" and "inte part" in wrong.json()["detail"]
    anonymous = client.post(
        f"{API}/agreements/{aid}/signatures",
        {"party_id": parties[0].pk, "person_id": signers[0].pk},
        content_type=JSON,
    )
    assert anonymous.status_code == 401
    for party, person in zip(parties, signers, strict=True):
        signed = _post(
            client,
            f"{API}/agreements/{aid}/signatures",
            {"party_id": party.pk, "person_id": person.pk, "signed_on": "2009-12-15"},
            headers,
        )
        assert signed.status_code == 200, signed.json()
    body = signed.json()
    assert body["state"] == "signed" and body["signed_on"] == "2009-12-15"
    assert [s["signed_by"] for s in body["signatures"]] == [str(p) for p in signers]
    assert body["unsigned"] == []
    # Anonymous readers see the parties and dates, not who signed.
    public = client.get(f"{API}/agreements/{aid}").json()
    assert [s["signed_by"] for s in public["signatures"]] == [None, None]
    assert [s["party"] for s in public["signatures"]] == [str(p) for p in parties]

    version = body["version"]
    for patch, field in (({"renewal_years": 1}, "renewal_years"), ({"party_ids": []}, "parties")):
        refused = _patch(client, f"{API}/agreements/{aid}", {"version": version, **patch}, headers)
        assert refused.status_code == 400 and refused.json()["field"] == field
        assert "R-27" in refused.json()["detail"] and refused.json()["code"] == "invalid"
    assert Agreement.objects.get(pk=aid).renewal_years == 2
    noted = _patch(
        client, f"{API}/agreements/{aid}", {"version": version, "notes": "Bilaga 2"}, headers
    )
    assert noted.status_code == 200 and noted.json()["notes"] == "Bilaga 2"

    contact = _post(
        client,
        f"{API}/agreements/{aid}/contacts",
        {"person_id": signers[0].pk, "party_id": parties[0].pk, "role": "Regiondirektör"},
        headers,
    )
    assert contact.status_code == 201 and contact.json()["role"] == "Regiondirektör"
    bad = _post(
        client,
        f"{API}/agreements/{aid}/contacts",
        {"person_id": signers[0].pk, "for_counterparty": True},
        headers,
    )
    assert bad.status_code == 400 and bad.json()["field"] == "party"
    assert client.get(f"{API}/agreements/{aid}/contacts").status_code == 401
    listed = client.get(f"{API}/agreements/{aid}/contacts", headers=headers).json()
    assert [(c["person"], c["email"]) for c in listed] == [(str(signers[0]), signers[0].email)]

    replaced = _post(client, f"{API}/agreements/{aid}/replace", {}, headers)
    assert replaced.status_code == 201 and replaced.json()["replaces_id"] == aid
    new = replaced.json()["id"]
    again = _post(client, f"{API}/agreements/{aid}/replace", {}, headers)
    assert again.status_code == 400 and "redan ett utkast" in again.json()["detail"]
    assert client.get(f"{API}/agreements/{aid}").json()["replaced_by_id"] == new
    _patch(
        client,
        f"{API}/agreements/{new}",
        {"version": 1, "start_date": "2011-01-01", "first_end": "2014-12-31"},
        headers,
    )
    for party, person in zip(parties, signers, strict=True):
        _post(
            client,
            f"{API}/agreements/{new}/signatures",
            {"party_id": party.pk, "person_id": person.pk, "signed_on": "2010-12-20"},
            headers,
        )
    old = client.get(f"{API}/agreements/{aid}").json()
    assert (old["state"], old["replaced_on"]) == ("replaced", "2011-01-01")
    status = client.get(f"{API}/agreements/{aid}/status", {"date": "2011-06-01"}).json()
    assert status["ended"] and not status["in_force"] and status["earliest_end_notice"] is None

    removed = client.delete(
        f"{API}/agreements/{aid}/contacts/{contact.json()['id']}", headers=headers
    )
    assert removed.status_code == 204
    assert client.get(f"{API}/agreements/{aid}/contacts", headers=headers).json() == []


def _signed(lead, parties, signers, **fields):
    a = services.agreement_create(
        actor=lead,
        kind="joint_function",
        title=fields.pop("title", "Avtal 2011"),
        parties=parties,
        start_date=dt.date(2011, 1, 1),
        first_end=dt.date(2014, 12, 31),
        renewal_years=3,
        notice_months=6,
    )
    for party, person in zip(parties, signers, strict=True):
        a = services.agreement_sign(
            actor=lead, agreement=a, party=party, person=person, signed_on=dt.date(2010, 12, 20)
        )
    services.agreement_contact_add(
        actor=lead, agreement=a, person=signers[1], party=parties[1], role="Direktör VästKom"
    )
    return a


def test_anonymous_sees_no_names_of_people(client, lead, parties, signers):
    a = _signed(lead, parties, signers)
    page = client.get(reverse("portfolio:agreement", args=[a.pk])).content.decode()
    assert "Undertecknat" in page and "2010-12-20" in page
    for person in signers:
        assert str(person) not in page
        if person.email:
            assert person.email not in page
    assert "Kontaktpersonerna visas för inloggade användare." in page
    client.force_login(lead)
    page = client.get(reverse("portfolio:agreement", args=[a.pk])).content.decode()
    assert all(str(person) in page for person in signers)
    assert "Direktör VästKom" in page


def test_pages_refuse_terms_of_a_signed_agreement_and_replace_it(client, lead, parties, signers):
    a = _signed(lead, parties, signers)
    client.force_login(lead)
    page = client.get(reverse("portfolio:agreement", args=[a.pk])).content.decode()
    assert "Ersätt med nytt avtal" in page and "Ändra utkastet" not in page
    edit = client.get(reverse("portfolio:agreement_edit", args=[a.pk]), follow=True)
    assert "R-27" in edit.content.decode()
    notice = client.post(
        reverse("portfolio:agreement_action", args=[a.pk, "notice"]),
        {"terminated_on": "2010-06-30", "notes": "", "version": a.version},
    )
    assert notice.status_code == 400 and 'id="id_terminated_on-error"' in notice.content.decode()
    response = client.post(
        reverse("portfolio:agreement_action", args=[a.pk, "replace"]), {"version": a.version}
    )
    new = Agreement.objects.get(replaces=a)
    assert response.url == reverse("portfolio:agreement", args=[new.pk])
    page = client.get(response.url).content.decode()
    assert "Ändra utkastet" in page and reverse("portfolio:agreement", args=[a.pk]) in page
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    refused = client.post(
        reverse("portfolio:agreement_action", args=[new.pk, "sign"]),
        {"party": str(parties[0].pk), "person": signers[0].pk, "signed_on": tomorrow},
    )
    assert refused.status_code == 400 and 'id="id_signed_on-error"' in refused.content.decode()
    assert not new.signatures.exists()


def test_a_user_without_the_right_sees_no_buttons(client, parties, signers, lead, contact_user):
    a = _signed(lead, parties, signers)
    client.force_login(contact_user)
    page = client.get(reverse("portfolio:agreement", args=[a.pk])).content.decode()
    assert "Ersätt med nytt avtal" not in page and "Namnge en kontaktperson" not in page
    response = client.post(reverse("portfolio:agreement_action", args=[a.pk, "replace"]), {})
    assert response.status_code == 302 and not Agreement.objects.filter(replaces=a).exists()


def test_agreement_page_is_bounded(client, lead, parties, signers, django_assert_max_num_queries):
    a = _signed(lead, parties, signers)
    client.force_login(lead)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("portfolio:agreement", args=[a.pk])).status_code == 200
