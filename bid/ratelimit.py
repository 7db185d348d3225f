"""Rate limits on the cache for member write endpoints: a fixed window per user
(per client IP for anonymous visitors), answered with 429 before the view runs."""

import functools
import hashlib
import math
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """'10/h', '20/10m', '5/30s': so many requests per period."""
    try:
        count, period = text.split("/")
        amount, unit = period[:-1] or "1", period[-1]
        return Rate(count=int(count), seconds=int(amount) * UNITS[unit])
    except (KeyError, ValueError) as error:
        raise ImproperlyConfigured(f"Invalid rate limit {text!r}.") from error


def _now() -> float:
    return time.time()


def client_key(request) -> str:
    """The signed-in user, or the client's IP address as allauth resolves it
    (ALLAUTH_TRUSTED_PROXY_COUNT says how many proxies to look through)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    try:
        return f"ip:{get_adapter(request).get_client_ip(request)}"
    except PermissionDenied:
        return "ip:unknown"


def hit(*, scope: str, key: str, rate: Rate) -> tuple[bool, int]:
    """Count one request; (allowed, seconds until the window ends)."""
    now = _now()
    window = int(now // rate.seconds)
    retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    # add() then incr() is atomic on Redis; two racing first requests at worst
    # both count as the first, which a limit of this kind tolerates.
    if cache.add(cache_key, 1, timeout=retry_after + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.add(cache_key, 1, timeout=retry_after + 1)
            count = 1
    return count <= rate.count, retry_after


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
    """Limit the view's requests of these methods to settings.RATE_LIMITS[scope]."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            rate_text = settings.RATE_LIMITS.get(scope)
            if rate_text and request.method in methods:
                allowed, retry_after = hit(
                    scope=scope, key=client_key(request), rate=parse_rate(rate_text)
                )
                if not allowed:
                    return rate_limited(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
