from django import template

from bid.money import format_money, format_number

register = template.Library()


@register.simple_tag
def money(amount_minor, currency):
    """Format an amount in minor units for the active language."""
    return format_money(amount_minor, currency)


@register.filter
def number(value):
    """A decimal without trailing zeros, in the active language: 60.80 → "60,8"."""
    if value is None or value == "":
        return ""
    return format_number(value)
