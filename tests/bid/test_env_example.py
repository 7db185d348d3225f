"""Every variable the settings read is documented in .env.example."""

import re

from tests.bid.test_settings import BASE_DIR

READ = re.compile(
    r"""(?:env(?:\.\w+)?|require|os\.environ\.get)\(\s*["']([A-Z_]+)["']"""
)


def test_env_example_lists_every_variable_the_settings_read():
    sources = [
        *(BASE_DIR / "bid" / "settings").glob("*.py"),
        BASE_DIR / "bid" / "gunicorn.py",
    ]
    read = set()
    for path in sources:
        read |= set(READ.findall(path.read_text()))
    documented = set(
        re.findall(r"^#? ?([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )
    assert read, "the pattern found no variables at all"
    # Set by pytest-xdist in each of its workers (bid/settings/test.py), never by
    # an operator.
    set_by_the_test_runner = {"PYTEST_XDIST_WORKER"}
    assert read - documented - set_by_the_test_runner == set()
