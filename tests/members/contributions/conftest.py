import datetime

import pytest

from members.contributions import services
from members.contributions.models import Contribution, ContributionScheme
from tests.factories.contributions import SchemeFactory, member


@pytest.fixture
def stripe_on(settings):
    """Webhooks on; nothing listens on the discard port, so any call to Stripe
    fails at once as "unreachable"."""
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_bid_platform"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"


@pytest.fixture
def contribution(db):
    """One issued invoice of 25 000 kr (5 000 base fee + 2 000 m² office)."""
    SchemeFactory(due_date=datetime.date(2099, 1, 1))
    member(properties=[(2000, "office")])
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    return Contribution.objects.get()
