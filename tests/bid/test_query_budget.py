"""At most 15 queries on every public page, at the demo district's size and at
ten times its records, once the fragments every visitor shares are cached (the
page itself not); and no count grows with the data.

The demo loads once: the counts at 1× are taken, the records multiplied, and
the counts taken again (bench/pages.py does the same at a larger scale).
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import DistrictPlanPage, NewsIndexPage, NewsPage, PriorityPage
from members.enrolment.models import Enrolment, Membership
from members.enrolment.pages import JoinPage, MemberDirectoryPage
from members.meetings.models import AgendaItem, Attendance, Decision, Meeting
from members.meetings.pages import MeetingIndexPage
from members.organisations.models import Organisation
from members.proposals.models import ProgressUpdate, Proposal
from members.proposals.pages import ProjectIndexPage
from members.proposals.selectors import public_projects
from tests.factories.organisations import swedish_org_number
from tests.factories.plan import NewsPageFactory

BUDGET = 15
SCALE = 10


def addresses() -> dict[str, str]:
    def sv(model):
        return model.objects.live().get(locale__language_code="sv")

    plan = sv(DistrictPlanPage)
    meetings = sv(MeetingIndexPage)
    news = sv(NewsIndexPage)
    projects = sv(ProjectIndexPage)
    meeting = (
        Meeting.objects.filter(visibility="public", status=Meeting.Status.PUBLISHED)
        .order_by("-starts_at")
        .first()
    )
    project = public_projects().first()
    return {
        "home": "/",
        "plan": plan.url,
        "priority": PriorityPage.objects.live().child_of(plan).first().url,
        "meeting list": meetings.url,
        "meeting": meetings.meeting_url(meeting),
        "decisions": f"{meetings.url}decisions/",
        "news list": news.url,
        "news article": NewsPage.objects.live().child_of(news).first().url,
        "project list": projects.url,
        "project": projects.url
        + projects.reverse_subpage("project", args=[project.pk]),
        "member directory": sv(MemberDirectoryPage).url,
        "join": sv(JoinPage).url,
        "search": "/search/?q=belysning",
        "about (en)": "/en/about/",
    }


def count_queries(client: Client, url: str) -> int:
    # The first visit fills the shared fragments; the second is counted and
    # misses the page cache (off here in any case) with a query of its own.
    client.get(url)
    joined = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{joined}budget=1")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def multiply(times: int) -> None:
    """`times` - 1 more copies of the records lists show: organisations with
    memberships, meetings with their agendas, decisions and attendance,
    projects with their progress, news articles."""
    organisations = list(Organisation.objects.all())
    meetings = list(Meeting.objects.all())
    proposals = list(Proposal.objects.all())
    news = NewsIndexPage.objects.get(locale__language_code="sv")
    for copy in range(1, times):
        clones = []
        for n, organisation in enumerate(organisations):
            organisation.pk = None
            organisation.legal_name = f"{organisation.legal_name} {copy}"
            organisation.org_number = swedish_org_number(300_000 + copy * 1000 + n)
            organisation.listed_publicly = True
            clones.append(organisation)
        clones = Organisation.objects.bulk_create(clones)
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(organisation=o, status="approved") for o in clones
        )
        Membership.objects.bulk_create(
            Membership(
                organisation=e.organisation,
                enrolment=e,
                starts_on=datetime.date(2024, 1, 1),
            )
            for e in enrolments
        )
        for proposal in Proposal.objects.filter(pk__in=[p.pk for p in proposals]):
            updates = list(proposal.progress_updates.all())
            proposal.pk = None
            proposal.title = f"{proposal.title} ({copy})"
            proposal.save()
            for update in updates:
                update.pk = None
                update.proposal = proposal
            ProgressUpdate.objects.bulk_create(updates)
        for meeting in Meeting.objects.filter(pk__in=[m.pk for m in meetings]):
            items = list(meeting.agenda_items.all())
            decisions = list(Decision.objects.filter(meeting=meeting))
            attendance = list(Attendance.objects.filter(meeting=meeting))
            meeting.pk = None
            meeting.starts_at -= datetime.timedelta(days=365 * copy)
            if meeting.ends_at:
                meeting.ends_at -= datetime.timedelta(days=365 * copy)
            meeting.save()
            for rows in (items, decisions, attendance):
                for row in rows:
                    row.pk = None
                    row.meeting = meeting
            AgendaItem.objects.bulk_create(items)
            Decision.objects.bulk_create(decisions)
            Attendance.objects.bulk_create(attendance)
        for n in range(3):
            NewsPageFactory(
                parent=news,
                title=f"Nyhet {copy}-{n}",
                slug=f"nyhet-{copy}-{n}",
                published_on=datetime.date(2020, 1, 1) - datetime.timedelta(copy),
            )


@pytest.mark.django_db
def test_public_pages_stay_within_the_query_budget_at_1x_and_10x(settings, capsys):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    call_command("load_demo_data")
    capsys.readouterr()
    client = Client(HTTP_HOST="127.0.0.1")
    pages = addresses()
    before = {name: count_queries(client, url) for name, url in pages.items()}
    multiply(SCALE)
    cache.clear()
    after = {name: count_queries(client, url) for name, url in pages.items()}

    over = {
        name: (before[name], after[name])
        for name in pages
        if max(before[name], after[name]) > BUDGET
    }
    grown = {
        name: (before[name], after[name])
        for name in pages
        if after[name] > before[name]
    }
    assert not over, f"over {BUDGET} queries (1×, 10×): {over}"
    assert not grown, f"queries grow with the data (1×, 10×): {grown}"
    assert Meeting.objects.count() >= SCALE * 10
