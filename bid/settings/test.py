"""The test suite: fast hashing, mail kept in memory, tasks run inline."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, ELASTICSEARCH_INDEX_PREFIX, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0  # tests/bid/test_page_cache.py turns it on
FRAGMENT_CACHE_SECONDS = 0  # and the tests of shared fragments this
# pytest-xdist runs the suite in worker processes named gw0, gw1, …; what one
# process writes outside its test database gets a place of its own per worker.
xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = VAR_DIR / "test-media" / xdist_worker
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ELASTICSEARCH_URL = ""
# Where a test turns Elasticsearch on, each worker keeps to indices of its own.
ELASTICSEARCH_INDEX_PREFIX = f"{ELASTICSEARCH_INDEX_PREFIX}-test-{xdist_worker}"
STRIPE_SECRET_KEY = ""
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: the live server answers requests in
    # several threads, and only a file database waits for a lock instead of
    # failing at once ("database table is locked").
    VAR_DIR.mkdir(exist_ok=True)
    # One file per run, so that two runs side by side never share (and break)
    # one database; Django deletes it when the run ends.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-bid-{os.getpid()}.sqlite3")
    }
else:
    # Where tests/search runs the SQLite search backend's contract beside
    # PostgreSQL's: tables made from the models, no migrations (conftest.py).
    DATABASES["sqlite"] = {  # noqa: F405
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"MIGRATE": False},
    }
