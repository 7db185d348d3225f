"""The admin dashboard's "Waiting for you": each app's count and link, shown to
whoever may act on it, counted in a fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from bid import dashboard
from members.areas import selectors as area_selectors
from members.areas.models import ActionItem, WeeklyReport, WeekPicture, iso_week_of
from members.contributions import services as contribution_services
from members.contributions.models import ContributionScheme, PaymentReview
from members.enrolment.models import Enrolment
from members.meetings.models import Meeting
from tests.factories.accounts import (
    BoardUserFactory,
    SecretariatUserFactory,
    UserFactory,
    enrol_in_two_factor,
)
from tests.factories.areas import area
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import MeetingFactory
from tests.factories.organisations import EnrolmentFactory, OrganisationFactory
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def waiting_items(response) -> dict[str, dict]:
    """The panel's lines by link text: their address, status and detail."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(id="waiting-section")
    if panel is None:
        return {}
    items = {}
    for line in panel.select(".bid-waiting__item"):
        link = line.select_one(".bid-waiting__link")
        detail = line.select_one(".bid-waiting__detail")
        items[link.get_text(strip=True)] = {
            "url": link["href"],
            "status": " ".join(
                line.select_one(".bid-waiting__status").stripped_strings
            ),
            "detail": detail.get_text(strip=True) if detail else "",
        }
    return items


def portal_actions() -> str:
    """In the reader's language, as the admin links to the portal."""
    with translation.override("en"):
        return reverse("portal:actions")


def last_week() -> tuple[int, int]:
    return iso_week_of(timezone.localdate() - datetime.timedelta(weeks=1))


def report(party, on, year_week):
    year, week = year_week
    WeeklyReport.objects.create(
        organisation=party, area=on, year=year, week=week, colour="green", score=1
    )


def add_waiting(times: int = 1, start: int = 0) -> None:
    """`times` of everything that waits, next to what does not."""
    today = timezone.localdate()
    for n in range(start, start + times):
        EnrolmentFactory(status=Enrolment.Status.SUBMITTED)
        EnrolmentFactory(status=Enrolment.Status.SUBMITTED)
        EnrolmentFactory(status=Enrolment.Status.DRAFT)
        EnrolmentFactory(status=Enrolment.Status.NEEDS_INFORMATION)
        PaymentReview.objects.create(
            source="bank",
            reason="unmatched",
            external_id=f"open-{n}",
            amount_minor=500,
            currency="SEK",
        )
        PaymentReview.objects.create(
            source="bank",
            reason="unmatched",
            external_id=f"resolved-{n}",
            amount_minor=500,
            currency="SEK",
            status="resolved",
            resolution="accepted",
        )
        MeetingFactory(status=Meeting.Status.MINUTES_DRAFTED)
        MeetingFactory(status=Meeting.Status.PUBLISHED)
        reporting = OrganisationFactory(legal_name=f"Rapporterar {n} AB")
        silent = OrganisationFactory(legal_name=f"Tyst {n} AB")
        place = area(f"Kajen {n}", reporting, silent, west=11.9 + n / 100)
        report(reporting, place, last_week())
        for status, days in (
            (ActionItem.Status.OPEN, -10),
            (ActionItem.Status.IN_PROGRESS, -1),
            (ActionItem.Status.OPEN, -30),
            (ActionItem.Status.DONE, -20),  # done: not overdue
            (ActionItem.Status.OPEN, 5),  # not yet due
        ):
            ActionItem.objects.create(
                title=f"Åtgärd {n} {days}",
                area=place,
                addressed_to=silent,
                status=status,
                due_date=today + datetime.timedelta(days=days),
            )
        member(legal_name=f"Sen {n} AB")
    scheme = ContributionScheme.objects.first() or SchemeFactory(
        due_date=datetime.date(2026, 3, 31)
    )
    contribution_services.contributions_issue(
        scheme=scheme, on=datetime.date(2026, 1, 15)
    )


@pytest.fixture
def secretariat(client):
    client.force_login(SecretariatUserFactory(language="en"))
    return client


@pytest.fixture
def board(client):
    client.force_login(BoardUserFactory(language="en"))
    return client


