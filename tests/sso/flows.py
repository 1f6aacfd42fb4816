"""Walking a sign-in with Django's test client as the browser, against the real providers
over HTTP: the test client plays the browser's part (following the redirects and posting the
IdP's form), everything else is the protocol as it runs in production."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import requests

OIDC_START = "/konto/sso/oidc/logga-in/"
SAML_START = "/konto/sso/saml/logga-in/"
SAML_METADATA = "/konto/sso/saml/metadata/"


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def oidc_walk(client, provider, *, next_url: str = ""):
    """Start, let the provider answer, come back; the response of GITS's callback."""
    start = client.get(OIDC_START, {"next": next_url} if next_url else {})
    assert start.status_code == 302, start
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return client.get(_local(answer.headers["Location"]))


def saml_form(page: str) -> tuple[str, dict[str, str]]:
    """The action and fields of the IdP's auto-posting form."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    fields = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)
    }
    return action, fields


def saml_response(client, idp) -> tuple[str, dict[str, str]]:
    """Start a SAML sign-in and get the IdP's answer (not yet posted)."""
    idp.sp_metadata = client.get(SAML_METADATA).content.decode()
    start = client.get(SAML_START)
    assert start.status_code == 302, start
    assert start["Location"].startswith(idp.base + "/sso?")
    page = requests.get(start["Location"], timeout=10)
    assert page.status_code == 200, page.text
    return saml_form(page.text)


def saml_post(client, action: str, fields: dict[str, str]):
    """Post the IdP's form to the ACS and follow GITS's own redirect to /klar/."""
    posted = client.post(_local(action), fields)
    assert posted.status_code == 302, posted
    if "/konto/sso/saml/klar/" in posted["Location"]:
        return client.get(_local(posted["Location"]))
    return posted


def saml_walk(client, idp):
    return saml_post(client, *saml_response(client, idp))
