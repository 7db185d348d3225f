"""An observation's point is on the earth: latitude within ±90, longitude
within ±180, refused with a message at the field and nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.areas import services
from members.areas.models import Observation


@pytest.fixture
def walk(district):
    return services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"]],
    )


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        ("91", "11.95", "latitude"),
        ("57.7", "181", "longitude"),
        ("-90.5", "0", "latitude"),
    ],
)
def test_a_point_off_the_earth_is_refused(district, walk, latitude, longitude, field):
    with pytest.raises(ValidationError) as refused:
        services.observation_add(
            by=district["kajen_user"],
            walk=walk,
            category="litter",
            description="Skräp",
            latitude=latitude,
            longitude=longitude,
            land_owner=district["kajen"],
        )
    assert field in refused.value.message_dict
    assert "ligger mellan" in " ".join(refused.value.message_dict[field])  # Swedish
    assert not Observation.objects.exists()


def test_the_edges_of_the_earth_are_points(district, walk):
    observation = services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="litter",
        description="Skräp",
        latitude="90",
        longitude="-180",
        land_owner=district["kajen"],
    )
    assert (observation.latitude, observation.longitude) == (90, -180)
