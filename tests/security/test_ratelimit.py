"""The rate limit of member write endpoints: counting per window, keys, rates, and
the 429 answer (django-ratelimit counts; bid/ratelimit.py keys and answers)."""

import json
import os
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from bid.ratelimit import client_key, rate_for, ratelimit

HOUR = 3600


class Person:
    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


def view_limited_as(scope):
    @ratelimit(scope)
    def view(request):
        return HttpResponse("saved")

    return view


def post(view, *, user=1, method="post"):
    request = getattr(RequestFactory(), method)("/", HTTP_X_REQUESTED_WITH="fetch")
    request.user = Person(user)
    return view(request)


@pytest.fixture
def rates(settings):
    """rates(scope=rate, …) configures these scopes only."""

    def configure(**scopes):
        settings.RATE_LIMITS = scopes

    return configure


@pytest.mark.parametrize("text", ["10/h", "20/10m", "5/30s", "1/d"])
def test_rates_are_count_per_period(rates, text):
    rates(s=text)
    assert rate_for("s") == text


def test_a_scope_without_a_rate_is_not_limited(rates):
    rates()
    assert rate_for("s") is None
    view = view_limited_as("s")
    assert {post(view).status_code for _ in range(50)} == {200}


@pytest.mark.parametrize("text", ["10", "ten/h", "10/w", "10/xm"])
def test_a_malformed_rate_is_a_configuration_error(rates, text):
    rates(s=text)
    with pytest.raises(ImproperlyConfigured):
        rate_for("s")


def test_the_limit_allows_n_requests_per_window_then_refuses(rates, clock):
    rates(s="3/h")
    view = view_limited_as("s")
    assert [post(view).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_reading_is_not_counted(rates, clock):
    rates(s="1/h")
    view = view_limited_as("s")
    assert [post(view, method="get").status_code for _ in range(3)] == [200] * 3
    assert post(view).status_code == 200


def test_the_window_expires_and_counting_starts_again(rates, clock):
    rates(s="1/h")
    view = view_limited_as("s")
    clock.start_window("user:1")
    assert post(view).status_code == 200
    clock.now += 600
    with translation.override("en"):
        refused = post(view)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(HOUR - 1 - 600)
    assert "Try again in 50 minutes." in json.loads(refused.content)["error"]
    clock.now += HOUR - 600
    assert post(view).status_code == 200


def test_scopes_and_people_are_counted_apart(rates, clock):
    rates(comment="1/h", support="1/h")
    comment, support = view_limited_as("comment"), view_limited_as("support")
    assert post(comment, user=1).status_code == 200
    assert post(comment, user=2).status_code == 200
    assert post(support, user=1).status_code == 200
    assert post(comment, user=1).status_code == 429


def test_anonymous_visitors_are_keyed_by_the_client_address_behind_the_proxy(
    settings,
):
    # The client claims 198.51.100.9; our proxy (10.0.0.1) appends what it saw.
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7"
    )
    request.user = AnonymousUser()
    assert client_key(request) == "ip:10.0.0.1"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_key(request) == "ip:203.0.113.7"


def test_every_configured_rate_is_valid(settings):
    assert settings.RATE_LIMITS
    for scope in settings.RATE_LIMITS:
        assert int(rate_for(scope).split("/")[0]) > 0


def test_the_limit_counts_in_redis_when_redis_is_the_cache(rates, settings, clock):
    """Production shares one Redis between app servers: the count must be there."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"test-ratelimit-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    redis_cache = caches["default"]
    try:
        redis_cache.set("ping", 1, timeout=5)
    except Exception as error:  # noqa: BLE001 (any connection failure)
        pytest.skip(f"no Redis at {url}: {error}")
    client = redis_cache._cache.get_client(write=True)
    try:
        rates(s="2/h")
        view = view_limited_as("s")
        assert [post(view).status_code for _ in range(3)] == [200, 200, 429]
        stored = client.keys(f"{prefix}:*")
        assert any(b":ratelimit:" in key for key in stored)
    finally:
        # Only this test's keys: clear() would empty a Redis others share.
        for key in client.keys(f"{prefix}:*"):
            client.delete(key)
