"""API tokens (issue 12): only a hash stored, an expiry, listing and revoking on the command
line, the page Konto → API-nycklar and the API; token guessing throttled like a login."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from gits.accounts.models import ApiToken, hash_token
from gits.accounts.services import token_create, token_revoke
from gits.core.errors import DomainError, RightMissing
from gits.core.models import AuditEntry

pytestmark = pytest.mark.django_db
API = "/api/v1"
LIMIT = 5


def _bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def _me(client, raw, address="127.0.0.1"):
    return client.get(f"{API}/tokens", headers=_bearer(raw), REMOTE_ADDR=address)


# --- the record ------------------------------------------------------------------------------


def test_only_a_hash_is_stored_and_the_token_expires(make_user):
    user = make_user()
    token, raw = token_create(user=user, name="skript")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_token(raw) and raw not in str(stored.__dict__)
    assert raw.startswith("gits_" + stored.prefix)
    days = (stored.expires_at - timezone.now()).days
    assert days in (89, 90)
    entry = AuditEntry.objects.get(action="accounts.token.created")
    assert entry.changes["name"] == [None, "skript"] and "expires_at" in entry.changes


@pytest.mark.parametrize("days", [0, -1, 731])
def test_validity_out_of_range_is_refused(make_user, days):
    with pytest.raises(DomainError) as err:
        token_create(user=make_user(), days=days)
    assert err.value.field == "days" and "1–730 dagar" in str(err.value.message)
    assert not ApiToken.objects.exists()


def test_a_user_without_the_right_cannot_create_on_the_page(make_user):
    member = make_user("sitiv_member")
    with pytest.raises(RightMissing):
        token_create(user=member, actor=member)


def test_only_an_administrator_creates_for_somebody_else(make_user, lead_user, admin_user):
    other = make_user()
    with pytest.raises(RightMissing):
        token_create(user=other, actor=lead_user)
    token, _ = token_create(user=other, actor=admin_user)
    assert token.user == other


def test_revoking_somebody_elses_token_needs_the_administrator(make_user, admin_user):
    owner, stranger = make_user(), make_user("function_lead")
    token, _ = token_create(user=owner)
    with pytest.raises(RightMissing):
        token_revoke(actor=stranger, token=token)
    token_revoke(actor=admin_user, token=token)
    entry = AuditEntry.objects.get(action="accounts.token.revoked")
    assert entry.actor == admin_user and entry.changes["revoked_at"][0] is None
    with pytest.raises(DomainError, match="redan återkallad"):
        token_revoke(actor=owner, token=token)


# --- using a token ---------------------------------------------------------------------------


def test_a_valid_token_works(client, make_user):
    user = make_user()
    token, raw = token_create(user=user)
    response = _me(client, raw)
    assert response.status_code == 200
    assert [t["id"] for t in response.json()] == [token.pk]
    assert raw not in response.content.decode()
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_an_expired_token_is_refused_with_a_clear_401(client, make_user):
    token, raw = token_create(user=make_user(), days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = _me(client, raw)
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "token_expired" and "gick ut" in body["detail"]
    assert body["field"] is None
    assert AuditEntry.objects.filter(action="accounts.token.refused").count() == 1


def test_a_revoked_token_is_refused(client, make_user):
    user = make_user()
    token, raw = token_create(user=user)
    token_revoke(actor=user, token=token)
    response = _me(client, raw)
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
    assert "återkallad" in response.json()["detail"]


def test_a_deactivated_users_token_is_refused(client, make_user):
    user = make_user()
    _, raw = token_create(user=user)
    user.is_active = False
    user.save()
    assert _me(client, raw).status_code == 401


def test_guessing_tokens_is_throttled_per_address_with_429_json(client, make_user):
    user = make_user()
    _, raw = token_create(user=user)
    codes = [_me(client, f"gits_gissning{i}").status_code for i in range(LIMIT)]
    assert codes == [401] * (LIMIT - 1) + [429]
    response = _me(client, raw)  # even a valid token, from the locked address
    assert response.status_code == 429
    assert response.json() == {
        "detail": response.json()["detail"],
        "field": None,
        "code": "locked",
    }
    assert "spärrad i 15 minuter" in response.json()["detail"]
    assert _me(client, raw, address="10.9.9.9").status_code == 200  # another address
    assert AuditEntry.objects.filter(action="accounts.login.locked").count() == 1
    assert AuditEntry.objects.filter(action="accounts.login.failed").count() == LIMIT + 1


def test_reads_with_a_wrong_token_count_too(client, db):
    for _ in range(LIMIT):
        client.get(f"{API}/people", headers=_bearer("gits_falsk"))
    assert client.get(f"{API}/people", headers=_bearer("gits_falsk")).status_code == 429
    assert client.get(f"{API}/people").status_code == 200  # anonymous reading is no login


def test_guessing_with_an_owners_prefix_locks_that_owner(client, make_user):
    owner = make_user(username="ägare")
    token, raw = token_create(user=owner)
    for i in range(LIMIT):
        _me(client, f"gits_{token.prefix}gissning{i}", address=f"10.0.1.{i}")
    # five addresses, one failure each: the owner's account is what is locked
    assert _me(client, raw, address="10.0.2.1").status_code == 429
    assert (
        client.post(
            "/konto/logga-in/",
            {"username": "ägare", "password": "test-lösenord-123"},
            REMOTE_ADDR="10.0.2.2",
        ).status_code
        == 429
    )


def test_a_locked_password_login_locks_token_use_from_that_address(client, make_user):
    user = make_user(username="anna")
    _, raw = token_create(user=user)
    for _ in range(LIMIT):
        client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    assert _me(client, raw).status_code == 429


# --- the API ---------------------------------------------------------------------------------


def test_api_lists_own_tokens_and_an_administrator_all(client, make_user, admin_user):
    anna, bertil = make_user(), make_user()
    a, raw_a = token_create(user=anna)
    b, _ = token_create(user=bertil)
    assert {t["id"] for t in _me(client, raw_a).json()} == {a.pk}
    _, raw_admin = token_create(user=admin_user)
    seen = {t["id"] for t in _me(client, raw_admin).json()}
    assert {a.pk, b.pk} <= seen
    only_b = client.get(f"{API}/tokens", {"user_id": bertil.pk}, headers=_bearer(raw_admin)).json()
    assert [t["id"] for t in only_b] == [b.pk]
    assert only_b[0]["prefix"].startswith("gits_") and only_b[0]["active"] is True


def test_api_revokes_own_token_but_not_somebody_elses(client, make_user, admin_user):
    anna, bertil = make_user(), make_user()
    a, raw_a = token_create(user=anna)
    b, raw_b = token_create(user=bertil)
    refused = client.post(f"{API}/tokens/{b.pk}/revoke", headers=_bearer(raw_a))
    assert refused.status_code == 404
    own = client.post(f"{API}/tokens/{a.pk}/revoke", headers=_bearer(raw_a))
    assert own.status_code == 200 and own.json()["active"] is False
    assert _me(client, raw_a).status_code == 401
    _, raw_admin = token_create(user=admin_user)
    other = client.post(f"{API}/tokens/{b.pk}/revoke", headers=_bearer(raw_admin))
    assert other.status_code == 200
    assert _me(client, raw_b).status_code == 401
    assert AuditEntry.objects.filter(action="accounts.token.revoked").count() == 2


# --- the page --------------------------------------------------------------------------------


def test_page_creates_a_token_shown_once(client, lead_user):
    client.force_login(lead_user)
    response = client.post("/konto/api-nycklar/", {"name": "Rapport", "days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=lead_user)
    page = response.content.decode()
    raw = page.split('id="new-token" class="token" value="')[1].split('"')[0]
    assert hash_token(raw) == token.key_hash
    assert response["Cache-Control"] == "no-store"
    again = client.get("/konto/api-nycklar/").content.decode()
    assert raw not in again and token.shown_prefix in again and "Rapport" in again
    assert 29 <= (token.expires_at - timezone.now()).days <= 30


def test_page_refuses_bad_days_beside_the_field(client, lead_user):
    client.force_login(lead_user)
    response = client.post("/konto/api-nycklar/", {"name": "", "days": "0"})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_page_without_the_right_lists_but_does_not_create(client, make_user):
    member = make_user("sitiv_member")
    token_create(user=member, name="från administratören")
    client.force_login(member)
    page = client.get("/konto/api-nycklar/").content.decode()
    assert "från administratören" in page and "Skapa nyckel" not in page
    response = client.post("/konto/api-nycklar/", {"name": "x", "days": "5"})
    assert response.status_code == 400
    assert ApiToken.objects.filter(user=member).count() == 1


def test_page_revokes_own_and_administrator_sees_all(client, make_user, admin_user):
    anna, bertil = make_user(), make_user()
    a, _ = token_create(user=anna)
    b, _ = token_create(user=bertil)
    client.force_login(anna)
    page = client.get("/konto/api-nycklar/").content.decode()
    assert a.shown_prefix in page and b.shown_prefix not in page
    assert client.post(f"/konto/api-nycklar/{b.pk}/aterkalla/").status_code == 404
    client.post(f"/konto/api-nycklar/{a.pk}/aterkalla/")
    assert ApiToken.objects.get(pk=a.pk).revoked_at is not None
    client.force_login(admin_user)
    page = client.get("/konto/api-nycklar/").content.decode()
    assert a.shown_prefix in page and b.shown_prefix in page
    client.post(f"/konto/api-nycklar/{b.pk}/aterkalla/", follow=True)
    assert ApiToken.objects.get(pk=b.pk).revoked_at is not None


def test_page_needs_a_login(client, db):
    assert client.get("/konto/api-nycklar/").status_code == 302


# --- the command line ------------------------------------------------------------------------


def test_cli_create_list_revoke(make_user, capsys):
    make_user(username="api-user")
    call_command("token", "create", "api-user", "--days", "10", "--name", "skript")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(key_hash=hash_token(raw))
    assert token.name == "skript" and 9 <= (token.expires_at - timezone.now()).days <= 10
    call_command("token", "list", "api-user")
    listed = capsys.readouterr().out
    assert token.shown_prefix in listed and "giltig" in listed and raw not in listed
    call_command("token", "revoke", token.shown_prefix)
    assert "återkallad" in capsys.readouterr().out
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    with pytest.raises(CommandError, match="redan återkallad"):
        call_command("token", "revoke", token.prefix)
    with pytest.raises(CommandError, match="Ingen API-nyckel"):
        call_command("token", "revoke", "zzzzzz")
    with pytest.raises(CommandError, match="1–730"):
        call_command("token", "create", "api-user", "--days", "0")


def test_a_valid_token_costs_one_query_with_its_lockout_check(
    client, make_user, django_assert_num_queries
):
    """The token, its owner and the failures counted for the owner and the address come in
    one query; the user's roles and the list are the others."""
    _, raw = token_create(user=make_user())
    _me(client, raw)  # notes the first use
    with django_assert_num_queries(3):
        assert _me(client, raw).status_code == 200
