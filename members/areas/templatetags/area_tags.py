"""What the weekly-work pages offer depends on who reads them."""

from django import template

from members.areas import selectors

register = template.Library()


@register.filter
def reports_on_areas(user) -> bool:
    """Whether this person files weekly reports: the parties of an area do,
    others (the board, a member acting in no area) are not shown the link."""
    return bool(user and user.is_authenticated) and selectors.is_party(user)