def test_the_secretariat_sees_each_count_with_its_link(secretariat):
    add_waiting()
    year, week = last_week()

    items = waiting_items(secretariat.get(HOME))

    assert items == {
        "Applications to decide": {
            "url": reverse("enrolment_review:index") + "?status=submitted",
            "status": "2",
            "detail": "",
        },
        f"Week {week} to consolidate": {
            "url": reverse("situation_consolidate", args=[year, week]),
            "status": "1 party has not reported",
            "detail": "Tyst 0 AB",
        },
        "Overdue invoices": {
            "url": reverse("contributions_overview") + "?year=2026",
            "status": "1",
            "detail": "",
        },
        "Payments to review": {
            "url": reverse("contributions_reviews"),
            "status": "1",
            "detail": "",
        },
        "Minutes awaiting adjustment": {
            "url": reverse("meetings_meeting:index") + "?status=minutes_drafted",
            "status": "1",
            "detail": "",
        },
        "Overdue action items": {
            "url": portal_actions(),
            "status": "3",
            "detail": "",
        },
        "Overdue milestones": {
            "url": reverse("projects_milestones_overdue"),
            "status": "Nothing waiting",
            "detail": "",
        },
        "Closed projects waiting for an evaluation": {
            "url": reverse("projects_evaluations"),
            "status": "Nothing waiting",
            "detail": "",
        },
        "Agreements to act on": {
            "url": reverse("agreements_act_on"),
            "status": "Nothing waiting",
            "detail": "",
        },
    }


def test_the_counts_follow_the_data(secretariat):
    add_waiting(times=2)

    items = waiting_items(secretariat.get(HOME))

    assert items["Applications to decide"]["status"] == "4"
    assert items["Overdue invoices"]["status"] == "2"
    assert items["Payments to review"]["status"] == "2"
    assert items["Minutes awaiting adjustment"]["status"] == "2"
    assert items["Overdue action items"]["status"] == "6"
    _year, week = last_week()
    consolidate = items[f"Week {week} to consolidate"]
    assert consolidate["status"] == "2 parties have not reported"
    assert consolidate["detail"] == "Tyst 0 AB, Tyst 1 AB"


def test_every_link_leads_to_a_page_the_secretariat_may_open(secretariat):
    add_waiting()

    for item in waiting_items(secretariat.get(HOME)).values():
        assert secretariat.get(item["url"]).status_code == 200, item["url"]


def test_nothing_waiting_is_said_calmly_not_hidden(secretariat):
    items = waiting_items(secretariat.get(HOME))

    assert items == {
        label: {"url": url, "status": "Nothing waiting", "detail": ""}
        for label, url in (
            ("Applications to decide", "/admin/enrolment_review/?status=submitted"),
            ("Weeks to consolidate", reverse("situation_weeks")),
            ("Overdue invoices", reverse("contributions_overview")),
            ("Payments to review", reverse("contributions_reviews")),
            (
                "Minutes awaiting adjustment",
                reverse("meetings_meeting:index") + "?status=minutes_drafted",
            ),
            ("Overdue action items", portal_actions()),
            ("Overdue milestones", reverse("projects_milestones_overdue")),
            (
                "Closed projects waiting for an evaluation",
                reverse("projects_evaluations"),
            ),
            ("Agreements to act on", reverse("agreements_act_on")),
        )
    }


def test_a_week_everyone_reported_on_still_waits_to_be_consolidated(secretariat):
    party = OrganisationFactory(legal_name="Flitig AB")
    report(party, area("Torget", party), last_week())

    items = waiting_items(secretariat.get(HOME))

    _year, week = last_week()
    assert items[f"Week {week} to consolidate"]["status"] == "Every party has reported"


def test_the_board_sees_only_what_it_may_act_on(board):
    add_waiting()

    items = waiting_items(board.get(HOME))

    # The board decides applications, keeps the minutes and follows up actions;
    # consolidating the week, invoices and payments are the secretariat's.
    assert set(items) == {
        "Applications to decide",
        "Minutes awaiting adjustment",
        "Overdue action items",
        "Overdue milestones",
        "Closed projects waiting for an evaluation",
        "Agreements to act on",
    }


