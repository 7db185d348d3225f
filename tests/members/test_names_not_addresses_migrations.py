"""The data migrations that replace email addresses stored as names (by_name,
author_name, changed_by_name) with the person's name or, without one, the
address's local part."""

import importlib

import pytest
from django.apps import apps

from members.proposals.models import ProposalComment, ProposalTransition
from tests.factories.accounts import MemberUserFactory
from tests.factories.contributions import member
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db

MIGRATIONS = [
    "members.enrolment.migrations.0004_names_not_addresses",
    "members.meetings.migrations.0004_names_not_addresses",
    "members.proposals.migrations.0005_names_not_addresses",
    "home.migrations.0014_names_not_addresses",
]


def run_all():
    for name in MIGRATIONS:
        importlib.import_module(name).names_not_addresses(apps, None)


def test_stored_addresses_become_names_and_names_stay():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    organisation, named = member(
        user=MemberUserFactory(
            first_name="Karin", last_name="Ström", email="karin@kajen.example"
        )
    )
    nameless = MemberUserFactory(first_name="", last_name="", email="ola@kajen.example")
    proposal = ProposalFactory(
        organisation=organisation, author=named, priority=priority
    )
    by_address = ProposalComment.objects.create(
        proposal=proposal, author=named, author_name=named.email, body="Ett"
    )
    nameless_comment = ProposalComment.objects.create(
        proposal=proposal, author=nameless, author_name=nameless.email, body="Två"
    )
    kept = ProposalComment.objects.create(
        proposal=proposal, author=None, author_name="Tidigare medlem", body="Tre"
    )
    step = ProposalTransition.objects.create(
        proposal=proposal,
        from_status="draft",
        to_status="submitted",
        by=None,
        by_name="borttagen@kajen.example",
    )

    run_all()

    for row in (by_address, nameless_comment, kept):
        row.refresh_from_db()
    step.refresh_from_db()
    assert by_address.author_name == "Karin Ström"
    assert nameless_comment.author_name == "ola"
    assert kept.author_name == "Tidigare medlem"
    assert step.by_name == "borttagen"
    run_all()  # a second run changes nothing
    by_address.refresh_from_db()
    assert by_address.author_name == "Karin Ström"
