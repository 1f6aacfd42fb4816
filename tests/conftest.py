import datetime as dt
import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gits.accounts.services import token_create
from gits.bodies.models import Body
from gits.data.demo import load_demo
from gits.meetings import services
from gits.meetings.models import Case
from tests.factories import UserFactory

TODAY = dt.date.today()
YEAR = TODAY.year

IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped silently: a skipped test fails the run."""
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; in CI every test must run.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and at the end: on PostgreSQL it can only be dropped when
    nobody else is connected, and a process a test started on it (the worker, a backup) may
    still be letting go. Those sessions are ended first, so that the drop cannot fail."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Swedish), whatever the one before it did."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.deactivate()


def require_or_skip(condition: bool, why: str) -> None:
    """Locally a missing tool skips with the reason; in CI it fails."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{why} (CI must have it)")
    pytest.skip(why)


@pytest.fixture
def defaults(db):
    """The embedded default data set: the region, its municipalities and the bodies."""
    from gits.data.loader import load_defaults

    load_defaults()


@pytest.fixture
def make_user(db):
    def make(role: str | None = None, **kwargs):
        user = UserFactory(**kwargs)
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user("admin", username="administratör")


@pytest.fixture
def lead_user(make_user):
    return make_user("function_lead", username="funktionsledare")


@pytest.fixture
def contact_user(make_user):
    """A municipal contact: may read, may not change the register or the bodies."""
    return make_user("municipal_contact", username="kontakt")


# --- browser -------------------------------------------------------------------------------

CHROMIUM = os.environ.get("GITS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_or_skip(bool(shutil.which(CHROMIUM)), f"Chromium saknas ({CHROMIUM})")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture
def auth_header():
    def make(user):
        _, raw = token_create(user=user)
        return {"Authorization": f"Bearer {raw}"}

    return make


# --- people, bodies and meetings shared by the domain tests ---------------------------------


@pytest.fixture
def people(defaults):
    """The demo people and memberships (SITIV 5+5 with this year's chair), without the other
    apps' demo data."""
    load_demo()
    return get_user_model()


@pytest.fixture
def sitiv(people):
    return Body.objects.get(short_name="SITIV")


@pytest.fixture
def lead(people):
    return people.objects.get(username="funktionsledare")


@pytest.fixture
def members(people):
    """The two demo members with accounts: one from each side."""
    return {
        u.person.organisation.side: u
        for u in people.objects.filter(username__in=["ledamot", "ledamot-region"])
    }


@pytest.fixture
def prepared_case(sitiv, lead):
    def make(title="Ärende", proposal="SITIV beslutar enligt förslaget."):
        prep = Body.objects.get(short_name="Beredningsgruppen")
        preparers = {m.side: m.person for m in prep.memberships.all()}
        case = services.case_register(actor=lead, body=sitiv, title=title, proposal=proposal)
        case = services.case_update(
            actor=lead,
            case=case,
            version=case.version,
            preparer_region=preparers["region"],
            preparer_municipalities=preparers["municipalities"],
        )
        services.case_move(actor=lead, case=case, to_state=Case.State.IN_PREPARATION)
        return services.case_move(actor=lead, case=case, to_state=Case.State.PREPARED)

    return make


@pytest.fixture
def held_meeting(sitiv, lead, prepared_case):
    """A meeting this year with two prepared cases on the agenda and everybody seated present."""

    def make(date=None, cases=2, absent_side=None):
        from gits.bodies.selectors import body_composition

        # Attendance is recorded only from the meeting's date on (issue 11).
        date = date or min(dt.date(YEAR, 3, 10), TODAY)
        meeting = services.meeting_plan(actor=lead, body=sitiv, date=date, place="Göteborg")
        items = [
            services.agenda_add(actor=lead, meeting=meeting, case=prepared_case(f"Ärende {i}"))
            for i in range(cases)
        ]
        composition = body_composition(sitiv, date)
        present = {
            m.person_id for s in composition.sides for m in s.seated if s.side != absent_side
        }
        services.attendance_record(actor=lead, meeting=meeting, present=present)
        meeting.refresh_from_db()
        return meeting, items

    return make
