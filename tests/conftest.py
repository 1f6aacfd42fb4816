import os
import shutil

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory

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
