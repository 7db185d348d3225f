"""A circuit breaker for the search engine: after a run of failures, searches
skip it for a cooldown and go straight to the database, so a hung server costs
a few searches their timeout instead of every search."""

import threading
import time
from collections.abc import Callable


class CircuitBreaker:
    """Closed: every call tries the engine. After `failures` failures in a row
    it opens for `cooldown` seconds, and `allow()` says no. After the cooldown
    one call at a time may try again: a success closes it, a failure opens it
    for another cooldown."""

    def __init__(
        self,
        *,
        failures: int = 3,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.failures = max(failures, 1)
        self.cooldown = cooldown
        self.clock = clock
        self._lock = threading.Lock()
        self._failed = 0
        self._open_until = 0.0
        self._trying = False

    @property
    def is_open(self) -> bool:
        return self._failed >= self.failures

    def allow(self) -> bool:
        """Whether this call may try the engine."""
        with self._lock:
            if not self.is_open:
                return True
            if self._trying or self.clock() < self._open_until:
                return False
            self._trying = True  # the one trial call after the cooldown
            return True

    def succeeded(self) -> None:
        with self._lock:
            self._failed = 0
            self._trying = False

    def failed(self) -> bool:
        """Count a failure; True when it (re)opens the breaker."""
        with self._lock:
            self._failed += 1
            self._trying = False
            if self._failed < self.failures:
                return False
            self._open_until = self.clock() + self.cooldown
            return True
