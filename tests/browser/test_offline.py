"""Out in the district without signal, on a phone: an observation made offline
(with the phone's position and a photo) waits on the phone, survives a reload,
and reaches the server once when the connection returns, never twice. The
portal is installable: the browser accepts its manifest and runs its service
worker."""

import json
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.areas import services
from members.areas.models import Observation, WeeklyReport
from tests.browser.phone import sign_in
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory
from tests.factories.pages import district_settings
from tests.fuzz.uploads import jpeg

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Inside the test area (tests/factories/areas.py: 11.95–11.96 E, 57.70–57.71 N).
HERE = {"latitude": 57.705, "longitude": 11.955, "accuracy": 9}

STORED_IDS = """() => new Promise((resolve, reject) => {
  const opening = indexedDB.open("bid-offline", 1);
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const read = opening.result.transaction("entries").objectStore("entries").getAll();
    read.onsuccess = () => resolve(read.result.map((entry) => ({
      id: entry.id,
      photo: entry.fields.some(([, value]) => value instanceof Blob && value.size > 0),
    })));
    read.onerror = () => reject(read.error);
  };
})"""

ACTIVE_WORKER = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise((resolve) => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
    }));
  }
  return [registration.scope, worker.state];
}"""

# The same entry posted once more, as a phone does when the answer to its
# first sending was lost on the way.
SEND_AGAIN = """async ([id, owner]) => {
  const form = document.querySelector("form[data-offline-form]");
  const body = new FormData();
  body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
  body.append("client_id", id);
  body.append("category", "lighting");
  body.append("description", "Belysningen slutar vid spåret.");
  body.append("address", "Spårgatan 1");
  body.append("land_owner", owner);
  const response = await fetch(location.pathname, {
    method: "POST", body, credentials: "same-origin",
    headers: {Accept: "application/json"},
  });
  return {status: response.status, answer: await response.json()};
}"""


def test_an_observation_made_offline_reaches_the_server_once(
    browser, live_server, assert_accessible, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    stationen = area("Stationsområdet", kajen)
    PropertyFactory(owner=kajen, area="Stationsområdet")
    walk = services.walk_create(
        by=SecretariatUserFactory(),
        area=stationen,
        date=timezone.localdate(),
        route="Längs spåren",
        parties=[kajen],
    )
    context, page = sign_in(browser, live_server, karin, here=HERE)
    page.goto(f"/en/portal/walks/{walk.pk}/")
    # The service worker takes charge of the page once it has kept the shell.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    page.get_by_label("Category").select_option("lighting")
    page.get_by_label("What needs fixing").fill("Belysningen slutar vid spåret.")
    # The position comes from the phone, also without signal; the land
    # owner's suggestion needs the server, so it is chosen by hand.
    page.get_by_role("button", name="Use my position").click()
    expect(page.get_by_text("within about 9 m")).to_be_visible()
    page.get_by_label("Land owner").select_option(label="Kajfastigheter AB")
    page.get_by_label("Photo").set_input_files(
        files=[{"name": "spar.jpg", "mimeType": "image/jpeg", "buffer": jpeg(640, 480)}]
    )
    page.get_by_role("button", name="Record the observation").click()
    status = page.locator("[data-offline-message]")
    expect(status).to_contain_text("Waiting to send (1)")
    expect(status).to_have_attribute("role", "status")
    (stored,) = page.evaluate(STORED_IDS)
    assert stored["photo"], "the photo is kept with the entry"
    assert Observation.objects.count() == 0
    # The form is empty again for the next observation.
    expect(page.get_by_label("What needs fixing")).to_have_value("")

    # A reload without signal: the worker answers with the offline page, and
    # the entry is still waiting on the phone.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("No connection")
    expect(page.locator("[data-offline-message]")).to_contain_text(
        "Waiting to send (1)"
    )
    assert_accessible(page)

    # Signal again: the walk page sends what waits, once.
    context.set_offline(False)
    page.goto(f"/en/portal/walks/{walk.pk}/")
    expect(page.locator("[data-offline-message]")).to_contain_text(
        "The waiting entries are sent."
    )
    assert page.evaluate(STORED_IDS) == []
    observation = Observation.objects.get()
    assert observation.client_id == uuid.UUID(stored["id"])
    assert observation.recorded_by == karin and observation.photo
    assert observation.description == "Belysningen slutar vid spåret."
    assert (float(observation.latitude), float(observation.longitude)) == (
        HERE["latitude"],
        HERE["longitude"],
    )
    assert observation.accuracy == HERE["accuracy"]

    # A second sync finds nothing to send, and the same entry posted again is
    # answered as recorded without a second observation.
    page.reload()
    expect(page.locator(".observations")).to_contain_text("Belysningen slutar")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    again = page.evaluate(SEND_AGAIN, [stored["id"], kajen.pk])
    assert again["status"] == 200 and again["answer"]["ok"] is True
    assert Observation.objects.count() == 1
    assert_accessible(page)
    context.close()


def test_the_browser_accepts_the_manifest_and_runs_the_service_worker(
    browser, live_server, assert_accessible
):
    district_settings()
    _organisation, karin = member(user=MemberUserFactory(language="en"))
    context, page = sign_in(browser, live_server, karin, here=HERE)
    page.goto("/en/portal/")
    state = page.evaluate(ACTIVE_WORKER)
    assert state == [f"{live_server.url}/", "activated"]

    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{live_server.url}/en/manifest.webmanifest"
    assert manifest["errors"] == [], manifest["errors"]
    data = json.loads(manifest["data"])
    assert data["display"] == "standalone"
    assert data["start_url"] == "/en/portal/"
    assert data["name"] and data["short_name"] == "Member portal"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in data["icons"]}
    # Chromium's own installability check. Playwright's contexts are private
    # windows, where nothing installs ("in-incognito"); nothing else may fail.
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []

    # The offline page itself, at a phone's width.
    page.goto("/en/offline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("No connection")
    assert_accessible(page)
    context.close()


def test_the_weekly_report_keeps_its_draft_and_is_sent_when_online(
    browser, live_server
):
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    area("Stationsområdet", kajen)
    context, page = sign_in(browser, live_server, karin, here=HERE)
    page.goto("/en/portal/situation/report/")
    page.get_by_label("Area").select_option(label="Stationsområdet")
    page.get_by_label("Yellow", exact=True).check()
    page.get_by_label("Score").fill("3")
    page.get_by_label("Note").fill("Klotter på elskåpen.")

    # What was typed survives a reload.
    page.reload()
    expect(page.get_by_label("Note")).to_have_value("Klotter på elskåpen.")
    expect(page.get_by_label("Yellow", exact=True)).to_be_checked()
    expect(page.locator("[data-offline-message]")).to_contain_text("restored")

    context.set_offline(True)
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator("[data-offline-message]")).to_contain_text(
        "Waiting to send (1)"
    )
    assert WeeklyReport.objects.count() == 0

    context.set_offline(False)
    expect(page.locator("[data-offline-message]")).to_contain_text(
        "The waiting entries are sent."
    )
    saved = WeeklyReport.objects.get()
    assert (saved.colour, saved.score, saved.note) == (
        "yellow",
        3,
        "Klotter på elskåpen.",
    )
    assert saved.client_id is not None
    # Sent and kept nowhere: neither waiting nor as a draft.
    page.reload()
    expect(page.get_by_label("Note")).to_have_value("")
    assert WeeklyReport.objects.count() == 1
    context.close()
