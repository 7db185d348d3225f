"""The page cache: public Wagtail pages kept whole for anonymous visitors.

A page is served from the cache only to a request without a session or
messages cookie (so never to someone signed in), per host, scheme, language
and full address. A response is stored only when it is a plain 200 that set
no cookie, used no CSRF token, changed no session and carried no message.

Every stored page hangs off one version token; any committed change to pages
or to what pages show (meetings, proposals, indicators, organisations, images,
documents, settings …) replaces the token, so the next visitor gets a fresh
render. PAGE_CACHE_SECONDS bounds how long a page lives in any case (0: off).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
HEADER = "X-Page-Cache"
# Apps whose rows public pages show. Accounts stay out: a sign-in writes
# last_login, and emptying the cache at every sign-in would defeat it.
PAGE_DATA_APPS = frozenset(
    {
        "home",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "taggit",
        "meetings",
        "proposals",
        "organisations",
        "enrolment",
        "areas",
    }
)


def _seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def version() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        token = f"{time.time_ns():x}"
        if not cache.add(VERSION_KEY, token, timeout=None):
            token = cache.get(VERSION_KEY, token)
    return token


def invalidate() -> None:
    """Forget every cached page (they are left to expire under the old token)."""
    try:
        cache.set(VERSION_KEY, f"{time.time_ns():x}", timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated")


def invalidate_on_commit() -> None:
    """Invalidate once the current transaction commits (at once outside one).

    Pages rendered before the commit were stored under the old token, so a
    render that read the old rows can never be served after the change.
    """
    transaction.on_commit(invalidate)


def _changed(sender, **kwargs) -> None:
    if sender._meta.app_label in PAGE_DATA_APPS:
        invalidate_on_commit()


def _page_changed(sender, **kwargs) -> None:
    invalidate_on_commit()


def connect() -> None:
    """Hook invalidation to every write of page data (called from home's ready())."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"pagecache.{signal!r}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pagecache.{signal!r}")


def memoise(name: str, compute):
    """compute()'s value, kept until page data next changes (for fragments and
    lookups that every page repeats); computed afresh when the cache is off."""
    if _seconds() <= 0:
        return compute()
    try:
        key = f"pagecache:{version()}:{name}"
        found = cache.get(key)
    except Exception:
        logger.exception("The page cache could not be read")
        return compute()
    if found is None:
        found = compute()
        try:
            cache.set(key, found, timeout=_seconds())
        except Exception:
            logger.exception("A value could not be stored in the page cache")
    return found


def _key(request, token: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{token}:{translation.get_language()}:{digest}"


def _anonymous_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it is this visitor's
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class PageCacheMiddleware:
    """Serves Wagtail's page view from the cache; last in MIDDLEWARE, so the
    security, CSP and locale headers are still added to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and request.method == "GET":
            if _storable(request, response):
                try:
                    cache.set(
                        key,
                        (
                            response.status_code,
                            list(response.items()),
                            response.content,
                        ),
                        timeout=_seconds(),
                    )
                except Exception:
                    logger.exception("A page could not be stored in the page cache")
                response[HEADER] = "miss"
            else:
                response[HEADER] = "skip"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            _seconds() <= 0
            or match is None
            or match.url_name != "wagtail_serve"
            or not _anonymous_request(request)
        ):
            return None
        try:
            key = _key(request, version())
            stored = cache.get(key)
        except Exception:
            logger.exception("The page cache could not be read")
            return None
        if stored is None:
            request._page_cache_key = key
            return None
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response
