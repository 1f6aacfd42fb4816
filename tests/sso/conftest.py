import datetime as dt
import shutil

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.conftest import require_or_skip

SSO_VARIABLES = [
    "GITS_OIDC_ISSUER",
    "GITS_OIDC_CLIENT_ID",
    "GITS_OIDC_CLIENT_SECRET",
    "GITS_OIDC_SCOPES",
    "GITS_OIDC_MATCH_CLAIM",
    "GITS_OIDC_GROUPS_CLAIM",
    "GITS_OIDC_NAME",
    "GITS_SAML_IDP_METADATA",
    "GITS_SAML_IDP_METADATA_CERT",
    "GITS_SAML_IDP_ENTITY_ID",
    "GITS_SAML_SP_ENTITY_ID",
    "GITS_SAML_SP_CERT",
    "GITS_SAML_SP_KEY",
    "GITS_SAML_MATCH_ATTRIBUTE",
    "GITS_SAML_GROUPS_ATTRIBUTE",
    "GITS_SAML_AUTHN_CONTEXT",
    "GITS_SAML_NAME",
    "GITS_SSO_MATCH_FIELD",
    "GITS_SSO_CREATE_USERS",
    "GITS_SSO_ROLE_MAP",
]


@pytest.fixture(autouse=True)
def no_sso_from_the_environment(monkeypatch):
    """Each test starts with SSO off, whatever the machine's environment says."""
    for name in SSO_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _key_pair(directory, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


@pytest.fixture(scope="session")
def saml_keys(tmp_path_factory):
    """Key and certificate of the test IdP and of GITS as SP (self-signed, as in metadata)."""
    require_or_skip(bool(shutil.which("xmlsec1")), "xmlsec1 saknas (apt-get install xmlsec1)")
    directory = tmp_path_factory.mktemp("saml-keys")
    return {"idp": _key_pair(directory, "idp"), "sp": _key_pair(directory, "sp")}


@pytest.fixture
def oidc_provider(monkeypatch):
    """A running OpenID Connect provider, and GITS configured for it."""
    from tests.sso.oidc_provider import OidcProvider

    # Authlib's server insists on HTTPS unless told that this is a test on loopback.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    provider = OidcProvider().start()
    monkeypatch.setenv("GITS_OIDC_ISSUER", provider.issuer)
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", provider.client.client_id)
    monkeypatch.setenv("GITS_OIDC_CLIENT_SECRET", provider.client.client_secret)
    monkeypatch.setenv("GITS_OIDC_NAME", "Entra ID")
    yield provider
    provider.stop()


@pytest.fixture
def saml_idp(monkeypatch, saml_keys, tmp_path):
    """A running SAML IdP, and GITS configured for it (metadata in a file, as a federation's
    metadata is usually kept). The IdP reads GITS's metadata once it is served."""
    from tests.sso.saml_idp import SamlIdp

    idp_key, idp_cert = saml_keys["idp"]
    sp_key, sp_cert = saml_keys["sp"]
    idp = SamlIdp(key_file=idp_key, cert_file=idp_cert).start()
    metadata = tmp_path / "idp-metadata.xml"
    metadata.write_text(idp.metadata())
    monkeypatch.setenv("GITS_SAML_IDP_METADATA", str(metadata))
    monkeypatch.setenv("GITS_SAML_SP_KEY", sp_key)
    monkeypatch.setenv("GITS_SAML_SP_CERT", sp_cert)
    monkeypatch.setenv("GITS_SAML_NAME", "SITHS eID")
    yield idp
    idp.stop()
