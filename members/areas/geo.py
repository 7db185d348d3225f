"""Area boundaries as GeoJSON, and the district map drawn as SVG on the server:
readable without a tile server or script, each area labelled with its name and
status so colour is never the only sign."""

import math
import re
from dataclasses import dataclass

import shapely
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.validation import explain_validity

Ring = list[tuple[float, float]]

FILL = {"green": "#cfe8d3", "yellow": "#f7e2a6", "red": "#f2b8b5", "": "#e8ecee"}
STROKE = {"green": "#1d6b2f", "yellow": "#7a5200", "red": "#a4161a", "": "#4a5156"}

# Two areas may share a border; hand-drawn borders overlap a little, so up to
# this share of the smaller area's surface is taken as a shared border.
OVERLAP_TOLERANCE = 0.01


def polygons_of(value) -> list[list[Ring]]:
    """The polygons (outer ring first) of a GeoJSON Polygon, MultiPolygon,
    Feature or single-feature FeatureCollection; refuses anything else."""
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        if not isinstance(features, list) or len(features) != 1:
            raise ValidationError(_("Give one polygon (one feature)."))
        value = features[0]
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") not in (
        "Polygon",
        "MultiPolygon",
    ):
        raise ValidationError(
            _("The boundary must be a GeoJSON Polygon or MultiPolygon.")
        )
    raw = value.get("coordinates")
    polygons = [raw] if value["type"] == "Polygon" else raw
    result = []
    try:
        for polygon in polygons:
            rings = []
            for ring in polygon:
                points = [(float(lon), float(lat)) for lon, lat, *_rest in ring]
                if len(points) < 4 or points[0] != points[-1]:
                    raise ValidationError(
                        _("Each ring needs at least four points and must be closed.")
                    )
                if not all(
                    -180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points
                ):
                    raise ValidationError(
                        _("Coordinates are longitude, latitude in degrees (WGS 84).")
                    )
                rings.append(points)
            if not rings:
                raise ValidationError(_("A polygon needs an outer ring."))
            result.append(rings)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValidationError(
            _("The boundary's coordinates cannot be read.")
        ) from error
    if not result:
        raise ValidationError(_("The boundary has no polygon."))
    return result


def geometry(value) -> dict:
    """The bare geometry (a Feature's or collection's is unwrapped)."""
    if value.get("type") == "FeatureCollection":
        value = value["features"][0]
    if value.get("type") == "Feature":
        value = value["geometry"]
    return {"type": value["type"], "coordinates": value["coordinates"]}


def shape_of(polygons: list[list[Ring]]) -> MultiPolygon:
    """The polygons as one shapely geometry (not checked for validity)."""
    return MultiPolygon([Polygon(rings[0], rings[1:]) for rings in polygons])


_VALIDITY = re.compile(r"^(?P<reason>[^\[]+)\[(?P<lon>\S+) (?P<lat>\S+)\]")


def validate_boundary(value) -> None:
    """A boundary that can be an area's: readable GeoJSON (polygons_of), a
    valid polygon (closed rings that never cross themselves or each other)
    and, where DISTRICT_BOUNDS is set, inside the district."""
    shape = shape_of(polygons_of(value))
    if not shape.is_valid:
        found = _VALIDITY.match(explain_validity(shape))
        where = (
            {
                "lon": round(float(found["lon"]), 6),
                "lat": round(float(found["lat"]), 6),
            }
            if found
            else {"lon": "?", "lat": "?"}
        )
        reason = found["reason"].strip().lower() if found else ""
        if "self-intersection" in reason:
            message = _(
                "The boundary crosses itself near longitude %(lon)s, "
                "latitude %(lat)s: draw the corners in order around the area."
            )
        elif "hole" in reason:
            message = _(
                "A hole in the boundary lies outside its polygon near "
                "longitude %(lon)s, latitude %(lat)s."
            )
        else:
            message = _(
                "The boundary is not a valid polygon near longitude %(lon)s, "
                "latitude %(lat)s."
            )
        raise ValidationError(message % where, code="invalid_polygon")
    bounds = district_bounds()
    if bounds is not None and not shapely.box(*bounds).covers(shape):
        west, south, east, north = bounds
        raise ValidationError(
            _(
                "The boundary goes outside the district (longitude %(west)s to "
                "%(east)s, latitude %(south)s to %(north)s)."
            )
            % {"west": west, "east": east, "south": south, "north": north},
            code="outside_district",
        )


