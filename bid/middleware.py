"""Content Security Policy: strict on the site, relaxed where Wagtail's admin needs."""

from functools import lru_cache
from urllib.parse import urlsplit

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import QueryDict

# Wagtail's admin still executes inline scripts and applies inline styles;
# everything outside /admin/ keeps the strict policy from settings.
ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"
ADMIN_RELAXATION = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


@lru_cache(maxsize=4)
def tile_sources(url: str) -> tuple[str, ...]:
    """The origins a tile URL template loads from: its one host, or for a
    `{s}` template the a, b and c hosts Leaflet fills in; never a wildcard."""
    if not url:
        return ()
    parts = urlsplit(url)
    hosts = [parts.netloc]
    if "{s}" in parts.netloc:
        hosts = [parts.netloc.replace("{s}", sub) for sub in "abc"]
    return tuple(f"{parts.scheme}://{host}" for host in hosts)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        update = {}
        if request.path_info.startswith(ADMIN_PREFIX):
            update.update(ADMIN_RELAXATION)
        # The base map's tiles (MAP_TILES_URL) are images from exactly that host.
        tiles = tile_sources(settings.MAP_TILES_URL)
        if tiles:
            update["img-src"] = list(tiles)
        if update:
            parts.update = {**update, **(parts.update or {})}
        return parts


class CleanQueryMiddleware:
    """NUL characters never reach a view: PostgreSQL refuses them in any text
    it is given (a server error), and no honest link carries one. Every query
    parameter, name and value, is read without them, in this one place. The
    APIs validate their parameters themselves and answer a NUL with a JSON
    422 naming the parameter, so their requests pass untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if "%00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [v.replace("\x00", "") for v in values]
                )
            request.GET = QueryDict(cleaned.urlencode(), encoding=request.encoding)
        return self.get_response(request)
