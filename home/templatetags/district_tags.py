"""The district's name for the admin's branding (see bid.district)."""

from django import template

from bid.district import district_name as lookup

register = template.Library()


@register.simple_tag(takes_context=True)
def district_name(context) -> str:
    """Asked once a request, however many blocks of the page show it."""
    request = context.get("request")
    if request is None:
        return lookup()
    if not hasattr(request, "district_name"):
        request.district_name = lookup(request)
    return request.district_name
