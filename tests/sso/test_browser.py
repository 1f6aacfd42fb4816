"""The sign-in walked in Chromium against the identity providers on loopback.

GITS runs on localhost, the providers on 127.0.0.1: another site, as an IdP is in production,
so the browser's SameSite rules apply (the SAML POST arrives without GITS's cookies)."""

import os
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from gits.core.models import AuditEntry
from gits.sso.models import RefusedLogin
from tests.browser.conftest import assert_accessible
from tests.sso.test_saml import HSA_ID, SITHS_IDENTITY

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser

LOGIN = "/konto/logga-in/"


@pytest.fixture
def site(transactional_db, live_server):
    return live_server


def _login_page(page, site, next_url=""):
    page.goto(site.url + LOGIN + (f"?next={next_url}" if next_url else ""))
    assert_accessible(page)


def _refused(page, site, text):
    """Back on the login page, not signed in, told why (in a message axe accepts)."""
    expect(page).to_have_url(re.compile(re.escape(site.url + LOGIN) + "$"))
    expect(page.locator(".messages")).to_contain_text(text)
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)
    assert_accessible(page)


def test_oidc_sign_in_in_the_browser(page, site, oidc_provider, monkeypatch):
    monkeypatch.setenv("GITS_SSO_ROLE_MAP", "gits-kontakter=municipal_contact")
    user = get_user_model().objects.create_user(
        username="eva", email="eva.berg@kommun.se", first_name="Eva", last_name="Berg"
    )
    oidc_provider.user = {"sub": "oid-eva", "email": user.email, "groups": ["gits-kontakter"]}
    _login_page(page, site, next_url="/organisationer/")
    page.get_by_role("link", name="Logga in med organisationens konto (Entra ID)").click()
    expect(page).to_have_url(site.url + "/organisationer/")
    expect(page.locator(".user-name")).to_contain_text("Eva Berg")
    expect(page.locator(".user-name")).to_contain_text("Kommunkontakt")
    assert_accessible(page)
    assert oidc_provider.seen[0]["code_challenge_method"] == "S256"
    assert AuditEntry.objects.filter(action="sso.login.succeeded", actor=user).exists()


def test_oidc_refusals_in_the_browser(page, site, oidc_provider):
    get_user_model().objects.create_user(username="eva", email="eva.berg@kommun.se")
    attempts = [
        (
            "wrong_audience",
            {"sub": "oid-eva", "email": "eva.berg@kommun.se"},
            "kunde inte godkännas",
        ),
        (
            "bad_signature",
            {"sub": "oid-eva", "email": "eva.berg@kommun.se"},
            "kunde inte godkännas",
        ),
        ("bad_nonce", {"sub": "oid-eva", "email": "eva.berg@kommun.se"}, "kunde inte godkännas"),
        ("ok", {"sub": "oid-okand", "email": "okand@kommun.se"}, "inte kopplat till någon"),
    ]
    for mode, claims, text in attempts:
        oidc_provider.mode, oidc_provider.user = mode, claims
        _login_page(page, site)
        page.get_by_role("link", name="Logga in med organisationens konto (Entra ID)").click()
        _refused(page, site, text)
    reasons = list(RefusedLogin.objects.order_by("id").values_list("reason", flat=True))
    assert reasons == ["protocol", "protocol", "protocol", "unknown_user"]
    assert AuditEntry.objects.filter(action="sso.login.failed").count() == 4


@pytest.fixture
def siths(saml_idp, site, monkeypatch):
    monkeypatch.setenv("GITS_SAML_MATCH_ATTRIBUTE", "urn:oid:1.2.752.29.6.2.1")
    monkeypatch.setenv("GITS_SSO_MATCH_FIELD", "username")
    saml_idp.sp_metadata_url = site.url + "/konto/sso/saml/metadata/"
    saml_idp.identity = dict(SITHS_IDENTITY)
    return saml_idp


def test_saml_sign_in_in_the_browser(page, site, siths):
    get_user_model().objects.create_user(username=HSA_ID, first_name="Sara", last_name="Lind")
    _login_page(page, site, next_url="/organisationer/")
    page.get_by_role("link", name="Logga in med organisationens konto (SITHS eID)").click()
    expect(page).to_have_url(site.url + "/organisationer/")
    expect(page.locator(".user-name")).to_contain_text("Sara Lind")
    assert_accessible(page)
    assert AuditEntry.objects.filter(action="sso.login.succeeded").count() == 1


def test_saml_refusals_in_the_browser(page, site, siths):
    get_user_model().objects.create_user(username=HSA_ID)
    for mode in ["wrong_audience", "expired", "unsigned"]:
        siths.mode = mode
        _login_page(page, site)
        page.get_by_role("link", name="Logga in med organisationens konto (SITHS eID)").click()
        _refused(page, site, "kunde inte godkännas")
    siths.mode = "ok"
    siths.identity = {**SITHS_IDENTITY, "urn:oid:1.2.752.29.6.2.1": ["SE2321000131-E999"]}
    _login_page(page, site)
    page.get_by_role("link", name="Logga in med organisationens konto (SITHS eID)").click()
    _refused(page, site, "inte kopplat till någon")
    reasons = list(RefusedLogin.objects.order_by("id").values_list("reason", flat=True))
    assert reasons == ["protocol", "protocol", "protocol", "unknown_user"]
