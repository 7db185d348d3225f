"""Area boundaries as GeoJSON, and the district map drawn as SVG on the server:
readable without a tile server or script, each area labelled with its name and
status so colour is never the only sign."""

import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

Ring = list[tuple[float, float]]

FILL = {"green": "#cfe8d3", "yellow": "#f7e2a6", "red": "#f2b8b5", "": "#e8ecee"}
STROKE = {"green": "#1d6b2f", "yellow": "#7a5200", "red": "#a4161a", "": "#4a5156"}


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


def centroid(rings: list[Ring]) -> tuple[float, float]:
    outer = rings[0][:-1]
    return (
        sum(lon for lon, _lat in outer) / len(outer),
        sum(lat for _lon, lat in outer) / len(outer),
    )


def contains(rings: list[Ring], lon: float, lat: float) -> bool:
    """Ray casting on the outer ring, holes excluded."""

    def inside(ring: Ring) -> bool:
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (
                y2 - y1
            ) + x1:
                hit = not hit
        return hit

    return inside(rings[0]) and not any(inside(hole) for hole in rings[1:])


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
        x, y = projection.point(*centroid(group[0]))
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
