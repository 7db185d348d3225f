"""Money in minor units: parsing in forms and formatting per language."""

import pytest
from django import forms

from bid.money import MajorUnitsField, format_money, format_number


class BudgetForm(forms.Form):
    amount = MajorUnitsField(required=False)


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("1250000", 125000000),
        ("1 250 000,50", 125000050),
        ("1250000.5", 125000050),
        ("0", 0),
        ("", None),
        ("12\xa0000", 1200000),
    ],
)
def test_major_units_are_cleaned_to_minor_units(typed, minor):
    form = BudgetForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == minor


@pytest.mark.parametrize("typed", ["-5", "12.345", "tolv", "1e3000"])
def test_bad_amounts_get_a_clear_error(typed):
    form = BudgetForm({"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"]


def test_minor_units_are_shown_as_major_units_in_the_form():
    assert 'value="1250000.50"' in str(
        BudgetForm(initial={"amount": 125000050})["amount"]
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "1\xa0250\xa0000\xa0kr"),
        ("en", "SEK\xa01,250,000"),
        ("da", "1.250.000\xa0SEK"),
    ],
)
def test_whole_amounts_are_formatted_without_decimals(language, expected):
    assert format_money(125000000, "SEK", language=language) == expected


def test_amounts_with_ore_keep_two_decimals():
    assert format_money(125050, "SEK", language="sv") == "1\xa0250,50\xa0kr"


def test_numbers_lose_trailing_zeros():
    assert format_number("60.80", language="sv") == "60,8"
    assert format_number("70.00", language="en") == "70"
