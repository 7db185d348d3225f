"""The browser layer: Debian's Chromium driven by Playwright against a live server.

Every page a test visits can be checked with `assert_accessible(page)`, which
runs axe-core (bundled by axe-playwright-python, never fetched) and fails on
any violation, listing them.
"""

import os
import shutil

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The longest tests of the suite (two minutes for the sweep), started first so
# that the other worker takes the rest meanwhile instead of waiting at the end.
LONGEST = ("tests/browser/test_layout.py::test_every_page_of_every_role_fits",)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    # pytest-django's own hook, which runs after this one, then sorts the tests
    # that use the database before the transactional ones (the browser tests)
    # and those before the rest; its sort is stable, so these lead their group.
    items.sort(key=lambda item: not item.nodeid.startswith(LONGEST))


@pytest.fixture
def browser():
    # One Playwright per test: its event loop changes which database connection
    # object Django sees in this thread, so it must not outlive the test that
    # started it (the next test's serialized rollback would miss its data).
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"{CHROMIUM} is missing: `make test` installs it when run as root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # Close the connections opened in Playwright's context, or PostgreSQL
        # refuses to drop the test database at the end of the run.
        connections.close_all()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text)
            if message.type == "error"
            else None
        ),
    )
    yield page
    context.close()


class OncePerDocumentAxe(Axe):
    """axe-core injected into a document once: a page checked again (at another
    width, after a click that changed it in place) runs the copy already there.
    Half a megabyte of script parsed again costs a twentieth of a second."""

    def run(self, page, context=None, options=DEFAULT_OPTIONS):
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.axe_script)
        command = "axe.run(%s).then(results => {return results;})"
        arguments = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(command % arguments))


@pytest.fixture(scope="session")
def axe():
    return OncePerDocumentAxe()


@pytest.fixture
def assert_accessible(axe):
    def check(page):
        results = axe.run(page)
        violations = results.response["violations"]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[node['target'] for node in v['nodes']][:5]}"
            for v in violations
        )
        assert not violations, f"axe-core found violations on {page.url}:\n{details}"

    return check
