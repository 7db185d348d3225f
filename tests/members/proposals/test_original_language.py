"""A proposal is written in Swedish: on a page in another language its own
text says so (lang="sv" and a notice), the interface around it does not."""

import pytest
from django.test import Client

from tests.factories.contributions import member
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db


def test_the_proposals_own_text_is_marked_swedish_on_an_english_page():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    organisation, user = member()
    proposal = ProposalFactory(
        organisation=organisation,
        author=user,
        priority=priority,
        title="Belysning längs kajen",
        status="submitted",
    )
    client = Client()
    client.force_login(user)
    english = client.get(f"/en/portal/proposals/{proposal.pk}/").content.decode()
    assert '<h1 lang="sv">Belysning längs kajen</h1>' in english
    assert "This text is only available in Swedish." in english
    swedish = client.get(f"/portal/proposals/{proposal.pk}/").content.decode()
    assert "<h1>Belysning längs kajen</h1>" in swedish
    assert 'lang="sv">Belysning' not in swedish
