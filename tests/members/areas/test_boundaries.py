"""Area boundaries are valid shapes inside the district that do not overlap
each other, and the maps carry a tile source (and the CSP its host) only
when one is configured."""

import datetime
import json
import tomllib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from bid.middleware import tile_sources
from members.areas import demo, services
from members.areas.geo import (
    MapArea,
    MapPoint,
    contains,
    map_data,
    overlapping,
    polygons_of,
    validate_boundary,
)
from members.areas.models import Area
from tests.factories.areas import square

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def polygon(*corners) -> dict:
    return {"type": "Polygon", "coordinates": [[*map(list, corners)]]}


def test_a_square_is_a_valid_boundary():
    validate_boundary(square(11.95, 57.70))


def test_a_boundary_that_crosses_itself_is_refused_with_where():
    bow_tie = polygon((11.95, 57.70), (11.96, 57.71), (11.96, 57.70), (11.95, 57.71))
    bow_tie["coordinates"][0].append([11.95, 57.70])
    with pytest.raises(ValidationError) as error:
        validate_boundary(bow_tie)
    assert error.value.code == "invalid_polygon"
    assert "crosses itself" in error.value.messages[0]
    assert "11.955" in error.value.messages[0]


def test_a_ring_that_is_not_closed_is_refused():
    open_ring = polygon((11.95, 57.70), (11.96, 57.70), (11.96, 57.71), (11.95, 57.71))
    with pytest.raises(ValidationError) as error:
        validate_boundary(open_ring)
    assert "must be closed" in error.value.messages[0]


def test_a_hole_outside_its_polygon_is_refused():
    value = square(11.95, 57.70)
    value["coordinates"].append(square(11.99, 57.70)["coordinates"][0])
    with pytest.raises(ValidationError) as error:
        validate_boundary(value)
    assert "hole" in error.value.messages[0]


def test_a_boundary_outside_the_district_is_refused(settings):
    settings.DISTRICT_BOUNDS = [11.93, 57.69, 11.98, 57.71]
    validate_boundary(square(11.95, 57.695))
    with pytest.raises(ValidationError) as error:
        validate_boundary(square(11.975, 57.70))  # its east edge at 11.985
    assert error.value.code == "outside_district"
    assert "outside the district" in error.value.messages[0]
    settings.DISTRICT_BOUNDS = []
    validate_boundary(square(11.975, 57.70))


def test_neighbours_may_share_a_border_but_not_cover_each_other():
    others = {"Centrum": square(11.95, 57.70), "Hamnen": square(11.97, 57.70)}
    assert overlapping(square(11.96, 57.70), others) == []
    # A sliver from a hand-drawn border is a shared border.
    assert overlapping(square(11.9599, 57.70), others) == []
    assert overlapping(square(11.955, 57.70), others) == ["Centrum"]


def test_points_in_a_polygon_with_a_hole():
    value = square(11.95, 57.70, size=0.03)
    value["coordinates"].append(square(11.96, 57.71)["coordinates"][0])
    rings = polygons_of(value)[0]
    assert contains(rings, 11.955, 57.705)
    assert not contains(rings, 11.965, 57.715)  # in the hole
    assert not contains(rings, 11.99, 57.705)


def test_the_tile_map_data_has_the_areas_colours_labels_and_points():
    data = map_data(
        [
            MapArea(name="Centrum", boundary=square(11.95, 57.70), colour="red"),
            MapArea(name="Trasig", boundary={"type": "Point"}),
        ],
        title="Vecka 12",
        points=[MapPoint(lon=11.955, lat=57.705, label="1", title="1. Belysning")],
        tiles={"url": OSM, "attribution": "© OpenStreetMap contributors"},
    )
    (centrum,) = data["areas"]
    assert (centrum["fill"], centrum["stroke"]) == ("#f2b8b5", "#a4161a")
    assert centrum["geometry"]["type"] == "MultiPolygon"
    lat, lon = centrum["labelAt"]
    assert contains(polygons_of(square(11.95, 57.70))[0], lon, lat)
    assert data["points"] == [
        {"lat": 57.705, "lon": 11.955, "label": "1", "title": "1. Belysning"}
    ]
    assert data["tiles"]["url"] == OSM


def test_tile_sources_are_exactly_the_tile_hosts():
    assert tile_sources("") == ()
    assert tile_sources(OSM) == ("https://tile.openstreetmap.org",)
    assert tile_sources("https://{s}.tile.example.org/{z}/{x}/{y}.png") == (
        "https://a.tile.example.org",
        "https://b.tile.example.org",
        "https://c.tile.example.org",
    )


def img_src(response) -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == "img-src":
            return values
    return []


@pytest.mark.django_db
def test_the_csp_allows_the_tile_host_only_when_tiles_are_set(
    settings, client, client_for
):
    settings.MAP_TILES_URL = ""
    assert img_src(client.get("/")) == ["'self'", "data:"]
    settings.MAP_TILES_URL = OSM
    assert img_src(client.get("/")) == [
        "'self'",
        "data:",
        "https://tile.openstreetmap.org",
    ]
    admin = client_for("board").get("/admin/")
    assert img_src(admin) == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert "'unsafe-inline'" in admin["Content-Security-Policy"]


