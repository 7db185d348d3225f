"""The installable portal: a manifest the browser accepts, a service worker at
the site's root that keeps only the shell, and an offline page that shows no
one's personal details."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from tests.factories.accounts import MemberUserFactory

pytestmark = pytest.mark.django_db


def test_the_manifest_describes_the_portal_in_the_readers_language():
    swedish = Client().get("/manifest.webmanifest")
    english = Client().get("/en/manifest.webmanifest")
    assert swedish.status_code == english.status_code == 200
    assert swedish["Content-Type"] == "application/manifest+json"
    data = english.json()
    assert data["short_name"] == "Member portal"
    assert data["name"].endswith("member portal")
    assert data["lang"] == "en" and swedish.json()["lang"] == "sv"
    assert data["start_url"] == "/en/portal/"
    assert swedish.json()["start_url"] == "/portal/"
    assert data["id"] == swedish.json()["id"] == "/portal/"
    assert data["display"] == "standalone" and data["scope"] == "/"
    assert data["theme_color"] == "#0b5e61"
    assert {(i["sizes"], i["purpose"]) for i in data["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }


def test_the_manifest_icons_are_pngs_of_their_stated_size():
    data = Client().get("/en/manifest.webmanifest").json()
    for icon in data["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with Image.open(path) as image:
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert image.format == "PNG" and image.size == (width, height)


def worker_config(response) -> dict:
    first_line = response.content.decode().split("\n", 1)[0]
    match = re.fullmatch(r"self\.BID_PWA = (.*);", first_line)
    assert match, first_line
    return json.loads(match.group(1))


def test_the_service_worker_is_served_from_the_root_and_keeps_only_the_shell():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config = worker_config(response)
    assert "/static/js/offline-forms.js" in config["precache"]
    assert "/static/css/site.css" in config["precache"]
    assert "/offline/" in config["precache"] and "/en/offline/" in config["precache"]
    # Nothing personal is kept: only static files and the offline pages.
    assert all(
        url.startswith("/static/") or url.endswith("/offline/")
        for url in config["precache"]
    )
    assert ["/en/", "/en/offline/"] in config["offline"]
    assert config["offline"][-1] == ["/", "/offline/"]
    assert 'addEventListener("fetch"' in response.content.decode()
    # The version follows the files it keeps.
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])


def test_the_policy_allows_the_worker_and_the_manifest():
    policy = Client().get("/sw.js")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


def test_the_offline_page_shows_no_ones_details_even_when_fetched_signed_in():
    user = MemberUserFactory(language="en", first_name="Unika", last_name="Namnet")
    browser = Client()
    browser.force_login(user)
    html = browser.get("/en/offline/").content.decode()
    assert "No connection" in html
    assert user.email not in html and "Unika" not in html
    assert "account_logout" not in html and "/accounts/logout/" not in html
    assert "data-offline-status" in html and "js/offline-forms.js" in html
    assert "data-user" not in html


def test_pages_link_the_manifest_and_only_the_signed_in_register_the_worker():
    anonymous = Client().get("/en/accounts/login/").content.decode()
    assert '<link rel="manifest" href="/en/manifest.webmanifest">' in anonymous
    assert '<meta name="theme-color" content="#0b5e61">' in anonymous
    user = MemberUserFactory(language="en")
    browser = Client()
    browser.force_login(user)
    signed_in = browser.get("/en/portal/").content.decode()
    assert 'data-worker="/sw.js"' in signed_in
    assert "js/pwa.js" not in anonymous
