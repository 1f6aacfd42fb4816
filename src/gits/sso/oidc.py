"""OpenID Connect: the authorization code flow with PKCE (S256), through Authlib.

Discovery (`/.well-known/openid-configuration` under the issuer) gives the endpoints and the
signing keys. The ID token is checked by Authlib against the discovered keys (signature), the
issuer, the audience (our client id), its validity in time and the nonce kept in the session
from the start of the sign-in; a response without an ID token is refused."""

from __future__ import annotations

import threading
import time

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from joserfc.errors import JoseError

from gits.sso.attributes import as_lists
from gits.sso.conf import OidcSettings
from gits.sso.models import Protocol, RefusedLogin
from gits.sso.services import SignIn, SsoRefused

Reason = RefusedLogin.Reason

TIMEOUT = 10  # seconds for each call to the provider
METADATA_MAX_AGE = 24 * 3600  # discovery is read again after a day (key rotation)
# Signing algorithms accepted for the ID token: asymmetric only, never "none".
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]

_clients: dict[OidcSettings, tuple[float, DjangoOAuth2App]] = {}
_lock = threading.Lock()


def client(config: OidcSettings) -> DjangoOAuth2App:
    """The Authlib client for this configuration, its discovery cached for a day."""
    with _lock:
        made, app = _clients.get(config, (0.0, None))
        if app is None or time.monotonic() - made > METADATA_MAX_AGE:
            kwargs = {
                "scope": config.scopes,
                "code_challenge_method": "S256",
                "default_timeout": TIMEOUT,
                # A confidential client authenticates with its secret; a public one has PKCE.
                "token_endpoint_auth_method": (
                    "client_secret_basic" if config.client_secret else "none"
                ),
            }
            app = DjangoOAuth2App(
                DjangoIntegration("gits_oidc"),
                name="gits_oidc",
                client_id=config.client_id,
                client_secret=config.client_secret or None,
                server_metadata_url=config.discovery_url,
                client_kwargs=kwargs,
            )
            _clients.clear()
            _clients[config] = (time.monotonic(), app)
        return app


def _metadata(app: DjangoOAuth2App, config: OidcSettings) -> dict:
    try:
        metadata = app.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise SsoRefused(Reason.UNAVAILABLE, detail=f"discovery: {error}") from error
    if metadata.get("issuer") != config.issuer:
        raise SsoRefused(
            Reason.PROTOCOL,
            detail=f"discovery names issuer {metadata.get('issuer')!r}, not {config.issuer!r}",
        )
    if "S256" not in metadata.get("code_challenge_methods_supported", ["S256"]):
        raise SsoRefused(Reason.PROTOCOL, detail="the provider does not support PKCE S256")
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    # Authlib takes the accepted algorithms from the metadata: keep only the safe ones.
    metadata["id_token_signing_alg_values_supported"] = [a for a in offered if a in ALGORITHMS]
    return metadata


def authorize_redirect(request, *, config: OidcSettings, redirect_uri: str):
    """The redirect to the provider; state, nonce and the PKCE verifier stay in the session."""
    app = client(config)
    _metadata(app, config)
    try:
        return app.authorize_redirect(request, redirect_uri)
    except (AuthlibBaseError, requests.RequestException) as error:
        raise SsoRefused(Reason.UNAVAILABLE, detail=str(error)) from error


def _first(claims: dict[str, list[str]], name: str) -> str:
    values = claims.get(name) or []
    return values[0] if values else ""


def sign_in_from_callback(request, *, config: OidcSettings) -> SignIn:
    """Exchange the code and check the ID token; the checked claims as a SignIn.
    Raises SsoRefused for every failure, with the technical reason as detail."""
    if request.GET.get("error"):
        description = request.GET.get("error_description", "")
        raise SsoRefused(Reason.PROVIDER, detail=f"{request.GET['error']}: {description}")
    app = client(config)
    metadata = _metadata(app, config)
    state = request.GET.get("state", "")
    if not state or app.framework.get_state_data(request.session, state) is None:
        raise SsoRefused(Reason.SESSION, detail="state saknas eller är okänt")
    claims_options = {
        "iss": {"essential": True, "values": [metadata["issuer"]]},
        "sub": {"essential": True},
        # Authlib checks the audience only against these values: our client id must be in it.
        "aud": {"essential": True, "values": [config.client_id]},
        "exp": {"essential": True},
        "iat": {"essential": True},
        "nonce": {"essential": True},
    }
    try:
        token = app.authorize_access_token(request, claims_options=claims_options, leeway=60)
    except requests.RequestException as error:
        raise SsoRefused(Reason.UNAVAILABLE, detail=f"token: {error}") from error
    except (AuthlibBaseError, JoseError, ValueError, KeyError) as error:
        raise SsoRefused(Reason.PROTOCOL, detail=f"{type(error).__name__}: {error}") from error
    id_claims = token.get("userinfo")
    if not id_claims:
        raise SsoRefused(Reason.PROTOCOL, detail="svaret saknar ID-token")
    claims = as_lists(dict(id_claims))
    wanted = [config.match_claim, *config.groups_claims]
    if metadata.get("userinfo_endpoint") and not all(claims.get(n) for n in wanted):
        # Claims left out of the ID token come from the UserInfo endpoint, for the same sub.
        try:
            extra = app.userinfo(token=token)
        except (requests.RequestException, AuthlibBaseError, ValueError) as error:
            raise SsoRefused(Reason.UNAVAILABLE, detail=f"userinfo: {error}") from error
        if extra.get("sub") == id_claims["sub"]:
            for name, values in as_lists(dict(extra)).items():
                claims.setdefault(name, values)
    groups = [value for name in config.groups_claims for value in claims.get(name, [])]
    return SignIn(
        protocol=Protocol.OIDC,
        issuer=str(id_claims["iss"]),
        subject=str(id_claims["sub"]),
        claimed=_first(claims, config.match_claim),
        groups=groups,
        given_name=_first(claims, "given_name"),
        family_name=_first(claims, "family_name"),
        email=_first(claims, "email"),
    )
