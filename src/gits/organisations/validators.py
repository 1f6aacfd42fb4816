"""Swedish organisation numbers (R-1): ten digits, the last a Luhn check digit."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from gits.core.errors import DomainError

_ORGNR = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the ones before it."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str, *, field: str = "org_number") -> str:
    """Return the number as NNNNNN-NNNN, or raise DomainError saying what is wrong."""
    value = (value or "").strip()
    match = _ORGNR.match(value)
    if not match:
        raise DomainError(
            _(
                "Organisationsnumret %(value)s har fel form: det ska vara tio siffror, "
                "t.ex. 232100-0131."
            )
            % {"value": value or "(tomt)"},
            field=field,
        )
    digits = match.group(1) + match.group(2)
    if not luhn_ok(digits):
        raise DomainError(
            _("Organisationsnumret %(value)s har fel kontrollsiffra.") % {"value": value},
            field=field,
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_scb_code(value: str, *, field: str = "scb_code") -> str:
    value = (value or "").strip()
    if not re.fullmatch(r"\d{4}", value):
        raise DomainError(
            _("Kommunkoden %(value)s ska vara fyra siffror (SCB:s kod, t.ex. 1480).")
            % {"value": value or "(tom)"},
            field=field,
        )
    return value
