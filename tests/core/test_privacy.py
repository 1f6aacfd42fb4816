"""One rule for personal data (issue 12, gits.core.privacy), the same on web pages, the API,
exports and calendar feeds: contact details of people (e-mail, phone) are shown to signed-in
users only.

An anonymous visitor crawls every page reachable from the start page, with every download
(PDF, Excel, calendar) it links to, and reads the API's open endpoints: no e-mail address or
phone number of a person or a contact appears anywhere. A signed-in user sees them where they
belong: the person page, the object's support contacts, the agreement's contact persons and the
API's people and contacts."""

from __future__ import annotations

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import IntegrityError, transaction

from gits.bodies.models import Person
from gits.core.changes import save_or_conflict
from gits.core.errors import Collision
from gits.core.privacy import show_contact_details, without_contact_details
from gits.organisations.models import Organisation
from gits.portfolio.models import Agreement, ManagedObject, SupportContact

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""(?:href|src|action)="([^"#]+)""")
SKIP = ("/admin/", "/static/", "/i18n/", "/konto/", "/media/")
MAX_PAGES = 400


@pytest.fixture
def demo():
    """The whole demo (people, bodies, meetings, objects, agreements, plans, money), with a
    phone number for every person and contact, so that each can be looked for."""
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    for n, person in enumerate(Person.objects.order_by("pk")):
        Person.objects.filter(pk=person.pk).update(phone=f"031-555 {n:04d}")
    obj = ManagedObject.objects.order_by("pk").first()
    taken = SupportContact.objects.filter(managed_object=obj).values_list("party_id", flat=True)
    party = Organisation.objects.filter(kind="municipality").exclude(pk__in=list(taken)).first()
    for kind in SupportContact.Kind.values:
        SupportContact.objects.create(
            managed_object=obj,
            party=party,
            kind=kind,
            name=f"Kontakt {kind}",
            email=f"kontakt.{kind}@demo.invalid",
            phone=f"0500-{len(kind):02d} 77 {kind[:2]}",
        )
    return obj


def secrets() -> set[str]:
    """Every e-mail address and phone number of a person, a contact or a user account."""
    found = set()
    for email, phone in Person.objects.values_list("email", "phone"):
        found |= {email, phone}
    for email, phone in SupportContact.objects.values_list("email", "phone"):
        found |= {email, phone}
    found |= set(get_user_model().objects.values_list("email", flat=True))
    return {s for s in found if s}


def _text(response) -> str:
    """What a reader of the response sees: the page, the JSON, the PDF's text, the
    spreadsheet's cells or the calendar."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheet" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return body.decode("utf-8", errors="replace")


def _crawl(client, start: list[str]) -> dict[str, str]:
    """Every page and download an anonymous visitor reaches by following links (each path
    once, its first query only), with what it shows."""
    seen: dict[str, str] = {}
    paths: set[str] = set()
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        path = urlsplit(url).path
        if path in paths or not path.startswith("/") or path.startswith(SKIP):
            continue
        paths.add(path)
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _text(response)
        seen[url] = text
        if "html" in response.get("Content-Type", ""):
            queue.extend(h.replace("&amp;", "&") for h in HREF.findall(text))
    return seen


def test_the_rule_is_one_function():
    assert not show_contact_details(None)
    assert not show_contact_details(AnonymousUser())
    assert show_contact_details(get_user_model()(username="x"))
    data = {"name": "A", "email": "a@b.se", "phone": "1", "user_id": 3}
    assert without_contact_details(dict(data), AnonymousUser()) == {
        "name": "A",
        "email": None,
        "phone": None,
        "user_id": None,
    }
    assert without_contact_details(dict(data), get_user_model()(username="x")) == data


def test_an_anonymous_visitor_sees_no_contact_details_anywhere(client, demo):
    hidden = secrets()
    assert len(hidden) > 20
    agreement = Agreement.objects.filter(contacts__isnull=False).first()
    pages = _crawl(
        client,
        [
            "/",
            "/personer/",
            f"/personer/{Person.objects.first().pk}/",
            f"/objekt/{demo.pk}/",
            f"/avtal/{agreement.pk}/",
        ],
    )
    # The crawl reached the pages that show people: people, bodies, objects, agreements,
    # decisions, meetings and the calendar feeds.
    for needle in ("/personer/", "/objekt/", "/avtal/", ".ics"):
        assert any(needle in url for url in pages), (needle, sorted(pages)[:50])
    leaks = {url: [s for s in hidden if s in text] for url, text in pages.items()}
    assert not {url: found for url, found in leaks.items() if found}


def test_the_open_api_shows_no_contact_details(client, demo):
    hidden = secrets()
    agreement = Agreement.objects.filter(contacts__isnull=False).first()
    schema = client.get("/api/v1/openapi.json").json()
    ids = {
        "person_id": Person.objects.first().pk,
        "object_id": demo.pk,
        "agreement_id": agreement.pk,
    }
    read = 0
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        names = re.findall(r"{(\w+)}", path)
        if any(n not in ids for n in names):
            continue
        url = "/api/v1" + path.removeprefix("/api/v1")
        for n in names:
            url = url.replace(f"{{{n}}}", str(ids[n]))
        response = client.get(url)
        if response.status_code != 200:
            continue
        read += 1
        text = _text(response)
        assert not [s for s in hidden if s in text], url
    assert read > 10


def test_a_signed_in_user_sees_the_contact_details(client, demo, contact_user, auth_header):
    person = Person.objects.exclude(email="").first()
    Person.objects.filter(pk=person.pk).update(phone="031-555 9999")
    agreement = Agreement.objects.filter(contacts__isnull=False).first()
    agreement_contact = agreement.contacts.select_related("person").first()
    support = SupportContact.objects.filter(managed_object=demo).first()
    pages = {
        f"/personer/{person.pk}/": [person.email, "031-555 9999"],
        f"/objekt/{demo.pk}/": [support.email, support.phone, support.name],
        f"/avtal/{agreement.pk}/": [agreement_contact.person.email],
    }
    for url, shown in pages.items():
        anonymous = client.get(url).content.decode()
        assert not [s for s in shown if s in anonymous], url
    client.force_login(contact_user)
    for url, shown in pages.items():
        text = client.get(url).content.decode()
        assert all(s in text for s in shown), url
    client.logout()
    headers = auth_header(contact_user)
    api = f"/api/v1/people/{person.pk}"
    assert client.get(api).json()["email"] is None
    signed_in = client.get(api, headers=headers).json()
    assert (signed_in["email"], signed_in["phone"]) == (person.email, "031-555 9999")
    contacts = f"/api/v1/agreements/{agreement.pk}/contacts"
    assert client.get(contacts).status_code == 401
    listed = client.get(contacts, headers=headers).json()
    assert agreement_contact.person.email in {c["email"] for c in listed}


def test_a_uniqueness_taken_at_the_same_moment_is_a_conflict_not_a_server_error(demo):
    """The one write path turns a collision on a unique constraint into a 409 (issue 12)."""
    first = SupportContact.objects.filter(managed_object=demo).first()
    twin = SupportContact(managed_object=demo, party=first.party, kind=first.kind, name="Tvilling")
    with pytest.raises(Collision) as err, transaction.atomic():
        save_or_conflict(twin)
    assert err.value.status == 409 and isinstance(err.value.__cause__, IntegrityError)
