"""SAML 2.0 against a real IdP on loopback (pysaml2's server, signing and encrypting with
xmlsec1), with the test client as the browser. The walk in a real browser is in
test_browser.py."""

import base64

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from gits.core.models import AuditEntry
from gits.sso.models import ExternalIdentity, RefusedLogin
from tests.sso.flows import SAML_METADATA, saml_post, saml_response, saml_walk

pytestmark = pytest.mark.django_db

HSA_ID = "SE2321000131-E000000012345"
SITHS_IDENTITY = {
    # As a SITHS eID IdP sends them: HSA-id and names by their eID Framework URIs.
    "urn:oid:1.2.752.29.6.2.1": [HSA_ID],
    "urn:oid:1.2.752.29.4.13": ["197001011234"],
    "givenName": ["Sara"],
    "sn": ["Lind"],
    "mail": ["sara.lind@vgregion.se"],
    "urn:oid:1.2.840.113556.1.2.102": ["CN=GITS Funktionsledare,OU=Grupper,DC=vgr"],
}


@pytest.fixture
def siths(saml_idp, monkeypatch):
    """The IdP signs in a SITHS user; GITS matches the HSA-id to the username."""
    monkeypatch.setenv("GITS_SAML_MATCH_ATTRIBUTE", "urn:oid:1.2.752.29.6.2.1")
    monkeypatch.setenv("GITS_SSO_MATCH_FIELD", "username")
    saml_idp.identity = dict(SITHS_IDENTITY)
    return saml_idp


@pytest.fixture
def sara(db):
    return get_user_model().objects.create_user(username=HSA_ID, email="sara@example.se")


def _actions():
    """The SSO entries (gits.accounts records every login on the user besides)."""
    entries = AuditEntry.objects.filter(action__startswith="sso.").order_by("id")
    return list(entries.values_list("action", flat=True))


def test_sp_metadata_is_served_by_the_app(client, saml_idp):
    response = client.get(SAML_METADATA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/samlmetadata+xml"
    xml = response.content.decode()
    assert 'entityID="http://testserver/konto/sso/saml/metadata/"' in xml
    assert 'Location="http://testserver/konto/sso/saml/acs/"' in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml
    assert "<ds:Signature" in xml or "Signature>" in xml  # signed with the SP key


def test_sign_in_with_a_signed_encrypted_assertion_and_hsa_id(client, siths, sara, monkeypatch):
    monkeypatch.setenv("GITS_SAML_GROUPS_ATTRIBUTE", "memberOf")
    monkeypatch.setenv(
        "GITS_SSO_ROLE_MAP", "CN=GITS Funktionsledare,OU=Grupper,DC=vgr=function_lead"
    )
    sara.groups.add(Group.objects.get_or_create(name="sitiv_member")[0])  # given by hand: stays
    action, fields = saml_response(client, siths)
    posted = base64.b64decode(fields["SAMLResponse"]).decode()
    assert "EncryptedAssertion" in posted and "<saml:Assertion" not in posted
    response = saml_post(client, action, fields)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(sara.pk)
    assert siths.seen[0]["signed"]  # the AuthnRequest was signed with the SP key
    identity = ExternalIdentity.objects.get()
    assert (identity.protocol, identity.issuer, identity.subject) == (
        "saml",
        siths.entity_id,
        HSA_ID,
    )
    assert set(sara.groups.values_list("name", flat=True)) == {"function_lead", "sitiv_member"}
    assert _actions() == ["sso.identity.linked", "sso.roles.changed", "sso.login.succeeded"]


@pytest.mark.parametrize(
    ("mode", "why"),
    [
        ("wrong_audience", "AudienceRestrictions"),
        ("expired", "Condition not OK"),
        ("unsigned", "Signature missing for assertion"),
    ],
)
def test_an_assertion_that_fails_a_check_is_refused(client, siths, sara, mode, why):
    siths.mode = mode
    response = saml_walk(client, siths)
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"
    assert "_auth_user_id" not in client.session
    refused = RefusedLogin.objects.get()
    assert (refused.protocol, refused.reason) == ("saml", "protocol")
    assert why in refused.detail
    assert _actions() == ["sso.login.failed"]
    assert not ExternalIdentity.objects.exists()


def test_an_unknown_user_is_refused(client, siths):
    saml_walk(client, siths)
    assert "_auth_user_id" not in client.session
    refused = RefusedLogin.objects.get()
    assert (refused.reason, refused.claimed) == ("unknown_user", HSA_ID)
    assert refused.issuer == siths.entity_id


def test_an_unknown_user_gets_an_account_when_configuration_allows(client, siths, monkeypatch):
    monkeypatch.setenv("GITS_SSO_CREATE_USERS", "true")
    saml_walk(client, siths)
    user = get_user_model().objects.get(username=HSA_ID)
    assert (user.first_name, user.last_name, user.email) == (
        "Sara",
        "Lind",
        "sara.lind@vgregion.se",
    )
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "sso.account.created" in _actions()


def test_a_response_posted_in_another_browser_is_refused(client, siths, sara):
    action, fields = saml_response(client, siths)
    other = Client()
    saml_post(other, action, fields)
    assert "_auth_user_id" not in other.session
    assert RefusedLogin.objects.get().reason == "session"


def test_a_response_cannot_be_used_twice(client, siths, sara):
    action, fields = saml_response(client, siths)
    saml_post(client, action, fields)
    client.logout()
    saml_post(client, action, fields)
    assert "_auth_user_id" not in client.session
    assert RefusedLogin.objects.get().reason == "session"


def test_a_forged_post_is_refused(client, siths):
    response = client.post("/konto/sso/saml/acs/", {"SAMLResponse": "PHNhbWw+"})
    assert response["Location"] == "/konto/logga-in/"
    assert RefusedLogin.objects.get().reason == "protocol"


def test_idp_metadata_from_a_url(client, siths, sara, monkeypatch):
    monkeypatch.setenv("GITS_SAML_IDP_METADATA", siths.base + "/metadata")
    saml_walk(client, siths)
    assert client.session["_auth_user_id"] == str(sara.pk)


def test_the_eid_framework_loa_is_requested_when_configured(client, siths, monkeypatch):
    loa = "http://id.elegnamnden.se/loa/1.0/loa3"
    monkeypatch.setenv("GITS_SAML_AUTHN_CONTEXT", loa)
    siths.sp_metadata = client.get(SAML_METADATA).content.decode()
    location = client.get("/konto/sso/saml/logga-in/")["Location"]
    requests.get(location, timeout=10)
    assert loa in siths.seen[-1]["xml"] and 'Comparison="exact"' in siths.seen[-1]["xml"]


def test_without_an_sp_key_the_metadata_offers_no_key(client, saml_idp, monkeypatch):
    monkeypatch.delenv("GITS_SAML_SP_KEY")
    monkeypatch.delenv("GITS_SAML_SP_CERT")
    monkeypatch.setenv("GITS_SAML_SP_ENTITY_ID", "https://gits.vgregion.se/saml")
    xml = client.get(SAML_METADATA).content.decode()
    assert 'entityID="https://gits.vgregion.se/saml"' in xml
    assert "KeyDescriptor" not in xml and 'AuthnRequestsSigned="false"' in xml
