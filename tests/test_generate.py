"""`gits generate`: the generated data obey the same rules as real data (they are written by
the services), the key pages answer over them within bounded queries, and the same seed gives
the same data. No timings are asserted here; `make bench` measures them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from gits.bodies.models import Body, Person
from gits.core.models import AuditEntry
from gits.data.scales import SCALES
from gits.finance.models import Invoice
from gits.meetings.models import Case, Decision, Meeting, Minutes
from gits.organisations.models import Organisation
from gits.plans.models import StatusReport
from gits.portfolio.models import Agreement, ManagedObject


def fingerprint() -> dict:
    """What a seed decides: counts and the generated names, numbers and texts."""
    return {
        "people": sorted(
            Person.objects.filter(email__endswith="@generated.invalid").values_list(
                "first_name", "last_name"
            )
        ),
        "cases": sorted(Case.objects.values_list("title", flat=True)),
        "objects": sorted(ManagedObject.objects.values_list("name", flat=True)),
        "meetings": Meeting.objects.count(),
        "decisions": Decision.objects.count(),
        "reports": StatusReport.objects.count(),
        "invoices": sorted(Invoice.objects.values_list("number", "total_amount")),
        "audit": AuditEntry.objects.count(),
    }


def run_tiny(seed: int = 1) -> None:
    call_command("generate", scale="tiny", seed=seed, verbosity=0, stdout=io.StringIO())


@pytest.fixture
def tiny(db):
    run_tiny()


def test_generated_data_are_what_the_services_write(tiny):
    scale = SCALES["tiny"]
    generated_meetings = scale.years * scale.meetings_per_year
    sitiv = Body.objects.get(short_name="SITIV")
    history = Meeting.objects.filter(body=sitiv, place="Regionens hus (genererat)")
    assert history.count() == generated_meetings
    for meeting in history:
        # each meeting's minutes are locked by the one who presided and a member of
        # the other side, and its decisions are public with the locked text.
        minutes = Minutes.objects.get(meeting=meeting)
        assert minutes.signed_at is not None
        sides = sorted(minutes.signatures.values_list("side", flat=True))
        assert sides == ["municipalities", "region"]
        decisions = Decision.objects.filter(item__meeting=meeting)
        assert decisions.count() == scale.cases_per_meeting
        assert all(d.published_in_id == minutes.pk and d.published_text for d in decisions)
        assert meeting.attendance.filter(present=True).count() == 10  # five seats per side
    assert (
        StatusReport.objects.filter(meeting__in=history, submitted_at__isnull=False).count()
        == generated_meetings * scale.reports_per_meeting
    )
    in_management = ManagedObject.objects.filter(name__startswith="Gemensam ")
    assert in_management.count() == scale.objects
    assert all(o.state == "in_management" for o in in_management)
    assert all(o.roles.count() == 2 for o in in_management)
    signed = Agreement.objects.filter(title__startswith="Leverantörsavtal G", state="signed")
    assert signed.count() == len(range(0, scale.objects, scale.agreement_every))
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count()
    levy = Invoice.objects.filter(buyer__kind=Organisation.Kind.MUNICIPALITY)
    assert levy.count() >= municipalities * scale.invoice_years * 5
    assert AuditEntry.objects.count() == scale.audit_total
    logins = AuditEntry.objects.filter(action="accounts.login.succeeded")
    assert logins.filter(actor__isnull=True).count() == 0
    # A second run on the same database is refused, not duplicated.
    with pytest.raises(CommandError, match="redan genererade"):
        run_tiny()


KEY_PAGES = [
    ("/", True, 40),
    ("/organisationer/", True, 15),
    ("/sammantraden/", True, 15),
    ("/beslut/", False, 15),
    ("/beslut/", True, 15),
    ("/arenden/", True, 15),
    ("/objekt/", True, 15),
    ("/avtal/", True, 15),
    ("/planer/", True, 15),
    ("/ekonomi/", True, 15),
    ("/ekonomi/fakturor/", True, 15),
    ("/historik/", True, 15),
    ("/api/v1/decisions", False, 5),
    ("/api/v1/objects", False, 5),
    ("/api/v1/municipalities", False, 5),
]


def test_key_pages_answer_over_generated_data(tiny, client, django_assert_max_num_queries):
    """The pages `make bench` measures, over the generated data: 200, within a bound on
    queries that does not depend on the data's size."""
    admin = get_user_model().objects.get(username="admin")
    sitiv = Body.objects.get(short_name="SITIV")
    meeting = Meeting.objects.filter(place="Regionens hus (genererat)").order_by("-date").first()
    pages = [
        *KEY_PAGES,
        (f"/organ/{sitiv.pk}/", True, 15),
        (f"/sammantraden/{meeting.pk}/", True, 40),
        (f"/api/v1/meetings?body_id={sitiv.pk}&year={meeting.date.year}", False, 10),
    ]
    for url, signed_in, bound in pages:
        client.logout()
        if signed_in:
            client.force_login(admin)
        with django_assert_max_num_queries(bound):
            response = client.get(url)
        assert response.status_code == 200, url


def test_same_seed_same_data(db):
    with transaction.atomic():
        run_tiny(seed=7)
        first = fingerprint()
        transaction.set_rollback(True)
    run_tiny(seed=7)
    assert fingerprint() == first
    assert first["people"] and first["objects"] and first["invoices"]


def test_start_and_meeting_pages_do_not_grow_with_agreements(tiny, client):
    """The notice panel (reviews.notice) looks up the deciding body and meeting of every
    agreement due for notice in two queries, not two per agreement: the bench found the start
    page and the meeting page at 65-71 queries at the `small` scale against 29 at `tiny`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gits.portfolio import services as p
    from gits.reviews.notice import notice_proposals

    client.force_login(get_user_model().objects.get(username="admin"))
    meeting = Meeting.objects.filter(place="Regionens hus (genererat)").order_by("-date").first()
    urls = ["/", f"/sammantraden/{meeting.pk}/"]

    def counts() -> list[int]:
        found = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    region = Organisation.objects.get(kind=Organisation.Kind.REGION)

    def add_agreement(short_name: str) -> None:
        obj = ManagedObject.objects.get(short_name=short_name)
        agreement = p.agreement_create(
            actor=None,
            check_right=False,
            parties=[region],
            managed_object=obj,
            kind=Agreement.Kind.SUPPLIER,
            title=f"Extra avtal {obj.short_name}",
            counterparty="Extra leverantör AB",
            start_date=meeting.date,
            first_end=meeting.date.replace(year=meeting.date.year + 1),
            renewal_years=1,
            notice_months=6,
        )
        for signer in ({"party": region}, {"counterparty": True}):
            p.agreement_sign(
                actor=None,
                check_right=False,
                agreement=agreement,
                signer_name="Firmatecknare",
                signed_on=meeting.date,
                **signer,
            )

    # One agreement due for notice first, so that both counts are of a panel with rows: the
    # panel itself costs its queries once, and then nothing more per agreement.
    add_agreement("G1")
    before = counts()
    for short_name in ["G2", "G3", "G4", "G5"]:
        add_agreement(short_name)
    due = {n.agreement.title for n in notice_proposals(dt.date.today())}
    assert {f"Extra avtal {o}" for o in ["G1", "G2", "G3", "G4", "G5"]} <= due
    assert counts() == before
