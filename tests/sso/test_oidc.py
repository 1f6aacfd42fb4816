"""OpenID Connect against a real provider on loopback (Authlib's server), with the test client
as the browser. The walk in a real browser is in test_browser.py."""

import pytest
from django.contrib.auth import get_user_model

from gits.core.models import AuditEntry
from gits.sso.models import ExternalIdentity, RefusedLogin
from tests.sso.flows import OIDC_START, oidc_walk

pytestmark = pytest.mark.django_db


def _actions():
    """The SSO entries (gits.accounts records every login on the user besides)."""
    entries = AuditEntry.objects.filter(action__startswith="sso.").order_by("id")
    return list(entries.values_list("action", flat=True))


def _signed_in_user(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def anna(db):
    return get_user_model().objects.create_user(
        username="anna", email="anna.svensson@kommun.se", first_name="Anna"
    )


def test_sign_in_with_pkce_nonce_and_a_checked_id_token(client, oidc_provider, anna, monkeypatch):
    monkeypatch.setenv("GITS_SSO_ROLE_MAP", "GITS-ledamöter=sitiv_member")
    oidc_provider.user = {
        "sub": "entra-oid-1",
        "email": "Anna.Svensson@kommun.se",
        "groups": ["GITS-ledamöter", "Alla anställda"],
    }
    response = oidc_walk(client, oidc_provider, next_url="/organisationer/")
    assert response.status_code == 302
    assert response["Location"] == "/organisationer/"
    assert _signed_in_user(client) == str(anna.pk)
    # The authorization request carried PKCE (S256) and a nonce; the provider checked them.
    seen = oidc_provider.seen[0]
    assert seen["code_challenge_method"] == "S256" and len(seen["code_challenge"]) >= 43
    assert seen["nonce"] and seen["state"]
    assert "code_verifier" not in seen
    assert list(anna.groups.values_list("name", flat=True)) == ["sitiv_member"]
    identity = ExternalIdentity.objects.get()
    assert (identity.user, identity.issuer, identity.subject) == (
        anna,
        oidc_provider.issuer,
        "entra-oid-1",
    )
    assert _actions() == ["sso.identity.linked", "sso.roles.changed", "sso.login.succeeded"]
    roles = AuditEntry.objects.get(action="sso.roles.changed")
    assert roles.changes == {"roles": [[], ["Ledamot i SITIV"]]}
    assert roles.actor == anna and roles.parent_id == str(anna.pk)


def test_a_linked_identity_signs_in_again_without_the_claim(client, oidc_provider, anna):
    oidc_provider.user = {"sub": "entra-oid-1", "email": anna.email}
    oidc_walk(client, oidc_provider)
    client.logout()
    oidc_provider.user = {"sub": "entra-oid-1", "email": "nytt.namn@kommun.se"}
    oidc_walk(client, oidc_provider)
    assert _signed_in_user(client) == str(anna.pk)
    assert _actions().count("sso.login.succeeded") == 2
    assert _actions().count("sso.identity.linked") == 1


@pytest.mark.parametrize(
    ("mode", "why"),
    [
        ("wrong_audience", "Invalid claim: 'aud'"),
        ("bad_signature", "BadSignatureError"),
        ("bad_nonce", "Invalid claim: 'nonce'"),
        ("expired", "ExpiredTokenError"),
    ],
)
def test_a_token_that_fails_a_check_is_refused(client, oidc_provider, anna, mode, why):
    oidc_provider.mode = mode
    oidc_provider.user = {"sub": "entra-oid-1", "email": anna.email}
    response = oidc_walk(client, oidc_provider)
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"
    assert _signed_in_user(client) is None
    refused = RefusedLogin.objects.get()
    assert refused.reason == RefusedLogin.Reason.PROTOCOL
    assert why in refused.detail
    assert refused.protocol == "oidc" and refused.issuer == oidc_provider.issuer
    assert _actions() == ["sso.login.failed"]
    assert not ExternalIdentity.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "kunde inte godkännas" in page


def test_an_unknown_user_is_refused_when_accounts_are_not_created(client, oidc_provider):
    oidc_provider.user = {"sub": "okand", "email": "okand@kommun.se"}
    oidc_walk(client, oidc_provider)
    assert _signed_in_user(client) is None
    refused = RefusedLogin.objects.get()
    assert (refused.reason, refused.claimed) == ("unknown_user", "okand@kommun.se")
    entry = AuditEntry.objects.get()
    assert entry.action == "sso.login.failed" and entry.actor is None
    assert not get_user_model().objects.filter(email="okand@kommun.se").exists()


def test_first_sign_in_creates_the_account_where_configuration_allows(
    client, oidc_provider, monkeypatch
):
    monkeypatch.setenv("GITS_SSO_CREATE_USERS", "1")
    monkeypatch.setenv("GITS_SSO_ROLE_MAP", "kontakt=municipal_contact")
    oidc_provider.user = {
        "sub": "ny",
        "email": "ny.person@kommun.se",
        "given_name": "Nils",
        "family_name": "Ny",
        "groups": ["kontakt"],
    }
    oidc_walk(client, oidc_provider)
    user = get_user_model().objects.get(email="ny.person@kommun.se")
    assert _signed_in_user(client) == str(user.pk)
    assert (user.username, user.first_name, user.last_name) == ("ny.person@kommun.se", "Nils", "Ny")
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["municipal_contact"]
    assert _actions() == [
        "sso.account.created",
        "sso.identity.linked",
        "sso.roles.changed",
        "sso.login.succeeded",
    ]


def test_a_callback_this_browser_did_not_start_is_refused(client, oidc_provider, anna):
    response = client.get("/konto/sso/oidc/svar/", {"code": "x", "state": "not-mine"})
    assert response["Location"] == "/konto/logga-in/"
    assert RefusedLogin.objects.get().reason == "session"


def test_an_error_from_the_provider_is_refused(client, oidc_provider):
    response = client.get(
        "/konto/sso/oidc/svar/", {"error": "access_denied", "error_description": "nej"}
    )
    assert response["Location"] == "/konto/logga-in/"
    assert RefusedLogin.objects.get().reason == "provider"


def test_a_discovery_document_for_another_issuer_is_refused(client, oidc_provider, monkeypatch):
    monkeypatch.setenv("GITS_OIDC_ISSUER", oidc_provider.issuer + "/")
    response = client.get(OIDC_START)
    assert response["Location"] == "/konto/logga-in/"
    assert RefusedLogin.objects.get().reason == "protocol"


def test_a_provider_that_cannot_be_reached_is_refused(client, monkeypatch):
    monkeypatch.setenv("GITS_OIDC_ISSUER", "http://127.0.0.1:9")
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", "gits")
    response = client.get(OIDC_START)
    assert response["Location"] == "/konto/logga-in/"
    assert RefusedLogin.objects.get().reason == "unavailable"
