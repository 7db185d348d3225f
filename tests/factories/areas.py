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
    """The area of this name (made by `named_area` for a property before, or
    new) at the square from (west, south), with these parties."""
    created, _ = Area.objects.update_or_create(
        name=name, defaults={"slug": slugify(name), "boundary": square(west, south)}
    )
    created.parties.set(parties)
    return created


def named_area(name: str) -> Area:
    """The area of this name, made (without parties) if there is none yet: a
    property or proposal names its area before a test draws the area."""
    found = Area.objects.filter(name=name).first()
    if found is not None:
        return found
    west = 11.95 + 0.02 * Area.objects.count()
    return Area.objects.create(
        name=name, slug=slugify(name), boundary=square(west, 57.70)
    )
