import pytest

from gits.core.errors import DomainError
from gits.organisations.validators import luhn_ok, normalise_org_number


@pytest.mark.parametrize(
    "number",
    [
        "232100-0131",
        "858501-2084",
        "212000-1355",
        "212000-1561",
        "212000-1660",
        "222000-2188",
        "2321000131",
    ],
)
def test_real_numbers_pass_r1(number):
    assert normalise_org_number(number)[6] == "-"


def test_wrong_check_digit_is_refused_r1():
    with pytest.raises(DomainError) as err:
        normalise_org_number("232100-0132")
    assert "kontrollsiffra" in str(err.value)
    assert err.value.field == "org_number"


@pytest.mark.parametrize("bad", ["23210-0131", "abcdef-ghij", "232100-01311", ""])
def test_wrong_shape_is_refused_r1(bad):
    with pytest.raises(DomainError, match="tio siffror"):
        normalise_org_number(bad)


def test_luhn():
    assert luhn_ok("2321000131")
    assert not luhn_ok("2321000130")
