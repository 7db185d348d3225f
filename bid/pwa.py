"""The installable member portal: its web app manifest, its service worker and
the page the worker shows when there is no connection."""

import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bid import languages
from bid.district import district_name

# The design system's brand colour (static/css/site.css, --brand) and paper.
THEME_COLOUR = "#0b5e61"
BACKGROUND_COLOUR = "#ffffff"

WORKER_SOURCE = "js/sw.js"
# What the worker keeps for a page without a connection: the shell every page
# loads and the offline page's own assets. Pages are never kept: they are
# personal, and the next person to use the phone must not see them.
SHELL = (
    "vendor/designsystemet/theme.css",
    "vendor/designsystemet/designsystemet.css",
    "css/site.css",
    "css/forms.css",
    "css/navigation.css",
    "js/navigation.js",
    "js/pwa.js",
    "js/offline-forms.js",
    "js/observation-place.js",
    "js/map.js",
    "img/logo.svg",
    "img/favicon.svg",
    "img/icon-192.png",
    "img/icon-512.png",
)
ICONS = (
    ("img/icon-192.png", "192x192", "any"),
    ("img/icon-512.png", "512x512", "any"),
    ("img/icon-maskable-192.png", "192x192", "maskable"),
    ("img/icon-maskable-512.png", "512x512", "maskable"),
)


@require_GET
def manifest(request):
    """The web app manifest in the reader's language: the portal opens as an
    app of its own from the phone's home screen."""
    response = JsonResponse(
        {
            # The same app in every language: the id does not carry the prefix.
            "id": "/portal/",
            "name": _("%(district)s member portal")
            % {"district": district_name(request)},
            "short_name": _("Member portal"),
            "description": _(
                "Weekly reports, safety walks and the situational picture, "
                "also without a connection."
            ),
            "lang": translation.get_language(),
            "start_url": reverse("portal:dashboard"),
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                {
                    "src": static(path),
                    "sizes": sizes,
                    "type": "image/png",
                    "purpose": purpose,
                }
                for path, sizes, purpose in ICONS
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _offline_pages() -> list[tuple[str, str]]:
    """Each language's address prefix and offline page, longest prefix first."""
    pages = []
    for code in languages.codes():
        with translation.override(code):
            url = reverse("offline")
        pages.append((url.removesuffix("offline/"), url))
    return sorted(pages, key=lambda page: len(page[0]), reverse=True)


def _read(path: str) -> bytes:
    found = finders.find(path)
    if not found:
        raise Http404
    with open(found, "rb") as handle:
        return handle.read()


@require_GET
def service_worker(request):
    """static/js/sw.js with what it is to keep, served from the site's root so
    that it may answer for every page. Its version is a digest of the worker
    and of every file it keeps, so a changed file replaces the cache."""
    source = _read(WORKER_SOURCE)
    offline = _offline_pages()
    config = {
        "precache": [static(path) for path in SHELL] + [url for _, url in offline],
        "offline": offline,
    }
    digest = hashlib.sha256(source)
    digest.update(json.dumps(config).encode())
    for path in SHELL:
        digest.update(_read(path))
    config["version"] = digest.hexdigest()[:16]
    body = b"self.BID_PWA = " + json.dumps(config).encode() + b";\n" + source
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request):
    """Shown by the service worker when a page cannot be reached. It is kept on
    the phone, so it is drawn as for a visitor: no name, no messages."""
    request.user = AnonymousUser()
    return TemplateResponse(request, "offline.html", {"messages": ()})
