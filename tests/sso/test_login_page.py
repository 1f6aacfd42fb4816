"""The login page: unchanged without SSO, with a button per configured identity provider."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


def test_without_configuration_the_login_page_is_the_local_one(client):
    html = client.get(LOGIN).content.decode()
    assert "organisationens konto" not in html
    assert "/konto/sso/" not in html
    assert 'id="id_username"' in html and 'id="id_password"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/konto/sso/oidc/logga-in/",
        "/konto/sso/oidc/svar/",
        "/konto/sso/saml/logga-in/",
        "/konto/sso/saml/klar/",
        "/konto/sso/saml/metadata/",
    ],
)
def test_without_configuration_the_sso_addresses_do_not_exist(client, path):
    assert client.get(path).status_code == 404
    assert client.post("/konto/sso/saml/acs/").status_code == 404


def test_each_configured_provider_has_a_button_that_keeps_the_next_page(
    client, monkeypatch, tmp_path
):
    metadata = tmp_path / "idp.xml"
    metadata.write_text("<md/>")
    monkeypatch.setenv("GITS_OIDC_ISSUER", "https://login.microsoftonline.com/t/v2.0")
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", "gits")
    monkeypatch.setenv("GITS_OIDC_NAME", "Microsoft Entra ID")
    monkeypatch.setenv("GITS_SAML_IDP_METADATA", str(metadata))
    monkeypatch.setenv("GITS_SAML_NAME", "SITHS eID")
    html = client.get(LOGIN, {"next": "/beslut/?ar=2026"}).content.decode()
    assert "Logga in med organisationens konto (Microsoft Entra ID)" in html
    assert "Logga in med organisationens konto (SITHS eID)" in html
    assert 'href="/konto/sso/oidc/logga-in/?next=%2Fbeslut%2F%3Far%3D2026"' in html
    assert 'href="/konto/sso/saml/logga-in/?next=%2Fbeslut%2F%3Far%3D2026"' in html
    assert 'id="id_password"' in html  # the local login stays beside them


def test_a_next_page_on_another_site_is_not_followed(client, monkeypatch):
    monkeypatch.setenv("GITS_OIDC_ISSUER", "http://127.0.0.1:9")
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", "gits")
    client.get("/konto/sso/oidc/logga-in/", {"next": "https://evil.example/"})
    assert client.session["sso_next"] == ""


def test_the_buttons_speak_english_too():
    providers = [{"name": "SITHS eID", "url": "/konto/sso/saml/logga-in/"}]
    with translation.override("en"):
        html = render_to_string("sso/buttons.html", {"providers": providers})
    assert "Sign in with your organisation's account (SITHS eID)" in html
