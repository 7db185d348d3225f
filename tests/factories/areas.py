from django.utils.text import slugify

from members.areas.models import Area


def square(west: float, south: float, size: float = 0.01) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def area(name: str, *parties, west: float = 11.95, south: float = 57.70) -> Area:
    created = Area.objects.create(
        name=name, slug=slugify(name), boundary=square(west, south)
    )
    created.parties.set(parties)
    return created
