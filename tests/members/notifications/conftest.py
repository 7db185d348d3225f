import pytest

from members.organisations.models import Organisation
from tests.factories.accounts import (
    BoardUserFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.meetings import BodyFactory, meeting_index
from tests.factories.organisations import organisation_with_admin
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory


@pytest.fixture
def world(db):
    """A plan with a priority; two members (the proposer and a neighbour), the
    police as a party of one area, a person of no organisation, the board,
    the secretariat, a public body and a draft proposal by the proposer."""
    home = site_home()
    meeting_index(home)
    _plan, (priority,) = plan_with_priorities(home, 1)
    proposer, alice = member(legal_name="Förslagsställaren AB")
    neighbour, bob = member(legal_name="Grannen AB")
    police, lars = organisation_with_admin(
        legal_name="Polisen", type=Organisation.Type.PUBLIC_AGENCY
    )
    centrum = area("Centrum", proposer, police)
    proposal = ProposalFactory(organisation=proposer, author=alice, priority=priority)
    return {
        "priority": priority,
        "proposer": proposer,
        "alice": alice,
        "neighbour": neighbour,
        "bob": bob,
        "police": police,
        "lars": lars,
        "outsider": UserFactory(),
        "board": BoardUserFactory(),
        "secretariat": SecretariatUserFactory(),
        "body": BodyFactory(name="Styrelsen", slug="styrelsen"),
        "centrum": centrum,
        "proposal": proposal,
    }
