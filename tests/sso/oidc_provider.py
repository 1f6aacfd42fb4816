"""A real OpenID Connect provider on loopback, for the tests: Authlib's authorization server
(authorization code grant, PKCE required, OpenID Connect ID tokens signed with RS256) behind a
small HTTP server in a thread. GITS talks to it over HTTP as it would to Entra ID.

It signs every request in as `user` (no login form: the provider's own login is not what is
tested). `mode` makes it misbehave the way a broken or hostile provider would:
"wrong_audience", "bad_signature", "bad_nonce" or "expired"."""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from authlib.oauth2 import AuthorizationServer, OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Payload, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from joserfc.jwk import KeySet, RSAKey


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in scope.split() if s in {"openid", "email", "profile"})

    def check_redirect_uri(self, redirect_uri):
        # Registered on first use: the live server's port is chosen at random.
        if not self.redirect_uris:
            self.redirect_uris.append(redirect_uri)
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return hmac.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: dict
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


class _Payload(OAuth2Payload):
    def __init__(self, data: dict):
        self._data = data

    @property
    def data(self):
        return self._data

    @property
    def datalist(self):
        return {k: [v] for k, v in self._data.items()}


class _Request(OAuth2Request):
    def __init__(self, method, uri, headers, args: dict, form: dict):
        super().__init__(method, uri, headers=headers)
        self._args, self._form = args, form
        self.payload = _Payload({**args, **form})

    @property
    def args(self):
        return self._args

    @property
    def form(self):
        return self._form


_KEYS: list[RSAKey] = []


def _keys() -> tuple[RSAKey, RSAKey]:
    """The provider's signing key and a forged one with the same key id (made once: RSA key
    generation takes a moment)."""
    while len(_KEYS) < 2:
        _KEYS.append(RSAKey.generate_key(2048, parameters={"kid": "test-1"}, private=True))
    return _KEYS[0], _KEYS[1]


class OidcProvider:
    def __init__(self, *, client_id="gits-test", client_secret=None):
        self.client = Client(client_id, client_secret or secrets.token_urlsafe(24))
        # A token signed with the forged key fails the signature check against the JWKS.
        self.key, self.forged_key = _keys()
        self.user: dict = {"sub": "anna-sub"}
        self.mode = "ok"
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, dict] = {}
        self.seen: list[dict] = []  # the authorization requests, to check PKCE and nonce
        self.server = self._authorization_server()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- the Authlib server ------------------------------------------------------------------

    def _authorization_server(self) -> AuthorizationServer:
        provider = self

        class Server(AuthorizationServer):
            def query_client(self, client_id):
                return provider.client if client_id == provider.client.client_id else None

            def save_token(self, token, request):
                provider.tokens[token["access_token"]] = request.user

            def create_oauth2_request(self, request):
                return request

            def handle_response(self, status, body, headers):
                return status, body, headers

            def send_signal(self, name, *args, **kwargs):
                pass

        class Grant(AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

            def save_authorization_code(self, code, request):
                data = request.payload.data
                provider.codes[code] = Code(
                    code=code,
                    client_id=request.client.client_id,
                    redirect_uri=data.get("redirect_uri", ""),
                    scope=request.payload.scope,
                    user=request.user,
                    nonce=data.get("nonce"),
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                )

            def query_authorization_code(self, code, client):
                found = provider.codes.get(code)
                return found if found and found.client_id == client.client_id else None

            def delete_authorization_code(self, authorization_code):
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.user

        class IdToken(OpenIDCode):
            def resolve_client_private_key(self, client):
                return provider.forged_key if provider.mode == "bad_signature" else provider.key

            def get_client_algorithm(self, client):
                return "RS256"

            def get_encode_header(self, client):
                return {"alg": "RS256", "kid": "test-1"}

            def get_client_claims(self, client):
                now = int(time.time())
                audience = "someone-else" if provider.mode == "wrong_audience" else client.client_id
                lifetime = -600 if provider.mode == "expired" else 300
                iat = now - 900 if provider.mode == "expired" else now
                return {
                    "iss": provider.issuer,
                    "aud": [audience],
                    "exp": now + lifetime,
                    "iat": iat,
                }

            def get_authorization_code_claims(self, authorization_code):
                claims = super().get_authorization_code_claims(authorization_code)
                if provider.mode == "bad_nonce":
                    claims["nonce"] = "a-nonce-from-another-sign-in"
                return claims

            def exists_nonce(self, nonce, request):
                return any(c.nonce == nonce for c in provider.codes.values())

            def generate_user_info(self, user, scope):
                return UserInfo(user)

        server = Server(scopes_supported=["openid", "email", "profile"])
        server.register_token_generator(
            "default",
            BearerTokenGenerator(access_token_generator=lambda **kw: secrets.token_urlsafe(24)),
        )
        server.register_grant(Grant, [CodeChallenge(required=True), IdToken(require_nonce=True)])
        return server

    # --- HTTP --------------------------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, headers=()):
                data = body if isinstance(body, bytes) else str(body or "").encode()
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _json(self, data, status=200):
                self._send(status, json.dumps(data), [("Content-Type", "application/json")])

            def _request(self, form=None):
                url = provider.issuer + self.path
                args = dict(parse_qsl(urlsplit(self.path).query))
                return _Request(self.command, url, self.headers, args, form or {})

            def do_GET(self):
                path = urlsplit(self.path).path
                if path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if path == "/jwks":
                    return self._json(KeySet([provider.key]).as_dict(private=False))
                if path == "/authorize":
                    request = self._request()
                    provider.seen.append(dict(request.args))
                    try:
                        grant = provider.server.get_consent_grant(request, end_user=provider.user)
                    except OAuth2Error as error:
                        return self._send(400, error.get_body())
                    return self._send(
                        *provider.server.create_authorization_response(
                            request, grant_user=dict(provider.user), grant=grant
                        )
                    )
                if path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.tokens[token])
                return self._send(404, "not found")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if urlsplit(self.path).path == "/token":
                    status, body, headers = provider.server.create_token_response(
                        self._request(form)
                    )
                    if isinstance(body, dict):
                        body = json.dumps(body)
                    return self._send(status, body, headers)
                return self._send(404, "not found")

        return Handler

    def start(self) -> OidcProvider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
