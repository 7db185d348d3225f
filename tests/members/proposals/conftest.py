import pytest

from tests.factories.contributions import member
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory


@pytest.fixture
def world(db):
    """A plan with a priority, two member organisations and a draft by the first."""
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    proposer, alice = member(legal_name="Förslagsställaren AB")
    other, bob = member(legal_name="Grannen AB")
    proposal = ProposalFactory(organisation=proposer, author=alice, priority=priority)
    return {
        "priority": priority,
        "proposer": proposer,
        "alice": alice,
        "other": other,
        "bob": bob,
        "proposal": proposal,
    }
