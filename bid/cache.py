"""The page cache: public Wagtail pages and shared fragments kept for anonymous
visitors in Django's cache, each purged when what it shows changes.
"""

import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as once

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Locale, Page, ReferenceIndex, Site, get_page_models
from wagtail.signals import page_slug_changed, post_page_move

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
CLOCK_KEY = "pagecache:clock"
# Carried by every entry: what every page shows (footer settings, site, locales).
SITE = "site"
# What a draft, a lock or a comment writes on a page's row: the live page is
# unchanged until it is published.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
    }
)
# Rows every page shows; connect() adds what the site's layout shows.
_site_wide = {"wagtailcore.site", "wagtailcore.locale"}
VIEW_RESTRICTION = "wagtailcore.pageviewrestriction"

# The tags being collected: one set for the page being rendered and one for
# each memoised computation under way inside it.
_collectors: ContextVar[tuple[set[str], ...]] = ContextVar(
    "page_cache_tags", default=()
)
_connected = False

# Per process, the shared fragments this process last found current, with the
# clock it read then: while the clock has not moved, nothing was purged, so an
# entry is served from here without asking the cache again (each question is
# a round trip to Redis; a page asks for ten fragments or more). Pickled, as
# in the cache, so no two requests share one object.
LOCAL_ENTRIES = 2000
_local: OrderedDict[str, tuple[int, float, bytes]] = OrderedDict()
_local_lock = threading.Lock()
# The clock as read once in this request (PageCacheMiddleware opens the
# scope; None outside a request, where every look-up reads the clock).
_UNREAD = object()
_request_clock: ContextVar[object] = ContextVar("page_cache_clock", default=None)


def _seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _fragment_seconds() -> int:
    # Apart from the page cache: members' pages and pages rendered with the
    # page cache off share the fragments too.
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


# Tags
#
# Every stored page and fragment carries tags naming what it shows: the page
# itself (in every language), the list of its children, what its class declares
# in `cache_tags` (model labels such as "home.indicator" or app labels such as
# "meetings"), and what the fragments it includes recorded (the menu: the home
# page's children). Publishing, unpublishing, moving or deleting a page purges
# the page, its parent's children, its kind and the pages linking to it
# (Wagtail's reference index; a move or a new slug: the whole branch). A saved
# row purges its labels when some page class declares them, an image or a
# document the pages using it, a site, a locale or the footer's settings every
# page. A write no page declares (a notification, a sign-in) purges nothing.


def page_tag(page) -> str:
    """The tag of a page in every language it is translated into."""
    return f"page:{page.translation_key}"


def children_tag(page) -> str:
    """The tag of the list of a page's children (menus, indexes)."""
    return f"children:{page.path}"


def _tag_key(tag: str) -> str:
    return f"pagecache:tag:{tag.lower()}"


def record(*tags: str) -> None:
    """Note that what is being rendered or memoised shows `tags` (no effect
    outside a cached page render or a memoised computation)."""
    for collected in _collectors.get():
        collected.update(tags)


@contextmanager
def _collecting():
    collected: set[str] = set()
    token = _collectors.set((*_collectors.get(), collected))
    try:
        yield collected
    finally:
        _collectors.reset(token)


@once
def _watched() -> frozenset[str]:
    """Model and app labels some page class shows: only their writes purge."""
    return frozenset(
        tag.lower()
        for model in get_page_models()
        for tag in getattr(model, "cache_tags", ())
    )


# Versions
#
# Purging stores the next number of one shared clock as the tag's version. A
# render reads the clock before it starts and is stored only if the clock has
# not moved when it ends, with the versions its tags had then; an entry is
# served only while its tags keep those versions. So a render that read rows
# from before a change is never served after the change's purge.
# PAGE_CACHE_SECONDS bounds how long a page lives in any case and
# FRAGMENT_CACHE_SECONDS how long a fragment does (0: off).


def _clock() -> int | None:
    now = cache.get(CLOCK_KEY)
    if now is None:
        # Started from the time, so a clock lost from the cache never counts
        # again through numbers it already handed out.
        cache.add(CLOCK_KEY, time.time_ns(), timeout=None)
        now = cache.get(CLOCK_KEY)
    return now


def _clock_now() -> int | None:
    """The clock, read once per request and again after a purge."""
    known = _request_clock.get()
    if known is None:
        return _clock()
    if known is _UNREAD:
        known = _clock()
        _request_clock.set(known)
    return known


