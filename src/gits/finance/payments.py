"""How an invoice can be paid, as pure rules: Bankgirot's OCR reference with its check digits,
the checks of bankgiro, plusgiro, IBAN and BIC numbers and of account numbers, and the VAT
category in words a person reads.

OCR reference (Bankgirot, "OCR-referenskontroll"): 2 to 25 digits whose last digit is a check
digit by the 10-modulus (Luhn) over the digits before it; with length control the digit before
the check digit is the length of the whole reference, check and length digits included, with
the tens left out (a reference of 12 digits has length digit 2)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from gits.core.errors import DomainError

OCR_MIN, OCR_MAX = 2, 25


def luhn_digit(digits: str) -> int:
    """The 10-modulus (Luhn) check digit for digits: from the right, every other digit
    doubled (starting with the rightmost), digit sums added, the complement to the next ten."""
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValueError("Bara siffror kan få en kontrollsiffra.")
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def luhn_valid(digits: str) -> bool:
    return re.fullmatch(r"[0-9]{2,}", digits) is not None and luhn_digit(digits[:-1]) == int(
        digits[-1]
    )


def ocr_reference(base: str, *, length_digit: bool = True) -> str:
    """An OCR reference for base (digits, e.g. the invoice number's): base, then the length
    digit (optional), then the check digit."""
    digits = re.sub(r"[^0-9]", "", base)
    extra = 2 if length_digit else 1
    if not digits or len(digits) + extra > OCR_MAX:
        raise DomainError(
            _("Ett OCR-nummer har 2–25 siffror; %(b)s går inte att göra om till ett.")
            % {"b": base},
            field="payment_reference",
        )
    if length_digit:
        digits += str((len(digits) + 2) % 10)
    return digits + str(luhn_digit(digits))


def ocr_valid(reference: str, *, length_digit: bool = True) -> bool:
    """Whether reference passes Bankgirot's check (and the length check when asked)."""
    if not re.fullmatch(r"[0-9]+", reference) or not OCR_MIN <= len(reference) <= OCR_MAX:
        return False
    if not luhn_valid(reference):
        return False
    if length_digit:
        return len(reference) >= 3 and int(reference[-2]) == len(reference) % 10
    return True


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def _giro_digits(value: str, lengths: range, field: str, refusal: str) -> str:
    """The digits of a giro number ("" for none): as many as `lengths` allows, the last a
    Luhn check digit; otherwise refused with `refusal`, naming the field."""
    digits = _digits(value)
    if digits and (len(digits) not in lengths or not luhn_valid(digits)):
        raise DomainError(refusal % {"v": value}, field=field)
    return digits


def clean_bankgiro(value: str) -> str:
    """A bankgiro number: 7 or 8 digits, the last a Luhn check digit; written NNN-NNNN or
    NNNN-NNNN."""
    refusal = _("%(v)s är inget bankgironummer (7 eller 8 siffror med giltig kontrollsiffra).")
    digits = _giro_digits(value, range(7, 9), "bankgiro", refusal)
    return f"{digits[:-4]}-{digits[-4:]}" if digits else ""


def clean_plusgiro(value: str) -> str:
    """A plusgiro number: 2 to 8 digits, the last a Luhn check digit; written NNNNNN-N."""
    refusal = _("%(v)s är inget plusgironummer (2–8 siffror med giltig kontrollsiffra).")
    digits = _giro_digits(value, range(2, 9), "plusgiro", refusal)
    return f"{digits[:-1]}-{digits[-1]}" if digits else ""


def clean_iban(value: str) -> str:
    """An IBAN: country code, two check digits and the account; mod 97 gives 1. A Swedish
    IBAN has 24 characters."""
    text = re.sub(r"\s", "", value or "").upper()
    if not text:
        return ""
    ok = re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", text) is not None
    if ok and text.startswith("SE"):
        ok = re.fullmatch(r"SE[0-9]{22}", text) is not None
    if ok:
        moved = text[4:] + text[:4]
        number = "".join(str(int(c, 36)) for c in moved)
        ok = int(number) % 97 == 1
    if not ok:
        raise DomainError(_("%(v)s är inget giltigt IBAN-nummer.") % {"v": value}, field="iban")
    return text


def clean_bic(value: str) -> str:
    text = re.sub(r"\s", "", value or "").upper()
    if not text:
        return ""
    if not re.fullmatch(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?", text):
        raise DomainError(
            _("%(v)s är ingen BIC (8 eller 11 tecken, t.ex. SWEDSESS).") % {"v": value},
            field="bic",
        )
    return text


def clean_account(value: str, field: str, *, required: bool = True) -> str:
    """An account number of the chart of accounts (BAS: four digits)."""
    text = (value or "").strip()
    if not text and not required:
        return ""
    if not re.fullmatch(r"[0-9]{4}", text):
        raise DomainError(_("Ange kontot med fyra siffror (BAS)."), field=field)
    return text


def vat_words(category: str, rate: Decimal | int | str = 0) -> str:
    """The VAT category as a person reads it."""
    if category == "S":
        return _("Momspliktig, %(r)s %% moms") % {"r": f"{Decimal(rate).normalize():f}"}
    if category == "O":
        return _("Utanför momsens tillämpningsområde, ingen moms")
    return category