def portal(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_the_situation_page_carries_map_data_only_with_tiles(district, settings):
    year, week = timezone.localdate().isocalendar()[:2]
    services.report_save(
        by=district["kajen_user"],
        organisation=district["kajen"],
        area=district["centrum"],
        year=year,
        week=week,
        colour="yellow",
        score=3,
    )
    services.week_consolidate(
        by=district["secretariat"], year=year, week=week, decisions={}
    )
    settings.MAP_TILES_URL = ""
    html = portal(district["police_user"]).get("/portal/situation/").content.decode()
    assert "map-area--yellow" in html  # the SVG map
    assert "situation-map-data" not in html and "leaflet" not in html
    settings.MAP_TILES_URL = OSM
    settings.MAP_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
    html = portal(district["police_user"]).get("/portal/situation/").content.decode()
    assert "map-area--yellow" in html  # the SVG stays for the browser without JS
    assert 'data-tile-map="situation-map-data"' in html
    start = html.index('<script id="situation-map-data" type="application/json">')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert data["tiles"] == {"url": OSM, "attribution": "© OpenStreetMap contributors"}
    assert {a["name"]: a["colour"] for a in data["areas"]} == {
        "Centrum": "yellow",
        "Hamnen": "green",
    }
    assert "vendor/leaflet/leaflet.js" in html


@pytest.mark.django_db
def test_the_walk_page_carries_the_observations_for_the_tile_map(district, settings):
    settings.MAP_TILES_URL = OSM
    settings.MAP_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
    walk = services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"]],
    )
    services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="lighting",
        description="Mörk passage",
        latitude="57.705",
        longitude="11.955",
        land_owner=district["kajen"],
    )
    html = portal(district["kajen_user"]).get(f"/portal/walks/{walk.pk}/").content
    html = html.decode()
    assert 'data-tile-map="walk-map-data"' in html and "data-map-picker" in html
    start = html.index('<script id="walk-map-data" type="application/json">')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert [(p["lat"], p["lon"], p["label"]) for p in data["points"]] == [
        (57.705, 11.955, "1")
    ]


def admin_post(client, **fields):
    return client.post(
        "/admin/situation/areas/new/",
        {"name": "Ny", "slug": "ny", "sort_order": "1", **fields},
    )


@pytest.mark.django_db
def test_the_admin_refuses_crossing_overlapping_and_outside_boundaries(
    district, settings
):
    secretariat = district["secretariat"]
    secretariat.language = "en"
    secretariat.save(update_fields=["language"])
    client = Client()
    client.force_login(secretariat)
    bow_tie = {
        "type": "Polygon",
        "coordinates": [
            [[11.95, 57.70], [11.96, 57.71], [11.96, 57.70], [11.95, 57.71]]
            + [[11.95, 57.70]]
        ],
    }
    response = admin_post(client, boundary=json.dumps(bow_tie))
    assert response.status_code == 200
    assert "crosses itself" in response.content.decode()
    response = admin_post(client, boundary=json.dumps(square(11.955, 57.70)))
    assert response.status_code == 200
    assert "overlaps Centrum" in response.content.decode()
    settings.DISTRICT_BOUNDS = [11.93, 57.69, 11.98, 57.71]
    response = admin_post(client, boundary=json.dumps(square(11.975, 57.70)))
    assert response.status_code == 200
    assert "outside the district" in response.content.decode()
    assert not Area.objects.filter(slug="ny").exists()
    # Beside the others, inside the district: saved.
    response = admin_post(client, boundary=json.dumps(square(11.95, 57.69)))
    assert response.status_code == 302
    assert Area.objects.filter(slug="ny").exists()


@pytest.mark.django_db
def test_the_admin_map_shows_the_other_areas_for_reference(district, settings):
    settings.MAP_TILES_URL = ""
    client = Client()
    client.force_login(district["secretariat"])
    html = client.get("/admin/situation/areas/new/").content.decode()
    assert "vendor/leaflet/leaflet-geoman.min.js" in html
    start = html.index('<script id="id_boundary-map-data" type="application/json">')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert data["tiles"] is None
    assert sorted(a["name"] for a in data["areas"]) == ["Centrum", "Hamnen"]


def test_the_demo_areas_are_valid_neighbours_and_walk_points_lie_inside():
    spec = tomllib.loads(
        (Path(demo.__file__).parent / "areas.toml").read_text(encoding="utf-8")
    )
    boundaries = {
        entry["slug"]: demo._boundary(entry["corners"]) for entry in spec["areas"]
    }
    for slug, boundary in boundaries.items():
        validate_boundary(boundary)
        others = {s: b for s, b in boundaries.items() if s != slug}
        assert overlapping(boundary, others) == [], slug
    for walk in spec["walks"]:
        rings = polygons_of(boundaries[walk["area"]])[0]
        for observation in walk["observations"]:
            assert contains(
                rings, float(observation["longitude"]), float(observation["latitude"])
            ), observation["address"]
