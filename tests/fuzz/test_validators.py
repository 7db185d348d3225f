"""Organisation numbers: every number with a right check digit is accepted, any
one changed digit is caught, and no text raises anything but ValidationError."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from members.organisations.validators import CHECKS, LENGTHS, validate_org_number


def complete(country: str, body: str) -> str | None:
    """The body with the check digit that makes it valid, if there is one."""
    for digit in "0123456789":
        if CHECKS[country](body + digit):
            return body + digit
    return None


@st.composite
def valid_numbers(draw):
    country = draw(st.sampled_from(sorted(LENGTHS)))
    body = draw(
        st.text("0123456789", min_size=LENGTHS[country] - 1).filter(
            lambda b: len(b) == LENGTHS[country] - 1
        )
    )
    number = complete(country, body)
    assume(number is not None)
    return country, number


@given(valid_numbers())
def test_any_number_with_its_check_digit_is_accepted(case):
    country, number = case
    assert validate_org_number(number, country) == number


@given(valid_numbers(), st.integers(min_value=0), st.integers(min_value=1, max_value=9))
def test_any_single_changed_digit_is_rejected(case, position, shift):
    country, number = case
    position %= len(number)
    changed = str((int(number[position]) + shift) % 10)
    typo = number[:position] + changed + number[position + 1 :]
    with pytest.raises(ValidationError) as caught:
        validate_org_number(typo, country)
    assert caught.value.code == "checksum"


@given(st.text(max_size=20), st.sampled_from(["SE", "DK", "NO", "", "FI"]))
def test_any_text_is_accepted_as_digits_or_refused_with_a_message(text, country):
    try:
        digits = validate_org_number(text, country)
    except ValidationError as error:
        assert error.messages and all(error.messages)
        return
    assert digits.isascii() and digits.isdigit() and len(digits) == LENGTHS[country]


@pytest.mark.parametrize("text", ["²" * 10, "١٢٣٤٥٦٧٨٩٠", "５５６６７７８８９９"])
def test_digits_of_other_scripts_are_refused_with_a_message(text):
    with pytest.raises(ValidationError):
        validate_org_number(text, "SE")
