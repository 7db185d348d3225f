import os
import uuid

import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache on; in Redis under a key prefix of its own when REDIS_URL
    is set (the test settings otherwise keep the cache in process memory)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        yield
        return
    prefix = f"bid-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
