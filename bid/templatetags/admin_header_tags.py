"""The header of our own admin pages: Wagtail's slim header, whose trail of
breadcrumbs starts at the admin's home, as on Wagtail's own pages."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/admin_header.html")
def admin_header(*pairs, current, heading="", icon="", sublabel=""):
    """The trail label, address, label, address, … below the admin's home,
    then the page itself (`current`, with an optional `sublabel`); the page's
    heading for screen readers is `heading`, or `current` without one."""
    trail = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
    trail += [
        {"url": url, "label": label}
        for label, url in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    trail.append({"url": None, "label": current, "sublabel": str(sublabel or "")})
    return {"breadcrumbs_items": trail, "title": heading or current, "icon_name": icon}
