"""What the registries the apps fill (dashboard items, portal sections, panels)
have in common: each name is claimed once."""

from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


def add_once(registry: dict[str, T], name: str, entry: T, *, what: str) -> T:
    """Put `entry` in `registry` under `name` and return it; a name already
    taken is a configuration error ("{what} 'name' is registered twice.")."""
    if name in registry:
        raise ImproperlyConfigured(f"{what} {name!r} is registered twice.")
    registry[name] = entry
    return entry
