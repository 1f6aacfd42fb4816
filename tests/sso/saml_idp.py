"""A real SAML 2.0 identity provider on loopback, for the tests: pysaml2's IdP server (which
signs and encrypts with xmlsec1) behind a small HTTP server in a thread. It reads GITS's SP
metadata from GITS's own metadata URL, checks the signature of GITS's AuthnRequest, and posts
its response to GITS's ACS through the browser, like SITHS eID's or Sweden Connect's IdPs.

It signs every request in as `identity` (attributes by friendly name or by URI). `mode` makes
it misbehave: "wrong_audience", "expired" or "unsigned"."""

from __future__ import annotations

import shutil
import threading
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import requests
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.assertion import Policy
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.time_util import in_a_while

with warnings.catch_warnings():
    # pysaml2's server module touches a cipher mode `cryptography` has moved (not used here).
    warnings.simplefilter("ignore")
    from saml2.server import Server

AUTHN = {
    "class_ref": "http://id.elegnamnden.se/loa/1.0/loa3",
    "authn_auth": "http://127.0.0.1/idp",
}


RELEASE = {
    "default": {
        "lifetime": {"minutes": 5},
        "attribute_restrictions": None,
        "name_form": NAME_FORMAT_URI,
    }
}
ANOTHER_SP = "https://another-service.example.se/sp"


class TestPolicy(Policy):
    """The IdP's policy, bent by the mode: an assertion for another audience, or one whose
    time ran out ten minutes ago."""

    def __init__(self, mode: str, mds):
        super().__init__(RELEASE, mds)
        self.mode = mode

    def not_on_or_after(self, sp_entity_id):
        if self.mode == "expired":
            return in_a_while(minutes=-10)
        return super().not_on_or_after(sp_entity_id)

    def conditions(self, sp_entity_id):
        conditions = super().conditions(sp_entity_id)
        if self.mode == "wrong_audience":
            conditions.audience_restriction[0].audience[0].text = ANOTHER_SP
        return conditions


class SamlIdp:
    def __init__(self, *, key_file: str, cert_file: str, sp_metadata_url: str = ""):
        self.key_file, self.cert_file = key_file, cert_file
        self.sp_metadata_url = sp_metadata_url
        self.sp_metadata = ""  # or given directly, for tests without a live server
        self.identity: dict[str, list[str]] = {}
        self.mode = "ok"
        self.encrypt = True
        self.seen: list[dict] = []  # the parsed AuthnRequests
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.entity_id = f"{self.base}/idp"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._server: Server | None = None

    def config(self, *, sp_metadata: str | None = None) -> IdPConfig:
        data = {
            "entityid": self.entity_id,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "key_file": self.key_file,
            "cert_file": self.cert_file,
            "service": {
                "idp": {
                    "name": "Test-IdP",
                    "endpoints": {
                        "single_sign_on_service": [(f"{self.base}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "want_authn_requests_signed": True,
                    "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                    "policy": RELEASE,
                }
            },
        }
        if sp_metadata:
            data["metadata"] = {"inline": [sp_metadata]}
        config = IdPConfig()
        config.load(data)
        return config

    def metadata(self) -> str:
        xml = create_metadata_string(None, config=self.config())
        return xml.decode() if isinstance(xml, bytes) else xml

    def server(self) -> Server:
        """The pysaml2 server, made at the first request: GITS's metadata is served then."""
        if self._server is None:
            sp_metadata = self.sp_metadata or requests.get(self.sp_metadata_url, timeout=10).text
            self._server = Server(config=self.config(sp_metadata=sp_metadata))
        return self._server

    def respond(self, query: dict) -> str:
        """The HTML page that posts the response for this AuthnRequest to the SP."""
        mode = self.mode
        server = self.server()
        request = server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        self.seen.append(
            {
                "id": request.message.id,
                "signed": bool(query.get("Signature")),
                "xml": str(request.message),
            }
        )
        args = server.response_args(request.message, [BINDING_HTTP_POST])
        destination = args["destination"]
        sp_entity_id = args["sp_entity_id"]
        encrypt = self.encrypt and mode != "unsigned"
        response = server.create_authn_response(
            self.identity,
            userid="test-user",
            name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text="transient-1234"),
            authn=AUTHN,
            sign_assertion=mode != "unsigned",
            sign_response=False,
            encrypt_assertion=encrypt,
            release_policy=TestPolicy(mode, server.metadata),
            encrypt_cert_assertion=(
                server.metadata.certs(sp_entity_id, "spsso", "encryption")[0][1]
                if encrypt
                else None
            ),
            **args,
        )
        http_args = server.apply_binding(
            BINDING_HTTP_POST,
            str(response),
            destination,
            query.get("RelayState", ""),
            response=True,
        )
        return http_args["data"]

    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body: str, content_type="text/html; charset=utf-8"):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                if url.path == "/metadata":
                    return self._send(200, idp.metadata(), "application/samlmetadata+xml")
                if url.path == "/sso":
                    try:
                        page = idp.respond(dict(parse_qsl(url.query)))
                    except Exception as error:  # shown to the test as the IdP's error page
                        return self._send(400, f"<p>IdP: {type(error).__name__}: {error}</p>")
                    return self._send(200, page)
                return self._send(404, "not found")

        return Handler

    def start(self) -> SamlIdp:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
