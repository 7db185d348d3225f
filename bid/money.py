"""Money: stored as integer minor units with a currency, shown per locale.

Forms accept and show major units ("1 250 000,50") while the database keeps
öre/øre (125000050), so no float ever touches an amount.
"""

from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import format_currency, format_decimal, get_currency_symbol
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

CURRENCIES = [("SEK", "SEK"), ("DKK", "DKK"), ("NOK", "NOK")]
BABEL_LOCALES = {"sv": "sv_SE", "da": "da_DK", "nb": "nb_NO", "en": "en_GB"}


def babel_locale(language: str | None = None) -> str:
    language = language or translation.get_language() or "sv"
    return BABEL_LOCALES.get(language.split("-")[0], "sv_SE")


def format_money(amount_minor: int | None, currency: str, language=None) -> str:
    """`1250000_00, "SEK"` → "1 250 000 kr" in Swedish, "SEK 1,250,000" in English."""
    if amount_minor is None:
        return ""
    locale = babel_locale(language)
    amount = Decimal(amount_minor) / 100
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if amount_minor % 100 == 0:
        pattern = pattern.replace(".00", "")
    # CLDR's currency spacing, which Babel leaves out: a symbol made of letters
    # stands apart from the digits ("SEK 52,500", not "SEK52,500").
    symbol = get_currency_symbol(currency, locale=locale)
    if symbol[-1:].isalpha():
        pattern = pattern.replace("¤#", "¤\xa0#").replace("¤0", "¤\xa00")
    if symbol[:1].isalpha():
        pattern = pattern.replace("0¤", "0\xa0¤")
    return format_currency(
        amount, currency, format=pattern, locale=locale, currency_digits=False
    )


class MajorUnitsField(forms.DecimalField):
    """A form field showing and accepting major units, cleaning to minor units."""

    default_error_messages = {
        "invalid": _("Enter an amount, for example 1250000 or 1250000.50."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 15)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return (Decimal(value) / 100).quantize(Decimal("0.01"))
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\xa0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)

    def clean(self, value):
        amount = super().clean(value)
        if amount is None:
            return None
        try:
            return int((amount * 100).to_integral_exact())
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"]) from error


class AmountMinorField(models.BigIntegerField):
    """An amount in minor units; its form field speaks major units."""

    def formfield(self, **kwargs):
        # Skip IntegerField.formfield: its database range is in minor units.
        return models.Field.formfield(self, **{"form_class": MajorUnitsField, **kwargs})


def format_number(value, language=None) -> str:
    """A number in the active language, without trailing zeros: 60.80 → "60,8"."""
    decimal = Decimal(str(value))
    if decimal == decimal.to_integral_value():
        decimal = decimal.quantize(Decimal(1))
    else:
        decimal = decimal.normalize()
    return format_decimal(decimal, locale=babel_locale(language))
