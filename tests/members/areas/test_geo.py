import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from members.areas.geo import MapArea, contains, polygons_of, svg_map
from members.areas.models import Area
from tests.factories.areas import square


def test_boundaries_must_be_closed_polygons_in_degrees():
    assert polygons_of(square(11.9, 57.7))
    feature = {"type": "Feature", "geometry": square(11.9, 57.7), "properties": {}}
    assert polygons_of({"type": "FeatureCollection", "features": [feature]})
    for bad in (
        {"type": "Point", "coordinates": [11.9, 57.7]},
        {
            "type": "Polygon",
            "coordinates": [[[11.9, 57.7], [12.0, 57.7], [12.0, 57.8]]],
        },
        {
            "type": "Polygon",
            "coordinates": [[[200, 57], [201, 57], [201, 58], [200, 57]]],
        },
        {"type": "Polygon", "coordinates": "nonsense"},
        "not json at all",
    ):
        with pytest.raises(ValidationError):
            polygons_of(bad)


def test_the_map_labels_each_area_with_its_status():
    svg = svg_map(
        [
            MapArea(
                name="Centrum",
                boundary=square(11.9, 57.7),
                colour="red",
                label="Röd · 4",
            ),
            MapArea(name="Hamnen <b>", boundary=square(11.91, 57.7), colour="green"),
        ],
        title="Vecka 12",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "map-area--red" in svg and "map-area--green" in svg
    assert "Röd · 4" in svg and "Hamnen &lt;b&gt;" in svg and "<b>" not in svg
    assert contains(polygons_of(square(11.9, 57.7))[0], 11.905, 57.705)
    assert not contains(polygons_of(square(11.9, 57.7))[0], 11.95, 57.705)


@pytest.mark.django_db
def test_a_geojson_file_can_be_uploaded_in_the_admin(secretariat_user):
    client = Client()
    client.force_login(secretariat_user)
    upload = SimpleUploadedFile(
        "torget.geojson",
        json.dumps({"type": "Feature", "geometry": square(11.9, 57.7)}).encode(),
        "application/geo+json",
    )
    response = client.post(
        "/admin/situation/areas/new/",
        {
            "name": "Torget",
            "slug": "torget",
            "sort_order": "1",
            "boundary": "",
            "boundary_file": upload,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Area.objects.get().boundary == square(11.9, 57.7)
    bad = client.post(
        "/admin/situation/areas/new/",
        {
            "name": "Fel",
            "slug": "fel",
            "sort_order": "1",
            "boundary": '{"type": "Point"}',
        },
    )
    assert bad.status_code == 200 and Area.objects.count() == 1