@contextmanager
def request_scope():
    """One reading of the clock serves the fragments of one request."""
    token = _request_clock.set(_UNREAD)
    try:
        yield
    finally:
        _request_clock.reset(token)


def _local_get(key: str, clock: int | None):
    """(True, value) when this process found `key` current at `clock`."""
    if clock is None:
        return False, None
    with _local_lock:
        entry = _local.get(key)
        if entry is None or entry[0] != clock or entry[1] < time.monotonic():
            return False, None
        _local.move_to_end(key)
    return True, pickle.loads(entry[2])


def _local_put(key: str, clock: int | None, value, seconds: int) -> None:
    if clock is None:
        return
    entry = (clock, time.monotonic() + seconds, pickle.dumps(value, -1))
    with _local_lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def purge(*tags: str) -> None:
    """Make every stored page and fragment showing one of `tags` stale, now."""
    if not tags:
        return
    if _request_clock.get() is not None:
        _request_clock.set(_UNREAD)  # this request reads the moved clock
    try:
        try:
            version = cache.incr(CLOCK_KEY)
        except ValueError:  # no clock yet
            _clock()
            version = cache.incr(CLOCK_KEY)
        cache.set_many({_tag_key(tag): version for tag in tags}, timeout=None)
    except Exception:
        logger.exception("The page cache could not be purged")


def _purge_on_commit(compute: Callable[[], Iterable[str]]) -> None:
    """Purge the tags `compute()` names once the transaction commits (at once
    outside one); everything when they cannot be worked out."""

    def run():
        try:
            tags = set(compute())
        except Exception:
            logger.exception("The page cache could not tell what changed")
            tags = {SITE}
        purge(*tags)

    transaction.on_commit(run)


def _current(versions: dict[str, object]) -> bool:
    keys = {_tag_key(tag): version for tag, version in versions.items()}
    found = cache.get_many(list(keys))
    return all(found.get(key, None) == version for key, version in keys.items())


def _lookup(key: str) -> tuple[object | None, int | None, tuple[str, ...]]:
    """(what is stored under `key` if still current, or None; the clock now;
    the tags of what is stored)."""
    found = cache.get_many([key, CLOCK_KEY])
    start = found.get(CLOCK_KEY)
    if start is None:
        start = _clock()
    stored = found.get(key)
    if stored is not None:
        versions, payload = stored
        if _current(versions):
            record(*versions)
            return payload, start, tuple(versions)
    return None, start, ()


def _store(
    key: str, payload, *, tags: set[str], start: int | None, seconds: int
) -> bool:
    """Keep `payload` with the versions of its tags, unless some tag was
    purged since the clock read `start` (the render may have read old rows);
    whether it was kept."""
    tags = tags | {SITE}
    keys = {tag: _tag_key(tag) for tag in tags}
    found = cache.get_many([*keys.values(), CLOCK_KEY])
    missing = [k for k in keys.values() if k not in found]
    if missing:
        # Never purged (or evicted): a fresh token matches no stored entry.
        for tag_key in missing:
            cache.add(tag_key, uuid.uuid4().hex, timeout=None)
        found = cache.get_many([*keys.values(), CLOCK_KEY])
    if start is None or found.get(CLOCK_KEY) != start:
        return False
    if any(k not in found for k in keys.values()):
        return False
    versions = {tag: found[k] for tag, k in keys.items()}
    cache.set(key, (versions, payload), timeout=seconds)
    return True


def shared_key(name: str, request, *parts) -> str:
    """A fragment's name for `memoise` when what it shows differs by host and
    language."""
    return ":".join(
        str(part)
        for part in (name, request.get_host(), translation.get_language(), *parts)
    )


def memoise(name: str, compute: Callable, *, tags: Iterable[str] = ()):
    """compute()'s value, kept until one of `tags` (or of the tags recorded
    while computing it) is purged, for fragments and lookups that many pages
    repeat; computed afresh when FRAGMENT_CACHE_SECONDS is 0.

    The page being rendered carries the fragment's tags too. A model or app
    label among `tags` purges only when some page class also declares it in
    `cache_tags`."""
    tags = set(tags)
    record(*tags)
    seconds = _fragment_seconds()
    if seconds <= 0:
        return compute()
    key = f"pagecache:memo:{name}"
    try:
        known, value = _local_get(key, _clock_now())
        if known:
            record(*value[1])
            return value[0]
        found, start, found_tags = _lookup(key)
    except Exception:
        logger.exception("The page cache could not be read")
        return compute()
    if found is not None:
        _local_put(key, start, (found[0], found_tags), seconds)
        return found[0]
    with _collecting() as collected:
        value = compute()
    try:
        all_tags = tags | collected
        if _store(key, (value,), tags=all_tags, start=start, seconds=seconds):
            _local_put(key, start, (value, tuple(all_tags | {SITE})), seconds)
    except Exception:
        logger.exception("A value could not be stored in the page cache")
    return value


