"""The permission matrix helper: one URL, the status each role must get.

Later modules add rows to tests/test_permission_matrix.py; a row names every
role so a new role can never be forgotten silently.
"""

from dataclasses import dataclass, field

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
        """This row with {placeholders} in its URL filled in."""
        return Row(self.url.format(**ids), self.expected, self.method, self.data)

    def __str__(self):
        return f"{self.method.upper()} {self.url}"


def assert_row(client_for, row: Row) -> None:
    """Request the row's URL as every role and compare all statuses at once."""
    got = {}
    for role in ROLES:
        client = client_for(role)
        response = getattr(client, row.method)(row.url, data=row.data)
        got[role] = response.status_code
    assert got == row.expected, f"{row}: expected {row.expected}, got {got}"
