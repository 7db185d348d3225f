"""The permission matrix helpers: one URL, the status each role must get, and
the URL patterns of the project those rows must cover.

A row names every role so a new role can never be forgotten silently.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation

from tests.conftest import ROLES


@dataclass(frozen=True)
class Row:
    url: str
    expected: dict[str, int]
    method: str = "get"
    data: dict = field(default_factory=dict)

    def __post_init__(self):
        missing = set(ROLES) - set(self.expected)
        if missing:
            raise ValueError(f"{self.url}: no expectation for {sorted(missing)}")

    def with_ids(self, ids: dict) -> "Row":
        """This row with {placeholders} in its URL and data filled in."""
        data = {
            key: value.format(**ids) if isinstance(value, str) else value
            for key, value in self.data.items()
        }
        return Row(self.url.format(**ids), self.expected, self.method, data)

    def __str__(self):
        return f"{self.method.upper()} {self.url}"


def assert_row(client_for, row: Row) -> None:
    """Request the row's URL as every role and compare all statuses at once.

    Each request runs in a transaction rolled back afterwards, so a POST one
    role may make (removing a property, say) never changes what the next sees.
    """
    got = {}
    for role in ROLES:
        client = client_for(role)
        with transaction.atomic():
            response = getattr(client, row.method)(row.url, data=row.data)
            transaction.set_rollback(True)
        got[role] = response.status_code
    assert got == row.expected, f"{row}: expected {row.expected}, got {got}"


def url_patterns(patterns=None, prefix: str = "") -> list[tuple[str, object]]:
    """Every (route, URLPattern) of the URL conf, through includes and
    i18n_patterns; routes are spelled as Django's resolver spells
    `ResolverMatch.route`, without the language prefix."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += url_patterns(
                pattern.url_patterns,
                URLResolver._join_route(prefix, str(pattern.pattern)),
            )
        else:
            found.append(
                (URLResolver._join_route(prefix, str(pattern.pattern)), pattern)
            )
    return found


def route_path(url: str) -> str:
    """The URL's path without its query or language prefix."""
    path = url.split("?", 1)[0]
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
    return path


def route_of(url: str) -> str:
    """The URL pattern (as in url_patterns()) that answers this URL, whatever
    its language prefix (the row's request checks the prefixed URL itself)."""
    with translation.override(settings.LANGUAGE_CODE):
        return resolve(route_path(url)).route
