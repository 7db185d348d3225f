"""At most 15 queries on the member portal's pages, for a member
organisation's administrator, its contact and the board, at the permission
matrix's size and with ten times the records the pages list; no count grows
with the records.

The pages are the matrix's own rows (tests/permission_matrix/table.py): every
GET under /portal/ and /accounts/ and the members' meeting records that the
role opens with a 200. Pages still over the budget are listed in OVER_BUDGET
with their count today; they may not grow either, and leave the list once
they fit.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bid import events
from members.areas import services as area_services
from members.areas.models import Area, Observation
from members.meetings.models import Body, Visibility
from members.organisations.models import Organisation, OrganisationMember
from members.proposals.models import (
    ProgressUpdate,
    Proposal,
    ProposalComment,
    ProposalSupport,
)
from tests.factories.accounts import MemberUserFactory
from tests.factories.meetings import published_meeting
from tests.factories.organisations import OrganisationMemberFactory, PropertyFactory
from tests.factories.proposals import ProposalFactory
from tests.permission_matrix import table
from tests.permission_matrix.world import build_world

BUDGET = 15
SCALE = 10
ROLES = ("member_a", "member_a_contact", "board")

# (role, row URL): the count today, over the budget; see the module docstring.
OVER_BUDGET: dict[tuple[str, str], int] = {}


def portal_rows():
    for row in table.ROWS + table.PAGES:
        if row.method != "get":
            continue
        if (
            "/portal/" in row.url
            or row.url.startswith("/accounts/")
            or "{members_meeting}" in row.url
        ):
            yield row


def count(client: Client, url: str) -> tuple[int, int]:
    client.get(url)  # per-process caches
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        transaction.set_rollback(True)
    return len(queries), response.status_code


def counts(ids, clients) -> dict[tuple[str, str], int]:
    found = {}
    for role in ROLES:
        for row in portal_rows():
            if row.expected[role] != 200:
                continue
            number, status = count(clients[role], row.with_ids(ids).url)
            assert status == 200, (role, row.url, status)
            found[role, row.url] = number
    return found


def multiply(ids: dict, users: dict, times: int) -> None:
    """`times` - 1 more of every record the portal's pages list for A's people
    and the board: proposals with supports, comments and progress, properties,
    people, action items, observations, meetings for members, notifications."""
    org_a = Organisation.objects.get(pk=ids["org_a"])
    org_b = Organisation.objects.get(pk=ids["org_b"])
    admin_a, board = users["member_a"], users["board"]
    proposal = Proposal.objects.get(pk=ids["proposal_submitted_a"])
    centrum = Area.objects.get(pk=ids["area_id"])
    walk = Observation.objects.get(pk=ids["observation_id"]).walk
    body = Body.objects.get(pk=ids["body_id"])
    today = datetime.date.today()
    for copy in range(1, times):
        for organisation, author in ((org_a, admin_a), (org_b, users["member_b"])):
            other = ProposalFactory(
                organisation=organisation,
                author=author,
                priority=proposal.priority,
                status=Proposal.Status.IN_PROGRESS,
                submitted_at=proposal.submitted_at,
            )
            ProposalSupport.objects.create(proposal=other, organisation=org_a)
            ProposalSupport.objects.create(proposal=other, organisation=org_b)
            ProgressUpdate.objects.create(
                proposal=other, reported_on=today, text="Pågår", percent=10
            )
        ProposalSupport.objects.get_or_create(proposal=proposal, organisation=org_b)
        ProposalComment.objects.create(
            proposal=proposal,
            author=admin_a,
            author_name="A",
            organisation=org_a,
            body=f"Kommentar {copy}",
        )
        ProgressUpdate.objects.create(
            proposal=proposal, reported_on=today, text=f"Steg {copy}", percent=copy
        )
        PropertyFactory(owner=org_a)
        OrganisationMemberFactory(
            organisation=org_a,
            user=MemberUserFactory(),
            role=OrganisationMember.Role.CONTACT,
        )
        area_services.action_create(
            by=users["secretariat"],
            area=centrum,
            addressed_to=org_a,
            title=f"Punkt {copy}",
            due_date=today - datetime.timedelta(days=copy),
        )
        Observation.objects.create(
            walk=walk,
            category=Observation.Category.choices[0][0],
            description=f"Iakttagelse {copy}",
            land_owner=org_a,
            recorded_by=users["secretariat"],
        )
        published_meeting(body=body, visibility=Visibility.MEMBERS)
        events.publish(
            "meeting.cancelled",
            subject=body,
            visibility="public",
            recipients=[admin_a, users["member_a_contact"], board],
        )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PAGE_CACHE_SECONDS=0,
            # As in production: the fragments every visitor shares are cached.
            FRAGMENT_CACHE_SECONDS=600,
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        ids, users = build_world()
        yield ids, users
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_portal_pages_stay_within_the_query_budget_at_1x_and_10x(world):
    ids, users = world
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(users[role])
    before = counts(ids, clients)
    multiply(ids, users, SCALE)
    after = counts(ids, clients)

    def limit(page):
        return OVER_BUDGET.get(page, BUDGET)

    over = {
        page: (before[page], after[page])
        for page in before
        if max(before[page], after[page]) > limit(page)
    }
    grown = {
        page: (before[page], after[page])
        for page in before
        if after[page] > before[page]
    }
    fitting = {
        page: (before[page], after[page])
        for page in OVER_BUDGET
        if max(before[page], after[page]) <= BUDGET
    }
    assert not over, f"over the budget (1×, 10×): {over}"
    assert not fitting, f"within the budget now, off OVER_BUDGET with them: {fitting}"
    assert not grown, f"queries grow with the records (1×, 10×): {grown}"
    assert Proposal.objects.filter(organisation_id=ids["org_b"]).count() >= SCALE
