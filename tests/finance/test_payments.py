"""How an invoice is paid, as pure rules: Bankgirot's OCR reference (10-modulus check digit,
optional length digit), bankgiro, plusgiro, IBAN and BIC checks, the VAT category in words."""

import pytest

from gits.core.errors import DomainError
from gits.finance.payments import (
    clean_account,
    clean_bankgiro,
    clean_bic,
    clean_iban,
    clean_plusgiro,
    luhn_digit,
    luhn_valid,
    ocr_reference,
    ocr_valid,
    vat_words,
)


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("7992739871", 3),  # the textbook Luhn example
        ("811218987", 6),  # the personnummer example 811218-9876
        ("212000135", 5),  # Göteborgs Stad 212000-1355
        ("232100013", 1),  # Västra Götalandsregionen 232100-0131
        ("858501208", 4),  # VästKom 858501-2084
    ],
)
def test_check_digit_is_the_10_modulus(digits, check):
    assert luhn_digit(digits) == check
    assert luhn_valid(digits + str(check))
    assert not luhn_valid(digits + str((check + 1) % 10))


def test_ocr_with_length_digit_counts_both_control_digits():
    # 12345 + length 7 (5 digits + 2 control digits) + check digit over 123457
    assert ocr_reference("12345") == "1234574"
    # ten digits: length 12, written without the tens: 2
    reference = ocr_reference("1234567890")
    assert reference[:-1] == "12345678902" and len(reference) == 12
    assert ocr_valid(reference) and ocr_valid("1234574")


def test_ocr_without_length_digit_has_only_the_check_digit():
    assert ocr_reference("12345", length_digit=False) == "123455"
    assert ocr_valid("123455", length_digit=False)
    assert not ocr_valid("123455")  # 5 is not its length 6


def test_ocr_refuses_wrong_check_or_length_and_bad_sizes():
    assert not ocr_valid("1234575")  # check digit wrong
    assert not ocr_valid("1234564")  # length digit wrong (6 for a reference of 7)
    assert not ocr_valid("1")
    with pytest.raises(DomainError):
        ocr_reference("1" * 24)  # 24 + 2 control digits > 25
    assert len(ocr_reference("1" * 23)) == 25


def test_invoice_numbers_make_valid_ocr_references():
    for serial in range(1, 300):
        reference = ocr_reference(f"2026{serial:05d}")
        assert ocr_valid(reference) and len(reference) == 11


def test_bankgiro_and_plusgiro_are_checked_and_written_the_usual_way():
    assert clean_bankgiro("99000002") == "9900-0002"
    assert clean_bankgiro(" 5050-1055 ") == "5050-1055"
    assert clean_bankgiro("") == ""
    with pytest.raises(DomainError) as err:
        clean_bankgiro("5050-1056")
    assert err.value.field == "bankgiro"
    with pytest.raises(DomainError):
        clean_bankgiro("12345")
    assert clean_plusgiro("4710012-8") == "4710012-8"
    with pytest.raises(DomainError) as err:
        clean_plusgiro("4710012-9")
    assert err.value.field == "plusgiro"


def test_iban_mod_97_and_swedish_length_and_bic():
    assert clean_iban("se45 5000 0000 0583 9825 7466") == "SE4550000000058398257466"
    with pytest.raises(DomainError):
        clean_iban("SE46 5000 0000 0583 9825 7466")
    with pytest.raises(DomainError):
        clean_iban("SE45 5000 0000 0583 9825 746")
    assert clean_bic("eseessss") == "ESEESSSS"
    assert clean_bic("SWEDSESSXXX") == "SWEDSESSXXX"
    with pytest.raises(DomainError):
        clean_bic("SWED")


def test_accounts_have_four_digits():
    assert clean_account("1510", "receivable_account") == "1510"
    assert clean_account("", "payback_account", required=False) == ""
    with pytest.raises(DomainError) as err:
        clean_account("151", "receivable_account")
    assert err.value.field == "receivable_account"


def test_vat_category_in_words():
    assert vat_words("O") == "Utanför momsens tillämpningsområde, ingen moms"
    assert vat_words("S", "25.0") == "Momspliktig, 25 % moms"
