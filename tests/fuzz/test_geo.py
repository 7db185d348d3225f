"""Area boundaries: any JSON value is read as polygons or refused with a
ValidationError, never another exception."""

import math

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from members.areas.geo import MapArea, polygons_of, svg_map
from tests.factories.areas import square

numbers = (
    st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
)
json_values = st.recursive(
    st.none() | numbers | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["type", "coordinates", "features", "geometry", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=30,
)
types = st.sampled_from(
    ["Polygon", "MultiPolygon", "Feature", "FeatureCollection", "Point", None]
)
points = st.lists(numbers | st.text(max_size=3), min_size=0, max_size=3)
rings = st.lists(points, max_size=6)


@st.composite
def geojson_like(draw):
    kind = draw(types)
    coordinates = draw(
        st.lists(rings, max_size=3)
        | st.lists(st.lists(rings, max_size=3), max_size=3)
        | json_values
    )
    geometry = {"type": kind, "coordinates": coordinates}
    wrapper = draw(st.sampled_from(["bare", "feature", "collection", "odd"]))
    if wrapper == "feature":
        return {"type": "Feature", "geometry": geometry}
    if wrapper == "collection":
        return {
            "type": "FeatureCollection",
            "features": draw(
                st.just([{"type": "Feature", "geometry": geometry}]) | json_values
            ),
        }
    if wrapper == "odd":
        return draw(json_values)
    return geometry


def assert_readable(polygons):
    assert polygons
    for polygon in polygons:
        for ring in polygon:
            assert len(ring) >= 4 and ring[0] == ring[-1]
            for lon, lat in ring:
                assert math.isfinite(lon) and -180 <= lon <= 180
                assert math.isfinite(lat) and -90 <= lat <= 90


@given(geojson_like() | json_values)
@example(square(11.95, 57.70))
@example({"type": "FeatureCollection", "features": {"a": 1}})
@example({"type": "Polygon", "coordinates": [[[10**400, 0]] * 4]})
def test_any_json_gives_polygons_or_a_validation_error(value):
    try:
        polygons = polygons_of(value)
    except ValidationError as error:
        assert error.messages and all(error.messages)
        return
    assert_readable(polygons)
    # Whatever is accepted can be drawn.
    assert svg_map([MapArea(name="A", boundary=value)], title="T").startswith("<svg")


@pytest.mark.parametrize(
    "value",
    [
        {"type": "FeatureCollection", "features": {"a": 1}},
        {"type": "FeatureCollection", "features": 5},
        {"type": "Polygon", "coordinates": [[[10**400, 0]] * 4]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]] * 0},
        {"type": "MultiPolygon", "coordinates": 7},
    ],
)
def test_known_malformed_boundaries_are_refused(value):
    with pytest.raises(ValidationError):
        polygons_of(value)
