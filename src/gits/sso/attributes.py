"""Attribute names of the Swedish eID Framework (Sweden Connect, SITHS eID, Freja, BankID
through a proxy) and the usual directory attributes.

An identity provider names its attributes by URI (urn:oid:...); configuration may use either
the URI or the friendly name. Everything inside GITS uses the friendly name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

DIGG = "urn:oid:1.2.752.201.3."

# URI -> friendly name, from "Attribute Specification for the Swedish eID Framework".
EID_ATTRIBUTES: dict[str, str] = {
    "urn:oid:2.5.4.4": "sn",
    "urn:oid:2.5.4.42": "givenName",
    "urn:oid:2.16.840.1.113730.3.1.241": "displayName",
    "urn:oid:1.3.6.1.5.5.7.9.3": "gender",
    "urn:oid:1.2.752.29.4.13": "personalIdentityNumber",
    "urn:oid:1.3.6.1.5.5.7.9.1": "dateOfBirth",
    "urn:oid:1.3.6.1.5.5.7.9.2": "placeOfBirth",
    "urn:oid:1.3.6.1.5.5.7.9.4": "countryOfCitizenship",
    "urn:oid:1.3.6.1.5.5.7.9.5": "countryOfResidence",
    "urn:oid:0.9.2342.19200300.100.1.3": "mail",
    "urn:oid:0.9.2342.19200300.100.1.41": "mobile",
    "urn:oid:2.5.4.20": "telephoneNumber",
    "urn:oid:2.5.4.9": "street",
    "urn:oid:2.5.4.18": "postOfficeBox",
    "urn:oid:2.5.4.17": "postalCode",
    "urn:oid:2.5.4.7": "l",
    "urn:oid:2.5.4.6": "c",
    "urn:oid:2.5.4.10": "o",
    "urn:oid:2.5.4.11": "ou",
    "urn:oid:2.5.4.97": "organizationIdentifier",
    # HSA-id, the identity of SITHS eID (Inera's HSA catalogue).
    "urn:oid:1.2.752.29.6.2.1": "employeeHsaId",
    # Older SAML attribute maps (pysaml2's among them) give HSA-id this number.
    "urn:oid:1.2.752.29.4.1": "employeeHsaId",
    f"{DIGG}1": "orgAffiliation",
    f"{DIGG}2": "transactionIdentifier",
    f"{DIGG}3": "authContextParams",
    f"{DIGG}4": "prid",
    f"{DIGG}5": "pridPersistence",
    f"{DIGG}6": "personalIdentityNumberBinding",
    f"{DIGG}7": "eidasPersonIdentifier",
    f"{DIGG}8": "birthName",
    f"{DIGG}9": "eidasNaturalPersonAddress",
    f"{DIGG}10": "userCertificate",
    f"{DIGG}11": "userSignature",
    f"{DIGG}12": "sad",
    f"{DIGG}13": "authServerSignature",
    f"{DIGG}14": "signMessageDigest",
    # Group membership as directories publish it.
    "urn:oid:1.3.6.1.4.1.5923.1.5.1.1": "isMemberOf",
    "urn:oid:1.2.840.113556.1.2.102": "memberOf",
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups": "groups",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": "mail",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": "givenName",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname": "sn",
}

_BY_LOWER_FRIENDLY = {name.lower(): name for name in EID_ATTRIBUTES.values()}


def attribute_name(name: str) -> str:
    """The friendly name for a URI or a friendly name in any case; unknown names unchanged."""
    name = name.strip()
    if name in EID_ATTRIBUTES:
        return EID_ATTRIBUTES[name]
    return _BY_LOWER_FRIENDLY.get(name.lower(), name)


def as_lists(values: Mapping[str, object], *, rename=lambda name: name) -> dict[str, list[str]]:
    """Claims or attributes with every value as a list of non-empty strings."""
    result: dict[str, list[str]] = {}
    for key, value in values.items():
        items = value if isinstance(value, list | tuple) else [value]
        texts = [str(v).strip() for v in items if v is not None and str(v).strip()]
        result.setdefault(rename(key), []).extend(texts)
    return result


def normalise(attributes: Mapping[str, Iterable[object]]) -> dict[str, list[str]]:
    """SAML attributes keyed by friendly name, values as lists of non-empty strings."""
    return as_lists(attributes, rename=attribute_name)
