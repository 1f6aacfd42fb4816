"""Writes for the payment and accounting settings of each party (R-25): as seller its payment
details (bankgiro or plusgiro, IBAN and BIC), terms and the accounts, cost centre and voucher
series of its SIE vouchers; as buyer the reference it wants on invoices to it. And the checks
the writes of money per party share: an amount, a text's length, a year."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.finance.models import PartySettings
from gits.finance.payments import (
    clean_account,
    clean_bankgiro,
    clean_bic,
    clean_iban,
    clean_plusgiro,
)
from gits.finance.services.common import checked_amount, checked_texts
from gits.organisations.models import Organisation

SETTINGS = "finance.settings:change"
SETTINGS_FIELDS = [
    "bankgiro",
    "plusgiro",
    "iban",
    "bic",
    "use_ocr",
    "ocr_length_digit",
    "payment_days",
    "payment_terms",
    "f_tax",
    "buyer_reference",
    "receivable_account",
    "income_account",
    "vat_account",
    "payback_account",
    "cost_centre",
    "voucher_series",
]


def safe_amount(value: Any, field: str, *, allow_none: bool = False) -> Decimal | None:
    """checked_amount, with an amount too large for öre precision refused by name first."""
    try:
        too_large = value not in (None, "") and abs(Decimal(str(value))) >= Decimal("1e12")
    except (InvalidOperation, ValueError, TypeError):
        too_large = False  # not a number at all: checked_amount says so
    if too_large:
        raise DomainError(_("Beloppet är för stort."), field=field)
    return checked_amount(value, field, allow_none=allow_none)


def checked_lengths(obj: Any, names: Sequence[str]) -> None:
    """Refuse a text longer than its field holds, naming the field."""
    for name in names:
        model_field = obj._meta.get_field(name)
        value = getattr(obj, name)
        limit = getattr(model_field, "max_length", None)
        if isinstance(value, str) and limit and len(value) > limit:
            raise DomainError(
                _("Högst %(n)s tecken.") % {"n": limit},
                field=name,
            )


# --- settings per party -------------------------------------------------------------------


SETTINGS_TEXTS = ["payment_terms", "buyer_reference", "cost_centre", "voucher_series"]


def _clean_settings(settings: PartySettings) -> None:
    checked_texts(settings, SETTINGS_TEXTS)
    checked_lengths(settings, SETTINGS_TEXTS)
    settings.bankgiro = clean_bankgiro(settings.bankgiro)
    settings.plusgiro = clean_plusgiro(settings.plusgiro)
    settings.iban = clean_iban(settings.iban)
    settings.bic = clean_bic(settings.bic)
    if settings.bic and not settings.iban:
        raise DomainError(_("Ange IBAN till BIC-koden."), field="iban")
    if not isinstance(settings.payment_days, int) or not 0 <= settings.payment_days <= 365:
        raise DomainError(_("Ange betalningsvillkor mellan 0 och 365 dagar."), field="payment_days")
    for name in ("receivable_account", "income_account", "vat_account"):
        setattr(settings, name, clean_account(getattr(settings, name), name))
    settings.payback_account = clean_account(
        settings.payback_account, "payback_account", required=False
    )
    series = (settings.voucher_series or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{1,4}", series):
        raise DomainError(
            _("Verifikationsserien är en till fyra bokstäver eller siffror."),
            field="voucher_series",
        )
    settings.voucher_series = series
    settings.cost_centre = (settings.cost_centre or "").strip()
    if settings.cost_centre and not re.fullmatch(r"[A-Za-z0-9-]+", settings.cost_centre):
        raise DomainError(
            _("Kostnadsstället anges med bokstäver och siffror."), field="cost_centre"
        )


PARTY_SETTINGS = Recorded(
    PartySettings, SETTINGS_FIELDS, clean=_clean_settings, name="finance.settings"
)


def party_settings_save(
    *, actor: Any, organisation: Organisation, version: int | None = None, **fields: Any
) -> PartySettings:
    """Set a party's payment details, terms, buyer's reference and accounting settings (the
    accounts, cost centre and voucher series of its SIE vouchers): created the first time,
    changed after that (R-25)."""
    existing = PartySettings.objects.filter(organisation=organisation).first()
    if existing is None:
        new = PartySettings(organisation=organisation)
        return PARTY_SETTINGS.create(obj=new, actor=actor, values=fields)
    return PARTY_SETTINGS.update(existing, actor=actor, version=version, values=fields)
