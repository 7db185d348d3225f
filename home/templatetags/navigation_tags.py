"""Site navigation built from the page tree, and the language switcher."""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from bid.access import is_member
from bid.cache import children_tag, memoise, page_tag, record
from members.enrolment.pages import JoinPage
from members.organisations.sections import sections_for

register = template.Library()


def _home_for(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, menu-listed children of the home page in the active language;
    the page to join leaves the menu of those who are members already."""
    request = context["request"]
    site = Site.find_for_request(request)
    name = f"menu-entries:{site.pk if site else 0}:{translation.get_language()}"
    home_url, entries = memoise(name, lambda: _menu_entries(request))
    current = context.get("page")
    member = is_member(request.user)
    items = [
        {
            "title": title,
            "url": url,
            "current": bool(current is not None and current.path.startswith(path)),
        }
        for title, url, path, joins in entries
        if not (joins and member)
    ]
    home = {"url": home_url} if home_url is not None else None
    return {"home": home, "items": items, "request": request}


def _menu_entries(request) -> tuple[str | None, list[tuple]]:
    home = _home_for(request)
    if home is None:
        return None, []
    # The menu changes with the home page's address and with its children.
    record(page_tag(home), children_tag(home))
    pages = home.get_children().live().in_menu().public()
    join_type = ContentType.objects.get_for_model(JoinPage).pk
    return home.url, [
        (p.title, p.get_url(request), p.path, p.content_type_id == join_type)
        for p in pages
    ]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language: the page's own translation when it
    has one, the same address under the other language prefix otherwise."""
    request = context["request"]
    page = context.get("page")
    active = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for other in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            translations[other.locale.language_code] = other
    links = []
    for code, _name in settings.LANGUAGES:
        local_name = capfirst(get_language_info(code)["name_local"])
        if code in translations:
            url = translations[code].get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": local_name, "url": url, "current": code == active}
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _home_for(context["request"])
    return home.get_url(context["request"]) if home else "/"


@register.inclusion_tag("includes/portal_nav.html", takes_context=True)
def portal_nav(context):
    """The member portal's sections on every page of the portal namespace."""
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    if (
        match is None
        or match.namespace != "portal"
        or not request.user.is_authenticated
    ):
        return {"sections": []}
    return {"sections": sections_for(request)}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context, current=None):
    """The trail from the home page to a Wagtail page below the second level,
    or, given the `current` title of a route of the page, to that route."""
    request = context["request"]
    page = context.get("page")
    home = _home_for(request)
    if not isinstance(page, Page) or home is None:
        return {"trail": []}
    ancestors = page.get_ancestors().filter(depth__gte=home.depth)
    if current is not None:
        pages = [*ancestors, page]
    elif page.depth > home.depth + 1:
        pages, current = list(ancestors), page.title
    else:
        return {"trail": []}
    # A cached page shows its ancestors' titles: renaming one purges it.
    record(*(page_tag(crumb) for crumb in pages))
    trail = [
        {
            "title": _("Home") if crumb.depth == home.depth else crumb.title,
            "url": crumb.get_url(request),
        }
        for crumb in pages
    ]
    return {"trail": trail, "current": current}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*pairs, current=""):
    """The trail of a portal page: label, address, label, address, … and the
    current page's own title."""
    trail = [
        {"title": title, "url": url}
        for title, url in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    return {"trail": trail, "current": current}
