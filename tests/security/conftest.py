"""The proposals' and areas' worlds, for the rate-limited endpoints' tests."""

from tests.members.areas.conftest import district  # noqa: F401
from tests.members.proposals.conftest import world  # noqa: F401
