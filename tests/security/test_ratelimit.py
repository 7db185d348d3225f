"""The cache-backed rate limiter: counting per window, keys, and the 429 page."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from bid import ratelimit
from bid.ratelimit import Rate, client_key, hit, parse_rate

HOUR = 3600


@pytest.fixture
def clock(monkeypatch):
    """The limiter's clock, set by the test: now[0] is the time in seconds."""
    now = [1_000 * HOUR]
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    return now


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("10/h", Rate(10, 3600)),
        ("20/10m", Rate(20, 600)),
        ("5/30s", Rate(5, 30)),
        ("1/d", Rate(1, 86400)),
    ],
)
def test_rates_are_read_as_count_per_period(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["10", "ten/h", "10/w", "10/xm"])
def test_a_malformed_rate_is_a_configuration_error(text):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(text)


def test_the_limit_allows_n_requests_per_window_then_refuses(clock):
    rate = Rate(3, HOUR)
    answers = [hit(scope="s", key="user:1", rate=rate)[0] for _ in range(4)]
    assert answers == [True, True, True, False]


def test_the_window_expires_and_counting_starts_again(clock):
    rate = Rate(1, HOUR)
    assert hit(scope="s", key="user:1", rate=rate) == (True, HOUR)
    clock[0] += 600
    assert hit(scope="s", key="user:1", rate=rate) == (False, HOUR - 600)
    clock[0] += HOUR - 600
    assert hit(scope="s", key="user:1", rate=rate)[0] is True


def test_scopes_and_people_are_counted_apart(clock):
    rate = Rate(1, HOUR)
    assert hit(scope="comment", key="user:1", rate=rate)[0]
    assert hit(scope="comment", key="user:2", rate=rate)[0]
    assert hit(scope="support", key="user:1", rate=rate)[0]
    assert not hit(scope="comment", key="user:1", rate=rate)[0]


def test_anonymous_visitors_are_keyed_by_the_client_address_behind_the_proxy(
    settings,
):
    from django.contrib.auth.models import AnonymousUser

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
    for text in settings.RATE_LIMITS.values():
        assert parse_rate(text).count > 0


def test_the_limit_counts_in_redis_when_redis_is_the_cache(settings, clock):
    """Production shares one Redis between app servers: the count must be there."""
    import os
    import uuid

    from django.core.cache import caches

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
        rate = Rate(2, HOUR)
        answers = [hit(scope="s", key="user:1", rate=rate)[0] for _ in range(3)]
        assert answers == [True, True, False]
        stored = client.keys(f"{prefix}:*")
        assert any(b"ratelimit:s:" in key for key in stored)
    finally:
        # Only this test's keys: clear() would empty a Redis others share.
        for key in client.keys(f"{prefix}:*"):
            client.delete(key)
