"""What the weekly-work pages offer depends on who reads them."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join

from members.areas import selectors
from members.areas.models import Area

register = template.Library()


@register.filter
def reports_on_areas(user) -> bool:
    """Whether this person files weekly reports: the parties of an area do,
    others (the board, a member acting in no area) are not shown the link."""
    return bool(user and user.is_authenticated) and selectors.is_party(user)


@register.simple_tag(takes_context=True)
def area_links(context, areas) -> str:
    """The areas' names, separated by commas: each a link to its area page
    where the reader may open it (those who see the situational picture),
    else the plain name. Takes one area or several."""
    if areas is None or areas == "":
        return ""
    if isinstance(areas, Area):
        areas = [areas]
    request = context.get("request")
    user = getattr(request, "user", None)
    linked = bool(user and user.is_authenticated) and selectors.may_see_picture(user)
    parts = [
        format_html(
            '<a href="{}">{}</a>', reverse("portal:area", args=[area.slug]), area.name
        )
        if linked
        else conditional_escape(area.name)
        for area in areas
    ]
    return format_html_join(", ", "{}", ((part,) for part in parts))
