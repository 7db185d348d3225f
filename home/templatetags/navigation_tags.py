"""Site navigation built from the page tree, and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from wagtail.models import Page, Site

from bid.cache import children_tag, memoise, page_tag, record

register = template.Library()


def _home_for(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, menu-listed children of the home page in the active language."""
    request = context["request"]
    site = Site.find_for_request(request)
    name = f"menu:{site.pk if site else 0}:{translation.get_language()}"
    home_url, entries = memoise(name, lambda: _menu_entries(request))
    current = context.get("page")
    items = [
        {
            "title": title,
            "url": url,
            "current": bool(current is not None and current.path.startswith(path)),
        }
        for title, url, path in entries
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
    return home.url, [(p.title, p.get_url(request), p.path) for p in pages]


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
