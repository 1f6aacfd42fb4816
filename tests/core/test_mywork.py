"""Mitt arbete: the start page per person (core/mywork.py and its built-in sources)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gits.bodies.models import Body, Person
from gits.core import mywork
from gits.core.mywork import WorkItem, WorkSource, my_work
from gits.meetings import services as meetings
from gits.organisations.models import Organisation
from gits.plans import services as plans
from gits.portfolio import services as portfolio
from gits.portfolio.models import ManagedObject, ObjectRole

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def user(username):
    return get_user_model().objects.get(username=username)


def rows(work, source=None):
    return [r for r in work.rows if source is None or r.item.source == source]


def empty_labels(work):
    return [label for label, _text in work.empty]


@pytest.fixture
def coordinator(people):
    return user("koordinator")


@pytest.fixture
def reporting_object(coordinator):
    """An object in management that the demo coordinator coordinates."""

    def make(name):
        obj = ManagedObject.objects.create(
            name=name, short_name=name, state=ManagedObject.State.IN_MANAGEMENT
        )
        ObjectRole.objects.create(
            managed_object=obj,
            role=ObjectRole.Role.COORDINATOR,
            person=coordinator.person,
            start_date=TODAY - dt.timedelta(days=400),
        )
        return obj

    return make


def test_anonymous_visitor_keeps_the_public_start_page(client, people):
    response = client.get("/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Mitt arbete" not in text and "Organisationer" in text


def test_members_see_the_minutes_they_may_sign_until_they_have_signed(held_meeting, lead, members):
    meeting, items = held_meeting(date=TODAY - dt.timedelta(days=5))
    meetings.decision_record(actor=lead, item=items[0], outcome="decided", text="Beslut.")
    minutes = meetings.minutes_generate(actor=lead, meeting=meeting)
    works = {side: my_work(u) for side, u in members.items()}
    details = sorted(rows(w, "minutes")[0].item.detail for w in works.values())
    assert details == ["Du justerar som justerare.", "Du justerar som ordförande."]
    first = rows(works["region"], "minutes")[0].item
    assert first.url == reverse("meetings:meeting", args=[meeting.pk])
    assert first.date == meeting.date and "SITIV" in first.title

    signer = next(
        u for u in members.values() if "ordförande" in rows(my_work(u), "minutes")[0].item.detail
    )
    meetings.minutes_sign(actor=signer, minutes=minutes)
    assert not rows(my_work(signer), "minutes")
    assert "Protokoll att justera" in empty_labels(my_work(signer))
    other = next(u for u in members.values() if u != signer)
    assert rows(my_work(other), "minutes")
    # Someone who was not there, or holds no right to sign, sees no minutes at all.
    assert not rows(my_work(lead), "minutes")


def test_coordinator_sees_reports_due_with_days_left_today_and_late(
    sitiv, lead, coordinator, reporting_object
):
    samsa, bibblix, ehdv = (reporting_object(n) for n in ("SAMSA", "Bibblix", "EHDV"))
    days = sitiv.material_days
    due_today = meetings.meeting_plan(actor=lead, body=sitiv, date=TODAY + dt.timedelta(days=days))
    later = meetings.meeting_plan(actor=lead, body=sitiv, date=TODAY + dt.timedelta(days=days + 20))
    plans.status_report_save(
        actor=lead, managed_object=bibblix, meeting=due_today, submit=False, date=TODAY
    )
    fields = {
        "date": TODAY,
        "coordinators": "Per",
        "assignment": "a",
        "events": "b",
        "issues": "c",
        "planned": "d",
        "economy": "e",
    }
    plans.status_report_save(
        actor=lead, managed_object=ehdv, meeting=due_today, submit=True, **fields
    )
    work = my_work(coordinator)
    reports = {(r.item.url, r.when, r.state) for r in rows(work, "status_reports")}
    url = lambda m, o: reverse("plans:status_report", args=[m.pk, o.pk])  # noqa: E731
    assert (url(due_today, samsa), "i dag", "today") in reports
    assert (url(due_today, bibblix), "i dag", "today") in reports
    assert (url(later, samsa), "20 dagar kvar", "later") in reports
    assert not any(url(due_today, ehdv) == u for u, _w, _s in reports)  # handed in
    draft = next(r for r in rows(work, "status_reports") if r.item.url == url(due_today, bibblix))
    assert draft.item.detail == "Utkastet är sparat men inte inlämnat."

    late = my_work(coordinator, today=TODAY + dt.timedelta(days=3))
    assert rows(late)[0].state == "late" and rows(late)[0].when == "3 dagar sen"


def test_the_secretary_sees_what_the_next_meeting_lacks(
    sitiv, lead, prepared_case, reporting_object
):
    work = my_work(lead)
    assert [r.item.title for r in rows(work, "missing")] == [
        "Inget sammanträde i styrgruppen är planerat"
    ]
    assert rows(work, "missing")[0].item.url == reverse("meetings:meeting_create")

    reporting_object("SAMSA")
    meeting = meetings.meeting_plan(actor=lead, body=sitiv, date=TODAY + dt.timedelta(days=30))
    titles = [r.item.title for r in rows(my_work(lead), "missing")]
    assert f"{meeting}: dagordningen är tom" in titles
    assert f"{meeting}: 1 statusrapport saknas" in titles
    assert f"{meeting}: utskicket är inte sammanställt" in titles

    meetings.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    titles = [r.item.title for r in rows(my_work(lead), "missing")]
    assert f"{meeting}: dagordningen är tom" not in titles
    nxt = rows(my_work(lead), "meetings")
    assert nxt[0].item.title == f"Sammanträde {meeting}"
    assert nxt[0].item.detail.startswith(f"Underlag senast {meeting.material_deadline}")


def test_assignments_to_the_person_or_their_body_until_reported(held_meeting, lead, members):
    meeting, items = held_meeting(date=TODAY - dt.timedelta(days=20))
    decision = meetings.decision_record(actor=lead, item=items[0], outcome="decided", text="B.")
    to_body = meetings.assignment_give(
        actor=lead,
        decision=decision,
        assignee_body=Body.objects.get(short_name="SITIV"),
        description="Utred finansieringen.\nMed bilaga.",
        due_date=TODAY + dt.timedelta(days=14),
    )
    member = members["region"]
    found = rows(my_work(member), "assignments")
    assert [(r.item.title, r.when) for r in found] == [("Utred finansieringen.", "14 dagar kvar")]
    assert found[0].item.url == reverse("meetings:decision", args=[decision.pk])
    meetings.assignment_report(actor=lead, assignment=to_body, reported_at=TODAY, report="Klart.")
    assert not rows(my_work(member), "assignments")
    assert "Uppdrag från beslut" in empty_labels(my_work(member))


def test_agreements_whose_notice_day_is_near(lead, coordinator, people):
    parties = list(
        Organisation.objects.filter(
            kind__in=[Organisation.Kind.REGION, Organisation.Kind.ASSOCIATION]
        )
    )
    agreement = portfolio.agreement_create(
        actor=lead,
        kind="joint_function",
        title="Avtal om GITS",
        parties=parties,
        start_date=TODAY - dt.timedelta(days=700),
        first_end=TODAY + dt.timedelta(days=60),
        renewal_years=2,
        notice_months=0,
    )
    for party in parties:
        agreement = portfolio.agreement_sign(
            actor=lead,
            agreement=agreement,
            version=agreement.version,
            party=party,
            person=Person.objects.filter(organisation=party).first(),
            signed_on=TODAY - dt.timedelta(days=710),
        )
    found = rows(my_work(lead), "agreements")
    assert [(r.item.title, r.item.date, r.when) for r in found] == [
        ("Avtal: Avtal om GITS", TODAY + dt.timedelta(days=60), "60 dagar kvar")
    ]
    assert found[0].item.url == reverse("portfolio:agreement", args=[agreement.pk])
    # The coordinator manages no agreements and owns no object of this one.
    assert not rows(my_work(coordinator), "agreements")


def test_quarters_not_invoiced_and_the_budget_calendar_for_finance(lead, contact_user, people):
    from gits.finance import services as finance

    finance.budget_create(actor=None, year=TODAY.year - 1, check_right=False)
    work = my_work(lead)
    invoicing = rows(work, "invoicing")
    assert invoicing[0].item.title == f"Kvartal 1, 2, 3, 4 {TODAY.year - 1} är inte fakturerade"
    assert invoicing[0].item.url == f"{reverse('finance:invoices')}?ar={TODAY.year - 1}&kvartal=4"
    budget = rows(work, "budget")
    assert budget[0].item.title == f"Budgeten för {TODAY.year + 1} ska fastställas"
    # Without the rights, neither appears, not even as an empty state.
    other = my_work(contact_user)
    assert not rows(other, "invoicing") and not rows(other, "budget")
    assert "Kvartal att fakturera" not in empty_labels(other)


def test_items_are_ordered_most_urgent_first(monkeypatch, people):
    def items(_viewer):
        return [
            WorkItem("senare", "/a", TODAY + dt.timedelta(days=30)),
            WorkItem("händelse", "/b", TODAY - dt.timedelta(days=40), deadline=False),
            WorkItem("i dag", "/c", TODAY),
            WorkItem("sen", "/d", TODAY - dt.timedelta(days=1)),
            WorkItem("snart", "/e", TODAY + dt.timedelta(days=2)),
        ]

    monkeypatch.setattr(mywork, "_sources", {"t": WorkSource("t", "T", "Tomt", items)})
    work = my_work(user("funktionsledare"))
    assert [(r.item.title, r.state, r.when) for r in work.rows] == [
        ("sen", "late", "1 dag sen"),
        ("i dag", "today", "i dag"),
        ("händelse", "info", ""),
        ("snart", "soon", "2 dagar kvar"),
        ("senare", "later", "30 dagar kvar"),
    ]
    assert work.counts == {"late": 1, "today": 1, "info": 1, "soon": 1, "later": 1}


def test_start_page_shows_work_links_dates_and_empty_states(client, held_meeting, lead, members):
    meeting, items = held_meeting(date=TODAY - dt.timedelta(days=5))
    meetings.decision_record(actor=lead, item=items[0], outcome="decided", text="Beslut.")
    meetings.minutes_generate(actor=lead, meeting=meeting)
    client.force_login(members["region"])
    text = client.get("/").content.decode()
    assert "<h1>Mitt arbete</h1>" in text
    assert f'href="{reverse("meetings:meeting", args=[meeting.pk])}"' in text
    assert f'<time datetime="{meeting.date.isoformat()}">' in text
    assert "Här visas uppdrag från beslut till dig eller dina organ" in text


def test_an_account_without_a_person_is_told_how_to_see_more(client, admin_user, people):
    client.force_login(admin_user)
    text = client.get("/").content.decode()
    assert "Ditt konto är inte kopplat till en person" in text
    work = my_work(admin_user)
    assert not work.has_person and "Protokoll att justera" not in empty_labels(work)


def test_start_page_queries_are_bounded(
    client, sitiv, lead, prepared_case, reporting_object, django_assert_max_num_queries
):
    """Each source reads with a fixed number of queries: more data, not more queries."""

    made = []

    def add_data(n):
        for i in range(n):
            made.append(i)
            obj = reporting_object(f"Objekt {len(made)}")
            m = meetings.meeting_plan(
                actor=lead, body=sitiv, date=TODAY + dt.timedelta(days=15 + i + n)
            )
            plans.status_report_save(
                actor=lead, managed_object=obj, meeting=m, submit=False, date=TODAY
            )
            meetings.agenda_add(actor=lead, meeting=m, case=prepared_case(f"Ärende {len(made)}"))

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_data(2)
    for name in ("funktionsledare", "koordinator", "kommunkontakt"):
        client.force_login(user(name))
        with CaptureQueriesContext(connection) as small:
            assert client.get("/").status_code == 200
        add_data(6)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert client.get("/").status_code == 200
        with django_assert_max_num_queries(40):
            client.get("/")


def test_reports_lacking_are_counted_as_the_status_overview_expects_them(
    sitiv, lead, reporting_object
):
    """The count is made in the database (issue 15): the objects `expected_objects` lists,
    less those with a submitted report for the meeting; drafts still lack."""
    from django.utils import timezone

    from gits.plans.models import StatusReport
    from gits.plans.selectors import expected_objects

    submitted, drafted, _silent = (reporting_object(n) for n in ("Ett", "Två", "Tre"))
    ManagedObject.objects.create(name="Förslag", short_name="F")  # reports to nobody
    meeting = meetings.meeting_plan(actor=lead, body=sitiv, date=TODAY + dt.timedelta(days=30))
    for obj in (submitted, drafted):
        plans.status_report_save(
            actor=lead, managed_object=obj, meeting=meeting, submit=False, date=TODAY
        )
    StatusReport.objects.filter(managed_object=submitted).update(submitted_at=timezone.now())
    assert len(expected_objects(meeting)) == 3
    titles = [r.item.title for r in rows(my_work(lead), "missing")]
    assert f"{meeting}: 2 statusrapporter saknas" in titles


def test_a_party_contact_sees_the_contacts_their_party_has_not_named(people):
    """Each party names a business and a technical contact per object (seed 002): the
    municipal contact sees the supported objects where their municipality lacks one."""
    contact = user("kommunkontakt")
    party = contact.person.organisation
    lead = user("funktionsledare")
    supported = ManagedObject.objects.create(
        name="Journal", short_name="J", state=ManagedObject.State.IN_MANAGEMENT
    )
    ManagedObject.objects.create(
        name="Förslaget", short_name="F", state=ManagedObject.State.PROPOSED
    )
    found = rows(my_work(contact), "contacts")
    assert [(r.item.title, r.item.date, r.state) for r in found if "Journal" in r.item.title] == [
        (f"Journal: {party.name} har inte namngett några kontakter", None, "info")
    ]
    assert found[0].item.url.endswith("#contacts-h")
    assert not [r for r in found if "Förslaget" in r.item.title]  # not supported yet
    portfolio.contact_set(
        actor=lead, managed_object=supported, party=party, kind="business", name="Anna"
    )
    titles = [r.item.title for r in rows(my_work(contact), "contacts")]
    assert f"Journal: {party.name} saknar teknisk kontakt (första linjen)" in titles
    portfolio.contact_set(
        actor=lead, managed_object=supported, party=party, kind="technical", name="IT"
    )
    assert not [
        t for t in (r.item.title for r in rows(my_work(contact), "contacts")) if "Journal" in t
    ]
    # A contact of a federation names none: the region and the municipalities do (seed 002).
    person = contact.person
    person.organisation = Organisation.objects.filter(kind=Organisation.Kind.FEDERATION).first()
    person.save()
    contact = user("kommunkontakt")
    assert "Supportkontakter att namnge" not in empty_labels(my_work(contact))
    assert not rows(my_work(contact), "contacts")
    # Another party's contacts are not the contact's work, and staff act for every party.
    assert "contacts" not in {r.item.source for r in my_work(lead).rows}
    assert "Supportkontakter att namnge" not in empty_labels(my_work(lead))


def test_many_objects_without_contacts_end_in_one_line_to_the_list(people):
    from gits.portfolio.work import CONTACT_ROWS

    contact = user("kommunkontakt")
    party = contact.person.organisation
    already = len(rows(my_work(contact), "contacts"))
    for n in range(CONTACT_ROWS + 3 - already):
        ManagedObject.objects.create(
            name=f"Objekt {n:02}", short_name=f"O{n}", state=ManagedObject.State.IN_MANAGEMENT
        )
    found = rows(my_work(contact), "contacts")
    assert len(found) == CONTACT_ROWS + 1
    assert found[-1].item.title == (f"3 förvaltningsobjekt till saknar kontakter från {party.name}")
    assert found[-1].item.url == f"{reverse('portfolio:contacts_missing')}?part={party.pk}"


def test_open_support_requests_for_the_party_and_the_objects_coordinator(
    coordinator, reporting_object, people
):
    contact = user("kommunkontakt")
    obj = reporting_object("Journal")
    other = reporting_object("Annat")
    ours = portfolio.support_request_create(
        actor=contact, managed_object=obj, title="Inloggningen fungerar inte", description="."
    )
    theirs = portfolio.support_request_create(
        actor=user("funktionsledare"),
        managed_object=other,
        title="Region: utskrift",
        description=".",
        party=Organisation.objects.get(kind=Organisation.Kind.REGION),
    )
    found = rows(my_work(contact), "support")
    assert [(r.item.title, r.item.date, r.when) for r in found] == [
        ("Inloggningen fungerar inte", TODAY, "")
    ]
    assert found[0].item.url == reverse("portfolio:object", args=[obj.pk]) + "#support-h"
    assert f"från {contact.person.organisation.name}. Läge: Ny." in found[0].item.detail
    # The coordinator of both objects sees both, oldest first.
    assert [r.item.title for r in rows(my_work(coordinator), "support")] == [
        ours.title,
        theirs.title,
    ]
    portfolio.support_request_move(actor=coordinator, request=ours, to_state="in_progress")
    assert [r.item.title for r in rows(my_work(contact), "support")] == [ours.title]
    ours.refresh_from_db()
    portfolio.support_request_move(actor=coordinator, request=ours, to_state="resolved")
    assert not rows(my_work(contact), "support")
    assert "Supportärenden som inte är lösta" in empty_labels(my_work(contact))
    # The secretary coordinates neither object.
    assert not rows(my_work(user("funktionsledare")), "support")
    # Asked for nobody, the selector gives nothing, though a body holds a role on the object.
    from gits.portfolio.selectors import open_support_requests

    ObjectRole.objects.create(
        managed_object=obj,
        role=ObjectRole.Role.SYSTEM_MANAGER,
        body=Body.objects.first(),
        start_date=TODAY - dt.timedelta(days=1),
    )
    portfolio.support_request_create(
        actor=contact, managed_object=obj, title="Ännu ett", description="."
    )
    assert not open_support_requests(on=TODAY).exists()