def site_for(request):
    """Wagtail's `Site.find_for_request`, kept in the shared fragments with its
    root page as its own class, so that neither the site nor the home page is
    read again to route a request (purged with any site or locale, or the root
    page); as Wagtail's own when the fragments are off."""
    if request is None or hasattr(request, "_wagtail_site") or _fragment_seconds() <= 0:
        return Site.find_for_request(request)
    name = f"site:{request.get_host()}:{request.get_port()}"
    request._wagtail_site = memoise(name, lambda: _site(request))
    return request._wagtail_site


def _site(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
        # The root page is kept with its count of children, which treebeard's
        # get_children() trusts: a child added or removed purges it too.
        record(page_tag(site.root_page), children_tag(site.root_page))
    return site


def active_locale():
    """Wagtail's `Locale.get_active()`, kept in the shared fragments (purged
    with any locale): Wagtail asks the database for it wherever a page is
    `localized`, on every request it routes among them."""
    return memoise(f"locale:{translation.get_language()}", Locale.get_active)


# What a change purges


def _kind_tags(model) -> set[str]:
    if model is None:
        return set()
    meta = model._meta
    return {meta.label_lower, meta.app_label, meta.concrete_model._meta.label_lower}


def _data_tags(model) -> set[str]:
    return _kind_tags(model) & _watched()


def _parent_children_tag(path: str) -> str | None:
    if len(path) <= Page.steplen:
        return None
    return f"children:{path[: -Page.steplen]}"


def _referrer_tags(objects: list) -> set[str]:
    """The pages (and declared rows) that link to or show `objects`."""
    if not objects:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    references = (
        ReferenceIndex.get_references_to_in_bulk(objects)
        .values_list("base_content_type_id", "content_type_id", "object_id")
        .distinct()
    )
    tags, page_ids = set(), set()
    for base_type, content_type, object_id in references:
        if base_type == page_type.pk:
            page_ids.add(int(object_id))
        else:
            model = ContentType.objects.get_for_id(content_type).model_class()
            tags |= _data_tags(model)
    keys = Page.objects.filter(pk__in=page_ids).values_list(
        "translation_key", flat=True
    )
    return tags | {f"page:{key}" for key in keys}


def _page_tags(translation_key, path, content_type_id) -> set[str]:
    """A page in every language, its parent's list of children, its kind."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    tags = {f"page:{translation_key}", *_kind_tags(model)}
    parent = _parent_children_tag(path)
    if parent:
        tags.add(parent)
    return tags


def _branch_tags(path: str) -> set[str]:
    """A page and everything under it, with what links there (addresses changed)."""
    rows = Page.objects.filter(path__startswith=path).values_list(
        "pk", "translation_key", "path", "content_type_id"
    )
    tags, pages = set(), []
    for pk, *row in rows:
        tags |= _page_tags(*row)
        pages.append(Page(pk=pk))
    return tags | _referrer_tags(pages)


def _restricted_branch_tags(page_id) -> set[str]:
    paths = Page.objects.filter(pk=page_id).values_list("path", flat=True)
    return set().union(*(_branch_tags(path) for path in paths))


def _row(page) -> tuple:
    return (page.translation_key, page.path, page.content_type_id)


def _page_changed(page) -> None:
    row, pages = _row(page), [Page(pk=page.pk)]
    _purge_on_commit(lambda: _page_tags(*row) | _referrer_tags(pages))


def _is_referenced_file(model) -> bool:
    return model._meta.label in (get_image_model_string(), get_document_model_string())


def _row_changed(model, instance) -> None:
    label = model._meta.label_lower
    if label in _site_wide:
        _purge_on_commit(lambda: {SITE})
    elif label == VIEW_RESTRICTION:
        page_id = instance.page_id
        _purge_on_commit(lambda: _restricted_branch_tags(page_id))
    elif _is_referenced_file(model):
        _purge_on_commit(lambda: _data_tags(model) | _referrer_tags([instance]))
    else:
        tags = _data_tags(model)
        if tags:
            _purge_on_commit(lambda: tags)


def _saved(sender, instance, update_fields=None, **kwargs) -> None:
    if issubclass(sender, Page):
        if update_fields is None or not set(update_fields) <= DRAFT_FIELDS:
            _page_changed(instance)
    else:
        _row_changed(sender, instance)


def _deleting(sender, instance, **kwargs) -> None:
    # Wagtail forgets the references to a deleted object, so they are read first.
    if issubclass(sender, Page):
        row, referrers = _row(instance), _referrer_tags([instance])
        _purge_on_commit(lambda: _page_tags(*row) | referrers)
    elif _is_referenced_file(sender):
        referrers = _referrer_tags([instance])
        _purge_on_commit(lambda: _data_tags(sender) | referrers)


def _deleted(sender, instance, **kwargs) -> None:
    if not issubclass(sender, Page) and not _is_referenced_file(sender):
        _row_changed(sender, instance)


def _m2m_changed(sender, instance, action, reverse, model, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Page):
        _page_changed(instance)
    elif type(instance)._meta.label_lower == VIEW_RESTRICTION:
        _row_changed(type(instance), instance)
    else:
        # The relation is the data of the model declaring the field, not of the
        # rows it points to (an event's organisations change no organisation).
        owner = model if reverse else type(instance)
        tags = _data_tags(sender) | _data_tags(owner)
        if tags:
            _purge_on_commit(lambda: tags)


def _page_moved(
    sender,
    instance,
    parent_page_before,
    parent_page_after,
    url_path_before,
    url_path_after,
    **kwargs,
) -> None:
    path = instance.path
    parents = {children_tag(parent_page_before), children_tag(parent_page_after)}
    if url_path_before != url_path_after:
        _purge_on_commit(lambda: parents | _branch_tags(path))
    else:  # reordered among its siblings
        _purge_on_commit(lambda: parents)


def _slug_changed(sender, instance, **kwargs) -> None:
    path = instance.path
    _purge_on_commit(lambda: _branch_tags(path))


def _page_served(page, request, *_route) -> None:
    record(page_tag(page), children_tag(page), *getattr(page, "cache_tags", ()))


def connect(*, every_page: Iterable[str] = ()) -> None:
    """Purge on every committed change of what pages show, and tag each page
    Wagtail serves (called from home's ready()). `every_page`: labels of the
    models every page shows (the footer's settings); a write purges them all."""
    global _connected
    _site_wide.update(label.lower() for label in every_page)
    if _connected:
        return
    _connected = True
    post_save.connect(_saved, dispatch_uid="pagecache.post_save")
    pre_delete.connect(_deleting, dispatch_uid="pagecache.pre_delete")
    post_delete.connect(_deleted, dispatch_uid="pagecache.post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pagecache.m2m_changed")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache.post_page_move")
    page_slug_changed.connect(_slug_changed, dispatch_uid="pagecache.slug_changed")
    hooks.register("before_serve_page", _page_served)


# Pages


def _key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:page:{translation.get_language()}:{digest}"


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
        with request_scope():
            return self._respond(request)

    def _respond(self, request):
        if _seconds() <= 0:
            return self.get_response(request)
        with _collecting() as tags:
            response = self.get_response(request)
        started = getattr(request, "_page_cache", None)
        if started is not None and request.method == "GET":
            key, start = started
            if _storable(request, response):
                try:
                    _store(
                        key,
                        (
                            response.status_code,
                            list(response.items()),
                            response.content,
                        ),
                        tags=tags,
                        start=start,
                        seconds=_seconds(),
                    )
                except Exception:
                    logger.exception("A page could not be stored in the page cache")
                response[HEADER] = "miss"
            else:
                response[HEADER] = "skip"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name != "wagtail_serve":
            return None
        response = self.stored_page(request)
        if response is None:
            site_for(request)  # before Wagtail routes the request with it
        return response

    def stored_page(self, request):
        if _seconds() <= 0 or not _anonymous_request(request):
            return None
        key = _key(request)
        try:
            stored, start, _tags = _lookup(key)
        except Exception:
            logger.exception("The page cache could not be read")
            return None
        if stored is None:
            request._page_cache = (key, start)
            return None
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response
