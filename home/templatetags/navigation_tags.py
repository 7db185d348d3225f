"""Site navigation built from the page tree, the language switcher and the
layout's district details; what every visitor sees alike is kept in the shared
fragments (bid/cache.py)."""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from bid.access import is_member
from bid.cache import (
    children_tag,
    memoise,
    page_tag,
    record,
    shared_key,
    site_for,
)
from home.models import DistrictSettings
from members.enrolment.pages import JoinPage
from members.organisations.sections import sections_for

register = template.Library()


def _home_for(request):
    """The site's home page in the active language, looked up once per
    request (the header's home link and the menu both need it)."""
    homes = request.__dict__.setdefault("bid_homes", {})
    language = translation.get_language()
    if language not in homes:
        site = site_for(request)
        homes[language] = site.root_page.localized if site else None
    return homes[language]


def _home_link(request) -> tuple[str, int] | None:
    """(address, depth) of the home page in the active language, kept per
    request and in the shared fragments."""
    found = getattr(request, "bid_home_link", None)
    if found is None:
        found = request.bid_home_link = memoise(
            shared_key("home-link", request), lambda: _home_link_compute(request)
        )
    return found or None


def _home_link_compute(request) -> tuple[str, int] | tuple[()]:
    home = _home_for(request)
    if home is None:
        return ()
    record(page_tag(home))
    return home.get_url(request), home.depth


# What the header and footer show of the district settings.
DISTRICT_FIELDS = (
    "organisation_name",
    "organisation_number",
    "street_address",
    "postal_code",
    "city",
    "email",
    "phone",
)


@register.simple_tag(takes_context=True)
def district(context) -> dict:
    """The name and contact details in the district settings of the request's
    site, shared by every page (a change of the settings purges every page)."""
    request = context.get("request")
    if request is None:
        return {}
    site = site_for(request)
    if site is None:
        return {}
    # Kept per request too: the header and the footer both show it.
    found = getattr(request, "bid_district", None)
    if found is None:
        found = request.bid_district = memoise(
            f"district:{site.pk}", lambda: _district(site)
        )
    return found


def _district(site) -> dict:
    found = DistrictSettings.for_site(site)
    return {field: getattr(found, field) for field in DISTRICT_FIELDS}


@register.simple_tag
def page_language(page) -> str:
    """The language code of a Wagtail page, from the shared list of locales
    instead of a query per page; empty for anything else."""
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return ""
    codes = memoise(
        "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )
    return codes.get(locale_id, "")


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, menu-listed children of the home page in the active language;
    the page to join leaves the menu of those who are members already."""
    request = context["request"]
    site = site_for(request)
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
        translations = memoise(
            shared_key("translations", request, page.pk),
            lambda: _translation_urls(page, request),
            tags=[page_tag(page)],
        )
    links = []
    for code, _name in settings.LANGUAGES:
        local_name = capfirst(get_language_info(code)["name_local"])
        url = translations.get(code)
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": local_name, "url": url, "current": code == active}
        )
    return {"links": links}


def _translation_urls(page, request) -> dict[str, str]:
    """The address of each live translation of `page`, by language code."""
    return {
        other.locale.language_code: other.get_url(request)
        for other in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _home_link(context["request"])
    return home[0] if home else "/"


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
def page_breadcrumbs(context, *pairs, current=None):
    """The trail from the home page to a Wagtail page below the second level,
    or, given the `current` title of a route of the page, to that route, after
    the steps label, address, label, address, … between the page and it."""
    request = context["request"]
    page = context.get("page")
    home = _home_link(request)
    if not isinstance(page, Page) or home is None:
        return {"trail": []}
    home_depth = home[1]
    if current is None and page.depth <= home_depth + 1:
        return {"trail": []}
    ancestors = memoise(
        shared_key("ancestors", request, page.pk),
        lambda: _ancestor_links(page, home_depth, request),
        tags=[page_tag(page)],
    )
    if current is not None:
        trail = [
            *ancestors,
            {"title": page.title, "url": page.get_url(request)},
            *breadcrumbs(*pairs)["trail"],
        ]
    else:
        trail, current = ancestors, page.title
    return {"trail": trail, "current": current}


def _ancestor_links(page, home_depth: int, request) -> list[dict]:
    ancestors = list(page.get_ancestors().filter(depth__gte=home_depth))
    # The trail shows the ancestors' titles: renaming one purges it.
    record(*(page_tag(crumb) for crumb in ancestors))
    return [
        {
            "title": _("Home") if crumb.depth == home_depth else crumb.title,
            "url": crumb.get_url(request),
        }
        for crumb in ancestors
    ]


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*pairs, current=""):
    """The trail of a portal page: label, address, label, address, … and the
    current page's own title."""
    trail = [
        {"title": title, "url": url}
        for title, url in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    return {"trail": trail, "current": current}


@register.inclusion_tag("includes/breadcrumbs.html")
def portal_breadcrumbs(*pairs, current=""):
    """`breadcrumbs` below the member portal, whose dashboard is the root of
    every portal trail."""
    return breadcrumbs(
        _("Member portal"), reverse("portal:dashboard"), *pairs, current=current
    )
