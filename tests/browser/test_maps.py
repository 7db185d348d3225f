"""The area maps on a tile map: with MAP_TILES_URL pointing at a local stub
(the browser never reaches the internet), Leaflet shows the areas in their
status colours, labelled, observations as focusable markers, kept keyboard
usable and free of axe violations on a phone and a screen; without
JavaScript the server-drawn SVG and the table stay. In the admin the board
draws a boundary with Geoman's tools on a blank map (no tiles)."""

import datetime
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from members.areas import services
from members.areas.geo import contains, polygons_of
from members.areas.models import Area
from tests.browser.test_proposals import log_in
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def tile_png() -> bytes:
    image = Image.new("RGB", (256, 256), (236, 238, 232))
    draw = ImageDraw.Draw(image)
    for offset in (64, 128, 192):
        draw.line([(offset, 0), (offset, 256)], fill=(255, 255, 255), width=6)
        draw.line([(0, offset), (256, offset)], fill=(255, 255, 255), width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def tile_server():
    """A tile server on loopback that answers every tile with one PNG and
    records the paths asked for."""
    png = tile_png()
    requested = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.requested = requested
    server.url = f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tiles(settings, tile_server):
    settings.MAP_TILES_URL = tile_server.url
    settings.MAP_TILES_ATTRIBUTION = "© Test tiles"
    return tile_server


def district():
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    stationen = area("Stationsområdet", kajen)
    torget = area("Torget", kajen, west=11.96)
    PropertyFactory(owner=kajen, area="Stationsområdet")
    secretary = SecretariatUserFactory(language="en")
    year, week = timezone.localdate().isocalendar()[:2]
    services.report_save(
        by=karin,
        organisation=kajen,
        area=stationen,
        year=year,
        week=week,
        colour="red",
        score=4,
    )
    services.week_consolidate(by=secretary, year=year, week=week, decisions={})
    return {
        "kajen": kajen,
        "karin": karin,
        "stationen": stationen,
        "torget": torget,
        "secretary": secretary,
    }


def signed_in(browser, live_server, user):
    page = log_in(browser, live_server, user)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def test_the_situation_map_is_a_tile_map_with_the_areas_and_svg_without_js(
    browser, live_server, assert_accessible, tiles
):
    data = district()
    page = signed_in(browser, live_server, data["karin"])
    console_errors = []
    page.on(
        "console",
        lambda m: console_errors.append(m.text) if m.type == "error" else None,
    )
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto("/en/portal/situation/")
        tile_map = page.locator(".situation-map .tile-map")
        expect(tile_map).to_be_visible()
        expect(page.locator(".situation-map svg.district-map")).to_be_hidden()
        expect(tile_map.locator("path.map-area--red")).to_have_count(1)
        expect(tile_map.locator("path.map-area--green")).to_have_count(1)
        expect(tile_map.locator(".map-tooltip")).to_have_count(2)
        expect(tile_map.locator(".map-tooltip").first).to_contain_text(
            "Stationsområdet"
        )
        expect(tile_map.locator(".leaflet-tile-loaded").first).to_be_visible()
        expect(tile_map.locator(".leaflet-control-attribution")).to_contain_text(
            "© Test tiles"
        )
        # The legend and the table stay beside the map.
        expect(page.locator(".map-legend")).to_be_visible()
        expect(page.locator("#area-stationsomradet")).to_be_visible()
        assert_accessible(page)
    assert tiles.requested and all(p.endswith(".png") for p in tiles.requested)

    # The map is reached with the keyboard and zooms with "+".
    zoom_before = max(int(p.split("/")[1]) for p in tiles.requested)
    tile_map = page.locator(".situation-map .tile-map")
    assert tile_map.get_attribute("tabindex") == "0"
    assert tile_map.get_attribute("aria-label") == "Map of the areas"
    tile_map.focus()
    page.keyboard.press("+")
    page.wait_for_timeout(600)
    assert max(int(p.split("/")[1]) for p in tiles.requested) > zoom_before
    assert not console_errors, console_errors

    # Without JavaScript: the SVG map and the table.
    state = page.context.storage_state()
    no_js = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, storage_state=state
    )
    plain = no_js.new_page()
    plain.goto("/en/portal/situation/")
    expect(plain.locator(".situation-map svg.district-map")).to_be_visible()
    expect(plain.locator("path.map-area--red")).to_have_count(1)
    expect(plain.locator(".tile-map")).to_have_count(0)
    expect(plain.locator("#area-stationsomradet")).to_contain_text("Stationsområdet")
    # (axe-core needs JavaScript; the SVG page is checked by test_situation.py.)
    no_js.close()


