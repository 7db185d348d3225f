"""Amounts typed in major units: any text either fails with a clear message or
cleans to whole minor units that format back to the same amount."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from bid.money import MajorUnitsField, format_money

amounts_minor = st.integers(min_value=0, max_value=10**13 - 1)


def typed(amount_minor: int, *, comma: bool, spaced: bool) -> str:
    major, minor = divmod(amount_minor, 100)
    whole = f"{major:,}".replace(",", "\xa0" if spaced else "")
    return f"{whole}{',' if comma else '.'}{minor:02d}"


@given(amounts_minor, st.booleans(), st.booleans())
def test_major_units_typed_any_local_way_clean_to_the_same_minor_units(
    amount_minor, comma, spaced
):
    text = typed(amount_minor, comma=comma, spaced=spaced)
    assert MajorUnitsField().clean(text) == amount_minor


@given(st.text(max_size=40))
def test_any_text_is_refused_with_a_message_or_cleans_to_minor_units(text):
    field = MajorUnitsField(required=False)
    try:
        value = field.clean(text)
    except ValidationError as error:
        assert error.messages and all(error.messages)
        return
    if value is None:
        return
    assert type(value) is int and value >= 0
    normalised = text.replace("\xa0", "").replace(" ", "").replace(",", ".").strip()
    assert Decimal(normalised) * 100 == value
    # The shown value reads back to the same amount.
    assert field.clean(str(field.prepare_value(value))) == value


@given(amounts_minor, st.sampled_from(["sv", "da", "nb", "en"]))
def test_formatted_amounts_carry_every_digit(amount_minor, language):
    text = format_money(amount_minor, "SEK", language)
    digits = "".join(ch for ch in text if ch.isdigit())
    expected = str(amount_minor) if amount_minor % 100 else str(amount_minor // 100)
    assert digits.lstrip("0") == expected.lstrip("0")


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-1", "1.001", "1" * 20])
def test_scientific_non_finite_negative_and_overlong_amounts_are_refused(text):
    with pytest.raises(ValidationError):
        MajorUnitsField().clean(text)
