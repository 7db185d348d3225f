"""The proposals' and areas' worlds, for the rate-limited endpoints' tests, and
a clock for django-ratelimit that the tests set."""

import types
import zlib

import django_ratelimit.core
import pytest

from tests.members.areas.conftest import district  # noqa: F401
from tests.members.proposals.conftest import world  # noqa: F401

HOUR = 3600


class Clock:
    """now is the time in seconds that django-ratelimit reads."""

    def __init__(self):
        self.now = 1_000 * HOUR

    def time(self) -> float:
        return self.now

    def start_window(self, key: str, seconds: int = HOUR) -> None:
        """Move to the first second of a window of this client key.
        django-ratelimit staggers each key's windows by crc32(key) % period."""
        offset = (zlib.crc32(key.encode()) + 1) % seconds
        self.now += (offset - self.now) % seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(
        django_ratelimit.core, "time", types.SimpleNamespace(time=clock.time)
    )
    return clock
