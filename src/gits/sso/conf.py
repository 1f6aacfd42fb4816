"""SSO configuration, read from environment variables only (README, "Konfiguration").

Nothing set: SSO is off and only the local password login exists. GITS_OIDC_ISSUER turns
OpenID Connect on, GITS_SAML_IDP_METADATA turns SAML 2.0 on; both may be on at once. The
variables are read when they are used, so a changed environment takes effect at the next
start of the process (and tests can set them per test)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from gits.core.permissions import ROLES
from gits.sso.attributes import attribute_name

MATCH_FIELDS = ("email", "username")


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_bool(name: str) -> bool:
    return _env(name).lower() in {"1", "true", "yes", "on", "ja"}


def _require_https(name: str, url: str) -> None:
    """Tokens and metadata only over HTTPS; plain HTTP only to this machine (tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" or parts.hostname in {"127.0.0.1", "localhost", "::1"}:
        return
    raise ImproperlyConfigured(f"{name} ska vara en https-adress, inte {url!r}.")


def _env_list(name: str, default: str = "", sep: str = ",") -> tuple[str, ...]:
    return tuple(part.strip() for part in _env(name, default).split(sep) if part.strip())


@dataclass(frozen=True)
class Policy:
    """How a signed-in identity becomes a GITS user, for both protocols."""

    match_field: str
    create_users: bool
    # (group or attribute value, role code), in the order configured.
    role_map: tuple[tuple[str, str], ...]

    @property
    def managed_roles(self) -> frozenset[str]:
        """The roles the identity provider decides; other roles are left as they are."""
        return frozenset(role for _, role in self.role_map)

    def roles_for(self, values: list[str]) -> frozenset[str]:
        given = set(values)
        return frozenset(role for value, role in self.role_map if value in given)


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    match_claim: str
    groups_claims: tuple[str, ...]
    name: str

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


@dataclass(frozen=True)
class SamlSettings:
    idp_metadata: str
    idp_metadata_cert: str
    idp_entity_id: str
    sp_entity_id: str
    sp_cert: str
    sp_key: str
    match_attribute: str
    groups_attributes: tuple[str, ...]
    authn_context: tuple[str, ...]
    name: str

    @property
    def metadata_is_url(self) -> bool:
        return self.idp_metadata.startswith(("https://", "http://"))


def parse_role_map(text: str) -> tuple[tuple[str, str], ...]:
    """`värde=roll;värde=roll,roll`: entries separated by semicolons or new lines; the role
    codes after the last "=" (a group's name may itself hold "=" and ",", as an LDAP name
    does)."""
    pairs: list[tuple[str, str]] = []
    for entry in text.replace("\n", ";").split(";"):
        if not entry.strip():
            continue
        value, sep, roles = entry.rpartition("=")
        if not sep or not value.strip():
            raise ImproperlyConfigured(
                f"GITS_SSO_ROLE_MAP: posten {entry.strip()!r} ska ha formen värde=roll."
            )
        for role in (r.strip() for r in roles.split(",")):
            if role not in ROLES:
                raise ImproperlyConfigured(
                    f"GITS_SSO_ROLE_MAP: okänd roll {role!r} (giltiga: {', '.join(ROLES)})."
                )
            pairs.append((value.strip(), role))
    return tuple(pairs)


def policy() -> Policy:
    match_field = _env("GITS_SSO_MATCH_FIELD", "email").lower()
    if match_field not in MATCH_FIELDS:
        raise ImproperlyConfigured(
            f"GITS_SSO_MATCH_FIELD ska vara {' eller '.join(MATCH_FIELDS)}, inte {match_field!r}."
        )
    return Policy(
        match_field=match_field,
        create_users=_env_bool("GITS_SSO_CREATE_USERS"),
        role_map=parse_role_map(_env("GITS_SSO_ROLE_MAP")),
    )


def oidc_settings() -> OidcSettings | None:
    issuer = _env("GITS_OIDC_ISSUER")
    if not issuer:
        return None
    _require_https("GITS_OIDC_ISSUER", issuer)
    client_id = _env("GITS_OIDC_CLIENT_ID")
    if not client_id:
        raise ImproperlyConfigured(
            "GITS_OIDC_CLIENT_ID saknas (krävs när GITS_OIDC_ISSUER är satt)."
        )
    scopes = " ".join(_env_list("GITS_OIDC_SCOPES", "openid email profile", sep=" "))
    if "openid" not in scopes.split():
        scopes = "openid " + scopes
    return OidcSettings(
        issuer=issuer,
        client_id=client_id,
        client_secret=_env("GITS_OIDC_CLIENT_SECRET"),
        scopes=scopes,
        match_claim=_env("GITS_OIDC_MATCH_CLAIM", "email"),
        groups_claims=_env_list("GITS_OIDC_GROUPS_CLAIM", "groups"),
        name=_env("GITS_OIDC_NAME", "OpenID Connect"),
    )


def saml_settings() -> SamlSettings | None:
    metadata = _env("GITS_SAML_IDP_METADATA")
    if not metadata:
        return None
    cert, key = _env("GITS_SAML_SP_CERT"), _env("GITS_SAML_SP_KEY")
    if bool(cert) != bool(key):
        raise ImproperlyConfigured("GITS_SAML_SP_CERT och GITS_SAML_SP_KEY anges tillsammans.")
    for name, path in [
        ("GITS_SAML_SP_CERT", cert),
        ("GITS_SAML_SP_KEY", key),
        ("GITS_SAML_IDP_METADATA_CERT", _env("GITS_SAML_IDP_METADATA_CERT")),
    ]:
        if path and not os.path.isfile(path):
            raise ImproperlyConfigured(f"{name}: filen {path} finns inte.")
    if metadata.startswith(("https://", "http://")):
        _require_https("GITS_SAML_IDP_METADATA", metadata)
    elif not os.path.isfile(metadata):
        raise ImproperlyConfigured(
            f"GITS_SAML_IDP_METADATA: {metadata} är varken en fil eller en adress."
        )
    return SamlSettings(
        idp_metadata=metadata,
        idp_metadata_cert=_env("GITS_SAML_IDP_METADATA_CERT"),
        idp_entity_id=_env("GITS_SAML_IDP_ENTITY_ID"),
        sp_entity_id=_env("GITS_SAML_SP_ENTITY_ID"),
        sp_cert=cert,
        sp_key=key,
        match_attribute=attribute_name(_env("GITS_SAML_MATCH_ATTRIBUTE", "mail")),
        groups_attributes=tuple(
            attribute_name(a) for a in _env_list("GITS_SAML_GROUPS_ATTRIBUTE", "")
        ),
        authn_context=_env_list("GITS_SAML_AUTHN_CONTEXT", "", sep=" "),
        name=_env("GITS_SAML_NAME", "SAML"),
    )


def enabled() -> bool:
    return bool(_env("GITS_OIDC_ISSUER") or _env("GITS_SAML_IDP_METADATA"))


def check() -> None:
    """Read everything once, so a broken configuration stops the start (fail fast)."""
    if enabled():
        policy()
        oidc_settings()
        saml_settings()
