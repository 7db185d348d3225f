"""Rate limits of member write endpoints: django-ratelimit counts in the cache per
user (per client IP for anonymous visitors); the request over the limit is answered
with the site's 429 before the view runs."""

import functools
import math
import re

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

# '10/h', '20/10m', '5/30s': so many requests per period. django-ratelimit reads
# the start of a rate only (and "10" as ten a second), so a typing error in
# RATE_LIMITS is refused here instead of becoming another limit.
RATE = re.compile(r"\d+/\d*[smhd]")


def rate_for(scope: str, request=None) -> str | None:
    """settings.RATE_LIMITS[scope], or None when the scope has no limit."""
    rate = settings.RATE_LIMITS.get(scope)
    if rate and not RATE.fullmatch(rate):
        raise ImproperlyConfigured(f"Invalid rate limit {rate!r} for {scope!r}.")
    return rate or None


def client_key(request) -> str:
    """The signed-in user, or the client's IP address as allauth resolves it
    (ALLAUTH_TRUSTED_PROXY_COUNT says how many proxies to look through)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    try:
        return f"ip:{get_adapter(request).get_client_ip(request)}"
    except PermissionDenied:
        return "ip:unknown"


def _key(scope: str, request) -> str:
    return client_key(request)


def rate_limited(request, *, retry_after: int):
    """429 with the reason: JSON for the pay page's script, a page otherwise."""
    minutes = max(1, math.ceil(retry_after / 60))
    message = ngettext(
        "You have done this too many times in a short while. "
        "Nothing was saved. Try again in %(minutes)s minute.",
        "You have done this too many times in a short while. "
        "Nothing was saved. Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}
    if request.headers.get("X-Requested-With") == "fetch":
        response = JsonResponse({"error": message}, status=429)
    else:
        response = TemplateResponse(
            request, "429.html", {"message": message}, status=429
        )
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(scope: str, methods: tuple[str, ...] = ("POST",)):
    """Limit the view's requests of these methods to settings.RATE_LIMITS[scope].

    django-ratelimit's own decorator raises a PermissionDenied that knows nothing
    of the time left; its get_usage() counts the same way and says how long."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            refused = over_limit(request, scope, methods)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def over_limit(request, scope: str, methods: tuple[str, ...] = ("POST",)):
    """Count this request against settings.RATE_LIMITS[scope]: the site's 429
    when it goes over, else None. What `ratelimit` does before a view, for a
    handler that is not a plain view (a Wagtail page's route)."""
    usage = get_usage(
        request,
        group=scope,
        key=_key,
        rate=rate_for,
        method=methods,
        increment=True,
    )
    if usage and usage["should_limit"]:
        return rate_limited(request, retry_after=max(1, usage["time_left"]))
    return None