def test_a_walk_shows_observations_as_markers_and_a_click_picks_the_point(
    browser, live_server, assert_accessible, tiles
):
    data = district()
    walk = services.walk_create(
        by=data["secretary"],
        area=data["stationen"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Längs spåren",
        parties=[data["kajen"]],
    )
    services.observation_add(
        by=data["karin"],
        walk=walk,
        category="lighting",
        description="Mörk passage",
        latitude="57.705",
        longitude="11.955",
        land_owner=data["kajen"],
    )
    page = signed_in(browser, live_server, data["karin"])
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"/en/portal/walks/{walk.pk}/")
        tile_map = page.locator("#walk-map .tile-map")
        expect(tile_map).to_be_visible()
        marker = tile_map.locator(".map-marker")
        expect(marker).to_have_count(1)
        expect(marker).to_have_text("1")
        expect(marker).to_have_attribute("title", "1. Lighting")
        assert_accessible(page)
    # A marker is a keyboard stop.
    marker.focus()
    assert page.evaluate("document.activeElement.classList.contains('map-marker')")

    # A click on the map sets the observation's point.
    shape = tile_map.locator("path.map-area").bounding_box()
    page.mouse.click(
        shape["x"] + shape["width"] * 0.3, shape["y"] + shape["height"] * 0.7
    )
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    latitude = float(page.get_by_label("Latitude").input_value())
    longitude = float(page.get_by_label("Longitude").input_value())
    assert contains(polygons_of(data["stationen"].boundary)[0], longitude, latitude)
    expect(tile_map.locator("path.map-picked")).to_have_count(1)


def test_the_board_draws_a_boundary_on_a_blank_map_beside_the_other_areas(
    browser, live_server, settings
):
    settings.MAP_TILES_URL = ""
    data = district()
    admin = log_in(browser, live_server, data["secretary"], admin=True)
    expect(admin.locator("body")).not_to_contain_text("Lösenord")
    admin.goto("/admin/situation/areas/new/")
    admin.locator("#id_name").fill("Kajen")
    admin.locator("#id_slug").fill("kajen")
    drawing = admin.locator(".map-draw .tile-map")
    expect(drawing).to_be_visible()
    # No tiles: a blank map with the other areas for reference.
    expect(drawing.locator("img.leaflet-tile")).to_have_count(0)
    expect(drawing.locator("path.map-area")).to_have_count(2)
    # West of the two areas; drawing starts at once for a new area.
    admin.set_viewport_size(DESKTOP)
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    west_edge = min(
        drawing.locator("path.map-area").nth(n).bounding_box()["x"] for n in (0, 1)
    )
    assert west_edge - box["x"] > 100, "no room west of the areas to draw in"
    left, right = box["x"] + 15, west_edge - 15
    corners = [
        (left, box["y"] + 120),
        (right, box["y"] + 120),
        ((left + right) / 2, box["y"] + 300),
    ]
    for x, y in corners:
        admin.mouse.click(x, y)
        admin.wait_for_timeout(150)
    admin.mouse.click(*corners[0])  # the first corner again closes the ring
    expect(admin.locator("[data-draw-status]")).to_contain_text("3")
    assert '"Polygon"' in admin.locator("#id_boundary").input_value()
    admin.locator("footer button[type=submit]").first.click()
    expect(admin.locator(".messages")).to_contain_text("Kajen")
    ring = polygons_of(Area.objects.get(slug="kajen").boundary)[0][0]
    assert len(ring) == 4 and ring[0] == ring[-1]
    # West of the reference areas (squares from longitude 11.95 east).
    assert all(lon < 11.95 for lon, _lat in ring)
