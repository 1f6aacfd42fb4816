"""Login protection (issue 12): throttling and lockout per account and per address on the
login form and /admin/, with a Swedish message and audit entries."""

import pytest
from axes.models import AccessAttempt

from gits.core.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/konto/logga-in/"
ADMIN_LOGIN = "/admin/login/"
LIMIT = 5  # GITS_LOGIN_FAILURE_LIMIT's default


def _login(client, username, password, address="127.0.0.1", path=LOGIN):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username, times=LIMIT, address="127.0.0.1", path=LOGIN):
    return [_login(client, username, "fel-lösenord", address, path) for _ in range(times)]


def test_right_password_logs_in_and_is_audited(client, make_user):
    user = make_user(username="anna")
    response = _login(client, "anna", PASSWORD)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.login.succeeded")
    assert entry.actor == user and entry.changes["ip_address"] == "127.0.0.1"


def test_a_wrong_password_is_audited_without_locking(client, make_user):
    make_user(username="anna")
    response = _login(client, "anna", "fel")
    assert response.status_code == 200
    assert "Användarnamnet eller lösenordet är fel" in response.content.decode()
    entry = AuditEntry.objects.get(action="accounts.login.failed")
    assert entry.changes["username"] == "anna" and entry.changes["locked_out"] is False
    assert entry.actor is None


def test_sixth_attempt_is_refused_even_with_the_right_password(client, make_user):
    make_user(username="anna")
    responses = _fail(client, "anna")
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)
    assert responses[-1].status_code == 429  # the fifth failure locks
    response = _login(client, "anna", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Inloggningen är spärrad" in page and "15 minuter" in page
    assert response["Retry-After"] == "900"


def test_the_locked_account_is_locked_from_another_address_too(client, make_user):
    make_user(username="anna")
    _fail(client, "anna", address="10.0.0.1")
    response = _login(client, "anna", PASSWORD, address="10.0.0.2")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_locked_address_is_locked_for_other_accounts_too(client, make_user):
    make_user(username="anna")
    make_user(username="bertil")
    _fail(client, "anna", address="10.0.0.1")
    assert _login(client, "bertil", PASSWORD, address="10.0.0.1").status_code == 429
    # ...while bertil from elsewhere is not affected
    assert _login(client, "bertil", PASSWORD, address="10.0.0.9").status_code == 302


def test_guessing_many_accounts_from_one_address_locks_the_address(client, make_user):
    make_user(username="anna")
    for i in range(LIMIT):
        _login(client, f"gissning{i}", "fel", address="10.0.0.5")
    assert _login(client, "anna", PASSWORD, address="10.0.0.5").status_code == 429


def test_lockout_is_audited_once_and_refused_attempts_as_failures(client, make_user):
    user = make_user(username="anna")
    _fail(client, "anna")
    _login(client, "anna", PASSWORD)
    locked = AuditEntry.objects.filter(action="accounts.login.locked")
    assert locked.count() == 1
    entry = locked.get()
    assert entry.object_id == str(user.pk)
    assert entry.changes["failures"] == LIMIT and entry.changes["cool_off_minutes"] == 15
    failed = AuditEntry.objects.filter(action="accounts.login.failed").order_by("id")
    assert failed.count() == LIMIT + 1
    assert failed.last().changes["locked_out"] is True
    assert not AuditEntry.objects.filter(action="accounts.login.succeeded").exists()


def test_unknown_user_name_is_audited_without_an_object_id(client, db):
    _login(client, "finns-inte", "fel")
    entry = AuditEntry.objects.get(action="accounts.login.failed")
    assert entry.object_id == "" and entry.object_repr == "finns-inte"


def test_admin_login_is_throttled(client, make_user):
    make_user(username="chef", is_staff=True, is_superuser=True)
    responses = _fail(client, "chef", path=ADMIN_LOGIN)
    assert responses[0].status_code == 200
    assert responses[-1].status_code == 429
    response = _login(client, "chef", PASSWORD, path=ADMIN_LOGIN)
    assert response.status_code == 429
    assert "Inloggningen är spärrad" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not signed in
    assert AuditEntry.objects.filter(action="accounts.login.locked").count() == 1


def test_the_form_and_the_admin_share_the_count(client, make_user):
    make_user(username="chef", is_staff=True, is_superuser=True)
    _fail(client, "chef", times=3)
    _fail(client, "chef", times=2, path=ADMIN_LOGIN)
    assert _login(client, "chef", PASSWORD).status_code == 429


def test_the_lock_ends_after_the_cool_off(client, make_user):
    make_user(username="anna")
    _fail(client, "anna")
    import datetime as dt

    AccessAttempt.objects.update(attempt_time=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert _login(client, "anna", PASSWORD).status_code == 302


def test_limit_and_cool_off_come_from_settings(client, make_user, settings):
    import datetime as dt

    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=1)
    make_user(username="anna")
    responses = _fail(client, "anna", times=2)
    assert responses[-1].status_code == 429
    assert "1 minut," in responses[-1].content.decode()


def test_forwarded_for_is_ignored_unless_behind_a_proxy(client, make_user):
    make_user(username="anna")
    for i in range(LIMIT):
        client.post(
            LOGIN,
            {"username": f"x{i}", "password": "fel"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    # the spoofed header did not spread the attempts over five addresses
    assert _login(client, "anna", PASSWORD, address="10.0.0.1").status_code == 429


def test_behind_a_proxy_the_forwarded_address_counts(client, make_user, settings):
    settings.GITS_BEHIND_PROXY = True
    make_user(username="anna")
    proxy = "10.0.0.1"
    for i in range(LIMIT):
        client.post(
            LOGIN,
            {"username": f"x{i}", "password": "fel"},
            REMOTE_ADDR=proxy,
            # the client's own (spoofable) entry on the left, the proxy's on the right
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 192.0.2.7",
        )
    locked = client.post(
        LOGIN,
        {"username": "anna", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.7",
    )
    assert locked.status_code == 429
    other = client.post(
        LOGIN,
        {"username": "anna", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.8",
    )
    assert other.status_code == 302
    entry = AuditEntry.objects.filter(action="accounts.login.failed").first()
    assert entry.changes["ip_address"] == "192.0.2.7"


@pytest.mark.parametrize("path", [LOGIN, ADMIN_LOGIN])
def test_a_user_name_longer_than_any_account_s_is_a_failed_login_not_a_server_error(
    client, db, path
):
    """axes records the name the attempt gave; PostgreSQL refuses one past its column (255
    characters), so the name is counted cut to that length (rule 10)."""
    long_name = "x" * 3000
    client.raise_request_exception = False
    responses = _fail(client, long_name, path=path)
    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]  # the fifth locks
    attempt = AccessAttempt.objects.get()
    assert attempt.username == long_name[:255] and attempt.failures_since_start == LIMIT
    assert AuditEntry.objects.filter(action="accounts.login.failed").count() == LIMIT
