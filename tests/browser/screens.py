"""Screenshots of each role's main page for the README: `make screens`.

Loads the demo district into a temporary SQLite database, serves it on a free
local port, signs each role in through the login form and writes PNGs of the
public home page, the member portal and the board's and the secretariat's admin
dashboard, 390px and 1280px wide, to docs/screens/. Debian's Chromium takes
them; nothing is downloaded.
"""

import base64
import hashlib
import hmac
import os
import socket
import struct
import subprocess  # nosec B404: runs this project's own manage.py
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screens"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "demo-Hamnstaden-2026"  # the demo district's published password
# The demo staff's authenticator secrets, once set up during this run, and the
# time steps whose codes were used.
SECRETS: dict[str, tuple[str, set[int]]] = {}
VIEWPORTS = ({"width": 390, "height": 844}, {"width": 1280, "height": 800})
# name: (demo account or None, page to show)
ROLES = {
    "public": (None, "/"),
    "member": ("karin@hamnstaden.example", "/portal/"),
    "board": ("styrelse@hamnstaden.example", "/admin/"),
    "secretariat": ("sekretariat@hamnstaden.example", "/admin/"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # nosec B603: fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # nosec B310: loopback
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SystemExit(f"The server at {url} did not answer in {seconds}s")


def totp_code(secret: str, step: int) -> str:
    """The authenticator app's code (RFC 6238: SHA-1, six digits, 30 seconds)."""
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def fresh_code(email: str) -> str:
    # Each code is accepted once; the server allows one step either side.
    secret, used = SECRETS[email]
    now = int(time.time()) // 30
    step = next(s for s in (now, now + 1, now - 1) if s not in used)
    used.add(step)
    return totp_code(secret, step)


def sign_in(context, base: str, email: str, path: str) -> None:
    """Through the login form; staff give their app's code, and on their first
    visit to the admin set the app up (the demo's staff have none yet)."""
    page = context.new_page()
    page.goto(f"{base}/accounts/login/?next={path}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(fresh_code(email))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
    if "/reauthenticate/" in page.url:
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url(lambda url: "/reauthenticate/" not in url)
    if "/2fa/totp/activate/" in page.url:
        secret = page.locator("#authenticator_secret").input_value()
        SECRETS[email] = (secret, set())
        page.locator("input[name=code]").fill(fresh_code(email))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_url(lambda url: "/2fa/recovery-codes/" in url)
    page.close()


def shoot(base: str) -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for role, (email, path) in ROLES.items():
            for viewport in VIEWPORTS:
                context = browser.new_context(
                    viewport=viewport, locale="sv-SE", device_scale_factor=1
                )
                if email:
                    sign_in(context, base, email, path)
                page = context.new_page()
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                target = OUT / f"{role}-{viewport['width']}.png"
                page.screenshot(path=target, animations="disabled")
                written.append(target)
                context.close()
        browser.close()
    return written


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bid-screens-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bid.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir}/screens.sqlite3",
            "MEDIA_ROOT": f"{workdir}/media",
            "PAGE_CACHE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo_data", "-v", "0")
        port = free_port()
        server = subprocess.Popen(  # nosec B603: fixed arguments
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/healthz")
            for path in shoot(base):
                print(f"wrote {path.relative_to(ROOT)}")  # noqa: T201
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