def district_bounds() -> tuple[float, float, float, float] | None:
    """DISTRICT_BOUNDS as west, south, east, north, or None when not set."""
    value = getattr(settings, "DISTRICT_BOUNDS", None)
    if not value:
        return None
    try:
        west, south, east, north = (float(part) for part in value)
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(
            "DISTRICT_BOUNDS is west,south,east,north in degrees."
        ) from error
    if not (west < east and south < north):
        raise ImproperlyConfigured(
            "DISTRICT_BOUNDS is west,south,east,north in degrees."
        )
    return west, south, east, north


def overlapping(value, others: dict[str, dict]) -> list[str]:
    """The names of the other areas (name: boundary) the boundary covers more
    than a shared border of; boundaries that cannot be read are skipped."""
    shape = shape_of(polygons_of(value))
    found = []
    for name, boundary in others.items():
        try:
            other = shape_of(polygons_of(boundary))
        except ValidationError:
            continue
        if not other.is_valid or not shape.intersects(other):
            continue
        smaller = min(shape.area, other.area)
        if smaller and shape.intersection(other).area > OVERLAP_TOLERANCE * smaller:
            found.append(name)
    return found


def label_point(rings: list[Ring]) -> tuple[float, float]:
    """Where a polygon's label goes: a point inside it, even when concave."""
    polygon = Polygon(rings[0], rings[1:])
    point = polygon.representative_point() if polygon.is_valid else polygon.centroid
    return point.x, point.y


def contains(rings: list[Ring], lon: float, lat: float) -> bool:
    """Whether the point lies in the polygon (outer ring first, holes excluded)."""
    return Polygon(rings[0], rings[1:]).covers(Point(lon, lat))


@dataclass
class MapArea:
    name: str
    boundary: dict
    colour: str = ""
    label: str = ""
    url: str = ""


class Projection:
    """Longitude/latitude to SVG pixels, equirectangular with the latitude's
    scale: true enough at the size of a district."""

    def __init__(self, polygons: list[list[Ring]], width: int, padding: int = 24):
        lons = [lon for rings in polygons for lon, _ in rings[0]]
        lats = [lat for rings in polygons for _, lat in rings[0]]
        self.west, self.east = min(lons), max(lons)
        self.south, self.north = min(lats), max(lats)
        self.kx = math.cos(math.radians((self.north + self.south) / 2))
        span_x = max((self.east - self.west) * self.kx, 1e-9)
        span_y = max(self.north - self.south, 1e-9)
        # At most as tall as wide: a tall district is narrowed and centred.
        self.scale = min((width - 2 * padding) / span_x, (width - 2 * padding) / span_y)
        self.padding = padding
        self.offset_x = padding + ((width - 2 * padding) - span_x * self.scale) / 2
        self.width = width
        self.height = round(span_y * self.scale + 2 * padding)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.offset_x + (lon - self.west) * self.kx * self.scale
        y = self.padding + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)


@dataclass
class MapPoint:
    lon: float
    lat: float
    label: str
    title: str = ""


def svg_map(
    areas: list[MapArea],
    *,
    title: str,
    width: int = 720,
    points: list[MapPoint] = (),
    padding: int = 24,
) -> str:
    """The map: each area filled by its status and labelled; links when given;
    numbered points (observations) on top. The projection is written on the
    element (data-west, data-north, data-kx, data-scale, data-padding) so the
    map picker can turn a click back into longitude and latitude."""
    polygons = [polygons_of(area.boundary) for area in areas]
    if not polygons:
        return ""
    projection = Projection(
        [p for group in polygons for p in group], width, padding=padding
    )
    shapes, labels = [], []
    for area, group in zip(areas, polygons, strict=True):
        path = " ".join(
            "M "
            + " L ".join(
                "{} {}".format(*projection.point(lon, lat)) for lon, lat in ring
            )
            + " Z"
            for rings in group
            for ring in rings
        )
        shape = format_html(
            '<path d="{}" fill="{}" stroke="{}" stroke-width="2" fill-rule="evenodd" '
            'class="map-area map-area--{}"><title>{}</title></path>',
            path,
            FILL.get(area.colour, FILL[""]),
            STROKE.get(area.colour, STROKE[""]),
            area.colour or "none",
            f"{area.name}: {area.label}" if area.label else area.name,
        )
        if area.url:
            shape = format_html('<a href="{}">{}</a>', area.url, shape)
        shapes.append(shape)
        x, y = projection.point(*label_point(group[0]))
        labels.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="map-label">'
                '<tspan x="{}" dy="-0.2em" font-weight="700">{}</tspan>'
                '<tspan x="{}" dy="1.2em">{}</tspan></text>',
                x,
                y,
                x,
                area.name,
                x,
                area.label,
            )
        )
    markers = []
    for point in points:
        x, y = projection.point(point.lon, point.lat)
        markers.append(
            format_html(
                '<g class="map-point"><title>{}</title>'
                '<circle cx="{}" cy="{}" r="11" fill="#1f3a5f" stroke="#fff" '
                'stroke-width="2"></circle>'
                '<text x="{}" y="{}" text-anchor="middle" dy="0.35em" fill="#fff" '
                'font-size="12" font-weight="700">{}</text></g>',
                point.title or point.label,
                x,
                y,
                x,
                y,
                point.label,
            )
        )
    description = "; ".join(
        [f"{area.name}: {area.label}" if area.label else area.name for area in areas]
        + [point.title for point in points if point.title]
    )
    # With links inside, the map is a group of controls, not one image.
    role = "group" if any(area.url for area in areas) else "img"
    # Numbers, a constant role, escaped text and format_html() fragments only.
    return mark_safe(  # nosec B308, B703
        '<svg class="district-map" '
        f'viewBox="0 0 {projection.width} {projection.height}" '
        f'role="{role}" aria-labelledby="map-title map-desc" '
        f'data-west="{projection.west}" data-north="{projection.north}" '
        f'data-kx="{projection.kx}" data-scale="{projection.scale}" '
        f'data-padding="{projection.padding}" data-offset-x="{projection.offset_x}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
        + "".join(shapes)
        + "".join(labels)
        + "".join(markers)
        + "</svg>"
    )


