"""Organisation numbers of the three countries, with real check digits."""

import pytest
from django.core.exceptions import ValidationError

from members.organisations.validators import format_org_number, validate_org_number


@pytest.mark.parametrize(
    ("country", "typed", "normalised"),
    [
        ("SE", "556677-8899", "5566778899"),
        ("SE", "5560125790", "5560125790"),  # Volvo AB
        ("SE", "556703 7485", "5567037485"),  # Spotify AB
        ("SE", "16556677-8899", "5566778899"),  # with century digits
        ("SE", "212000-0142", "2120000142"),  # a municipality
        ("DK", "24256790", "24256790"),  # Novo Nordisk A/S
        ("DK", "22756214", "22756214"),
        ("NO", "923609016", "923609016"),  # Equinor ASA
        ("NO", "984 851 006", "984851006"),  # DNB Bank ASA
    ],
)
def test_valid_numbers_are_accepted_and_normalised(country, typed, normalised):
    assert validate_org_number(typed, country) == normalised


@pytest.mark.parametrize(
    ("country", "typed", "code"),
    [
        ("SE", "556677-8898", "checksum"),
        ("SE", "5560125791", "checksum"),
        ("SE", "55667788", "format"),
        ("SE", "55667788AB", "format"),
        ("DK", "24256791", "checksum"),
        ("DK", "2425679", "format"),
        ("NO", "923609017", "checksum"),
        ("NO", "92360901", "format"),
        ("NO", "", "format"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(country, typed, code):
    with pytest.raises(ValidationError) as error:
        validate_org_number(typed, country)
    assert error.value.code == code


def test_norwegian_number_whose_check_digit_would_be_10_is_always_invalid():
    # 1·3 + 1·2 + 1·7 + 0… = 12 ≡ 1 (mod 11): the check digit would be 10.
    prefix = "11100000"
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_org_number(prefix + last, "NO")


def test_unknown_country_is_refused():
    with pytest.raises(ValidationError):
        validate_org_number("123", "FI")


def test_swedish_numbers_are_shown_with_a_hyphen():
    assert format_org_number("5566778899", "SE") == "556677-8899"
    assert format_org_number("24256790", "DK") == "24256790"
