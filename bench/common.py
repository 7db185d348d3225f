"""What every benchmark shares: Django set up outside the test runner, a
throwaway database, and bench/results.json.

A benchmark script imports this module first and calls `setup()` before it
imports anything that reads Django's settings or models (importing Django
itself reads none).
"""

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.db import connection
from django.test.utils import setup_test_environment

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"


def setup(**environ: str) -> None:
    """Django with the development settings (unless DJANGO_SETTINGS_MODULE
    names others), no query log growing in memory, and `environ` set first."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bid.settings.dev")
    os.environ["DEBUG"] = "0"
    os.environ.update(environ)
    django.setup()


@contextmanager
def throwaway_database(suffix: str = "", **options) -> Iterator[str]:
    """A test database of the configured server, migrated for the run and
    dropped after it whatever happens; gives its name. `suffix` names it apart
    from the test runner's; `options` go to `create_test_db`."""
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if suffix:
        connection.settings_dict["TEST"]["NAME"] = f"{old_name}_{suffix}"
    name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=False, **options
    )
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def record(figures: dict, key: str = "") -> None:
    """Write `figures` into bench/results.json under `key` (without one, each
    of its keys at the top) and print them. The file is read just before it is
    written: other benchmarks write their own keys."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if key:
        results[key] = figures
    else:
        results.update(figures)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")