def tile_source() -> dict | None:
    """The configured base map's tiles (MAP_TILES_URL and its attribution), or
    None when the maps stay server-drawn SVG only."""
    if not settings.MAP_TILES_URL:
        return None
    return {
        "url": settings.MAP_TILES_URL,
        "attribution": settings.MAP_TILES_ATTRIBUTION,
    }


def map_data(
    areas: list[MapArea],
    *,
    title: str,
    points: list[MapPoint] = (),
    tiles: dict | None = None,
) -> dict:
    """The same map as svg_map, as data for the tile map (static/js/map.js):
    given to the page with json_script; unreadable boundaries are left out."""
    shapes = []
    for area in areas:
        try:
            polygons = polygons_of(area.boundary)
        except ValidationError:
            continue
        lon, lat = label_point(polygons[0])
        shapes.append(
            {
                "name": area.name,
                "label": area.label,
                "url": area.url,
                "colour": area.colour or "none",
                "fill": FILL.get(area.colour, FILL[""]),
                "stroke": STROKE.get(area.colour, STROKE[""]),
                "geometry": mapping(shape_of(polygons)),
                "labelAt": [lat, lon],
            }
        )
    return {
        "title": str(title),
        "tiles": tiles,
        "areas": shapes,
        "points": [
            {
                "lat": point.lat,
                "lon": point.lon,
                "label": point.label,
                "title": point.title or point.label,
            }
            for point in points
        ],
    }


# Metres per degree of latitude, and of longitude at the equator: near enough
# for distances within a district.
METRES_PER_DEGREE_LAT = 110_574
METRES_PER_DEGREE_LON = 111_320


def _in_metres(lat: float):
    """x and y factors turning degrees near this latitude into metres."""
    return METRES_PER_DEGREE_LON * math.cos(math.radians(lat)), METRES_PER_DEGREE_LAT


def metres_between(lat: float, lon: float, other_lat: float, other_lon: float) -> float:
    """The distance between two points, in metres (flat earth: a district)."""
    kx, ky = _in_metres((lat + other_lat) / 2)
    return math.hypot((lon - other_lon) * kx, (lat - other_lat) * ky)


def boundary_contains(boundary, lon: float, lat: float) -> bool:
    """Whether the point lies inside (or on) a boundary; False for a boundary
    that cannot be read."""
    try:
        shape = shape_of(polygons_of(boundary))
    except ValidationError:
        return False
    return shape.covers(Point(lon, lat))


def metres_outside(boundary, lon: float, lat: float) -> float | None:
    """How far the point lies outside a boundary, in metres (0 inside it);
    None for a boundary that cannot be read."""
    try:
        shape = shape_of(polygons_of(boundary))
    except ValidationError:
        return None
    point = Point(lon, lat)
    if shape.covers(point):
        return 0.0
    kx, ky = _in_metres(lat)
    scaled = shapely.affinity.scale(shape, xfact=kx, yfact=ky, origin=(0, 0))
    return scaled.distance(Point(lon * kx, lat * ky))
