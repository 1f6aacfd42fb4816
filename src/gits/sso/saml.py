"""SAML 2.0 Web Browser SSO as a service provider, through pysaml2 (which signs and checks
with the xmlsec1 program).

The request goes out by HTTP-Redirect (signed when the service provider has a key), the
response comes back by HTTP-POST. pysaml2 checks the IdP's signature on the assertion (an
unsigned assertion is refused), the audience, the destination and the validity in time, and
decrypts an encrypted assertion with our key. Since the identity provider posts from another
site, the browser sends no session cookie with that POST: the checked result travels
encrypted to a GET of our own (/klar/), where the session proves that this browser began the
sign-in and that the response answers its request (InResponseTo)."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import shutil
import threading
import time
from dataclasses import asdict

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import create_metadata_string
from saml2.response import StatusError
from saml2.saml import AuthnContextClassRef
from saml2.samlp import RequestedAuthnContext

from gits.sso.attributes import normalise
from gits.sso.conf import SamlSettings
from gits.sso.models import Protocol, RefusedLogin
from gits.sso.services import SignIn, SsoRefused

logger = logging.getLogger(__name__)
Reason = RefusedLogin.Reason

CONFIG_MAX_AGE = 3600  # the IdP's metadata is read again after an hour
RESULT_MAX_AGE = 120  # seconds from the IdP's POST to our GET
CLOCK_SKEW = 60  # seconds of difference between the IdP's clock and ours

_configs: dict[tuple, tuple[float, SPConfig]] = {}
_lock = threading.Lock()


def sp_config(settings_: SamlSettings, *, entity_id: str, acs_url: str) -> SPConfig:
    """pysaml2's configuration of GITS as a service provider (cached for an hour, so remote
    metadata is not fetched at every sign-in)."""
    key = (settings_, entity_id, acs_url)
    with _lock:
        made, config = _configs.get(key, (0.0, None))
        if config is not None and time.monotonic() - made < CONFIG_MAX_AGE:
            return config
    if settings_.metadata_is_url:
        metadata = {
            "remote": [{"url": settings_.idp_metadata, "cert": settings_.idp_metadata_cert or None}]
        }
    else:
        metadata = {"local": [settings_.idp_metadata]}
    signing = bool(settings_.sp_key)
    data: dict = {
        "entityid": entity_id,
        "xmlsec_binary": shutil.which("xmlsec1"),
        "metadata": metadata,
        "allow_unknown_attributes": True,
        "accepted_time_diff": CLOCK_SKEW,
        "service": {
            "sp": {
                "name": "GITS",
                "endpoints": {"assertion_consumer_service": [(acs_url, BINDING_HTTP_POST)]},
                # InResponseTo is checked by GITS against the session (see /klar/).
                "allow_unsolicited": True,
                "authn_requests_signed": signing,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "only_use_keys_in_metadata": True,
            }
        },
    }
    if signing:
        data.update(
            key_file=settings_.sp_key,
            cert_file=settings_.sp_cert,
            encryption_keypairs=[{"key_file": settings_.sp_key, "cert_file": settings_.sp_cert}],
        )
    config = SPConfig()
    try:
        config.load(data)
    except Exception as error:  # a metadata fetch or parse failure, whatever its type
        raise SsoRefused(Reason.UNAVAILABLE, detail=f"metadata: {error}") from error
    with _lock:
        _configs.clear()
        _configs[key] = (time.monotonic(), config)
    return config


def idp_entity_id(settings_: SamlSettings, client: Saml2Client) -> str:
    if settings_.idp_entity_id:
        return settings_.idp_entity_id
    providers = client.metadata.identity_providers()
    if len(providers) != 1:
        raise SsoRefused(
            Reason.UNAVAILABLE,
            detail=f"metadata holds {len(providers)} identity providers: set GITS_SAML_IDP_ENTITY_ID",
        )
    return providers[0]


def authn_request(settings_: SamlSettings, config: SPConfig) -> tuple[str, str]:
    """The id of a new AuthnRequest and the URL that carries it to the identity provider."""
    client = Saml2Client(config)
    kwargs = {}
    if settings_.authn_context:
        kwargs["requested_authn_context"] = RequestedAuthnContext(
            authn_context_class_ref=[AuthnContextClassRef(text=c) for c in settings_.authn_context],
            comparison="exact",
        )
    request_id, info = client.prepare_for_authenticate(
        entityid=idp_entity_id(settings_, client),
        binding=BINDING_HTTP_REDIRECT,
        response_binding=BINDING_HTTP_POST,
        **kwargs,
    )
    return request_id, dict(info["headers"])["Location"]


def metadata_xml(settings_: SamlSettings, config: SPConfig) -> str:
    """GITS's SP metadata: entity id, ACS, certificate for signing and encryption; signed with
    our key when there is one."""
    xml = create_metadata_string(None, config=config, sign=bool(settings_.sp_key))
    return xml.decode() if isinstance(xml, bytes) else xml


def check_response(settings_: SamlSettings, config: SPConfig, saml_response: str) -> dict:
    """Parse and check the IdP's POSTed response; the sign-in and the request it answers.
    Raises SsoRefused."""
    client = Saml2Client(config)
    try:
        response = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST)
    except StatusError as error:
        raise SsoRefused(Reason.PROVIDER, detail=f"{type(error).__name__}: {error}") from error
    except Exception as error:  # pysaml2 raises many types (and bare Exception) for bad input
        raise SsoRefused(Reason.PROTOCOL, detail=f"{type(error).__name__}: {error}") from error
    if response is None or response.assertion is None:
        raise SsoRefused(Reason.PROTOCOL, detail="svaret kunde inte tolkas")
    attributes = normalise(response.ava or {})
    name_id = response.name_id.text.strip() if response.name_id is not None else ""
    claimed = (attributes.get(settings_.match_attribute) or [""])[0]
    groups = [v for name in settings_.groups_attributes for v in attributes.get(name, [])]
    first = lambda name: (attributes.get(name) or [""])[0]  # noqa: E731
    sign_in = SignIn(
        protocol=Protocol.SAML,
        # The assertion's issuer: the one whose signature was checked.
        issuer=(response.assertion.issuer.text or "").strip() or response.issuer(),
        # The configured attribute is stable by choice; a transient NameID would not be.
        subject=claimed or name_id,
        claimed=claimed,
        groups=groups,
        given_name=first("givenName"),
        family_name=first("sn"),
        email=first("mail"),
    )
    return {"in_response_to": response.in_response_to or "", "sign_in": asdict(sign_in)}


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"gits.sso.saml.result:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(result: dict) -> str:
    """The checked result, encrypted and timestamped, to travel in our own redirect."""
    return _fernet().encrypt(json.dumps(result).encode()).decode()


def unseal(token: str) -> dict:
    try:
        return json.loads(_fernet().decrypt(token.encode(), ttl=RESULT_MAX_AGE))
    except (InvalidToken, ValueError) as error:
        raise SsoRefused(
            Reason.SESSION, detail="resultatet är för gammalt eller ogiltigt"
        ) from error