def test_a_board_member_without_a_permission_does_not_see_its_item(client):
    add_waiting()
    user = BoardUserFactory(language="en")
    # A district whose board no longer keeps the minutes.
    user.groups.get().permissions.remove(
        Permission.objects.get(codename="record_meeting")
    )
    client.force_login(user)

    items = waiting_items(client.get(HOME))

    assert "Minutes awaiting adjustment" not in items
    assert {"Applications to decide", "Overdue action items"} <= set(items)


def test_someone_who_may_act_on_nothing_gets_no_panel(client):
    add_waiting()
    editor = UserFactory(language="en")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    enrol_in_two_factor(editor)  # the admin requires it
    client.force_login(editor)

    response = client.get(HOME)

    assert waiting_items(response) == {}
    assert b"Waiting for you" not in response.content


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def test_the_dashboard_takes_as_many_queries_however_much_waits(
    secretariat, django_assert_max_num_queries
):
    add_waiting()
    secretariat.get(HOME)  # sessions, sites and settings warm up once
    few = queries_for(secretariat)

    add_waiting(times=3, start=1)
    many = queries_for(secretariat)

    assert many == few, (few, many)
    with django_assert_max_num_queries(35):
        secretariat.get(HOME)


def test_the_panel_counts_in_one_query_an_item(rf, django_assert_num_queries):
    add_waiting(times=2)
    hooks.search_for_hooks()  # each app registers its items in wagtail_hooks.py
    request = rf.get(HOME)
    request.user = SecretariatUserFactory()

    # Two for the person's permissions (their own and their groups'), then
    # one for each of the six items.
    with django_assert_num_queries(2 + 9):
        items = dashboard.items_for(request)

    assert len(items) == 9


def test_each_count_is_one_query(django_assert_num_queries):
    add_waiting()
    with django_assert_num_queries(1):
        area_selectors.week_to_consolidate()
    with django_assert_num_queries(1):
        area_selectors.overdue_actions_count()


class TestWeekToConsolidate:
    def test_last_week_until_it_is_consolidated_then_this_week(self):
        today = datetime.date(2026, 12, 9)  # a Wednesday, week 50
        ahead, behind = OrganisationFactory(legal_name="A"), OrganisationFactory()
        torget = area("Torget", ahead, behind)
        report(ahead, torget, (2026, 50))

        waiting = area_selectors.week_to_consolidate(today=today)
        assert (waiting.year, waiting.week) == (2026, 49)
        assert sorted(waiting.not_reported) == sorted(
            [ahead.legal_name, behind.legal_name]
        )

        WeekPicture.objects.create(year=2026, week=49)
        waiting = area_selectors.week_to_consolidate(today=today)
        assert (waiting.week, waiting.not_reported) == (50, [behind.legal_name])

        WeekPicture.objects.create(year=2026, week=50)
        assert area_selectors.week_to_consolidate(today=today) is None

    def test_a_party_missing_one_of_its_areas_has_not_reported(self):
        today = datetime.date(2026, 12, 9)
        party = OrganisationFactory(legal_name="Två områden AB")
        north, south = area("Norr", party), area("Söder", party, west=12.0)
        report(party, north, (2026, 49))

        waiting = area_selectors.week_to_consolidate(today=today)
        assert waiting.not_reported == ["Två områden AB"]

        report(party, south, (2026, 49))
        waiting = area_selectors.week_to_consolidate(today=today)
        assert waiting.not_reported == []

    def test_nothing_to_consolidate_without_parties(self):
        area("Tomt")
        assert area_selectors.week_to_consolidate() is None


def test_the_admin_carries_the_district_name_and_colours(secretariat):
    site_settings_name = "Hamnstaden BID"
    district_settings(organisation_name=site_settings_name)

    response = secretariat.get(HOME)

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == site_settings_name
    assert soup.title.get_text(strip=True).endswith(f"- {site_settings_name}")
    assert soup.find("link", href="/static/css/admin.css") is not None


def test_without_district_settings_the_admin_uses_the_site_name(secretariat, settings):
    settings.WAGTAIL_SITE_NAME = "Testdistriktet"

    response = secretariat.get(HOME)

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Testdistriktet"
