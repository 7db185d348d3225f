"""An area's page adds up: its picture, exactly its projects and action items,
the floor area of its members' properties and its indicators; only those who
see the situational picture open it, in at most 15 queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from members.areas import selectors, services
from members.areas.models import AreaStatus, Colour, WeekPicture, iso_week_of
from members.proposals.models import Proposal
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory, organisation_with_admin
from tests.factories.pages import site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    plan_with_priorities,
)
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
BUDGET = 15


def client(user=None) -> Client:
    c = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        c.force_login(user)
    return c


def url(area, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("portal:area", args=[area.slug])


@pytest.fixture
def scene(district):
    """Beside the district's own properties (Kajen AB's 1,200 m² in Centrum
    and 2,000 m² in no area, Bostäder AB's 1,200 m² in Hamnen): Bostäder AB's
    3,000 m² in Centrum, and the municipality's 5,000 m² there (not a member).
    Projects, action items and indicators in Centrum and in Hamnen."""
    centrum, hamnen = district["centrum"], district["hamnen"]
    PropertyFactory(owner=district["bostader"], area=centrum, gross_floor_area_m2=3000)
    PropertyFactory(
        owner=district["municipality"], area=centrum, gross_floor_area_m2=5000
    )
    _plan, (priority,) = plan_with_priorities(site_home(), 1)

    def project(status, *areas, title):
        return ProposalFactory(
            organisation=district["kajen"],
            author=district["kajen_user"],
            priority=priority,
            status=status,
            title=title,
            areas=list(areas),
        )

    projects = {
        "running": project(Proposal.Status.IN_PROGRESS, centrum, title="Belysning"),
        "both": project(Proposal.Status.ACCEPTED, centrum, hamnen, title="Bänkar"),
        "done": project(Proposal.Status.COMPLETED, centrum, title="Städning"),
        "stopped": project(Proposal.Status.DISCONTINUED, centrum, title="Konstverk"),
        "draft": project(Proposal.Status.DRAFT, centrum, title="Utkastet"),
        "hamnen": project(Proposal.Status.IN_PROGRESS, hamnen, title="Kajkanten"),
    }
    secretariat = district["secretariat"]

    def action(area, title, to):
        return services.action_create(
            by=secretariat,
            area=area,
            addressed_to=district[to],
            title=title,
            description="",
            due_date=TODAY + datetime.timedelta(days=7),
        )

    actions = {
        "open": action(centrum, "Laga lampan", "kajen"),
        "closed": action(centrum, "Klipp buskarna", "bostader"),
        "hamnen": action(hamnen, "Hamnens punkt", "bostader"),
    }
    services.action_update(
        by=secretariat, item=actions["closed"], status="done", text="Klart."
    )
    indicators = {
        "centrum": IndicatorFactory(
            priority=priority, area=centrum, name="Trygghet i Centrum"
        ),
        "hamnen": IndicatorFactory(priority=priority, area=hamnen, name="Hamnens"),
        "everywhere": IndicatorFactory(priority=priority, name="Hela distriktet"),
    }
    MeasurementFactory(indicator=indicators["centrum"], value=55)
    year, week = iso_week_of(TODAY - datetime.timedelta(weeks=1))
    picture = WeekPicture.objects.create(year=year, week=week)
    AreaStatus.objects.create(
        picture=picture, area=centrum, colour=Colour.RED, score=4, summary="Oroligt."
    )
    AreaStatus.objects.create(
        picture=picture, area=hamnen, colour=Colour.GREEN, score=1
    )
    return {
        **district,
        "projects": projects,
        "actions": actions,
        "indicators": indicators,
    }


# It adds up


def test_the_members_floor_area_is_the_sum_of_member_properties_in_the_area(scene):
    floor = selectors.area_member_floor_area(scene["centrum"])
    # Kajen AB's 1,200 and Bostäder AB's 3,000; not the municipality's 5,000
    # (no member), nor Kajen AB's 2,000 in no area, nor Hamnen's 1,200.
    assert (floor.floor_area_m2, floor.properties, floor.members) == (4200, 2, 2)
    hamnen = selectors.area_member_floor_area(scene["hamnen"])
    assert (hamnen.floor_area_m2, hamnen.properties, hamnen.members) == (1200, 1, 1)


def test_the_floor_area_leaves_out_an_organisation_no_longer_a_member(scene):
    former, _ = member(legal_name="Förr AB", properties=())
    PropertyFactory(owner=former, area=scene["centrum"], gross_floor_area_m2=700)
    assert selectors.area_member_floor_area(scene["centrum"]).floor_area_m2 == 4900
    former.bid_memberships.update(ends_on=TODAY)
    assert selectors.area_member_floor_area(scene["centrum"]).floor_area_m2 == 4200


def test_the_page_lists_exactly_the_areas_projects_by_state(scene):
    response = client(scene["kajen_user"]).get(url(scene["centrum"]))
    assert response.status_code == 200
    context, projects = response.context, scene["projects"]
    assert {p.pk for p in context["active_projects"]} == {
        projects["running"].pk,
        projects["both"].pk,
    }
    assert [p.pk for p in context["completed_projects"]] == [projects["done"].pk]
    assert [p.pk for p in context["discontinued_projects"]] == [projects["stopped"].pk]
    text = response.content.decode()
    assert "Kajkanten" not in text  # Hamnen's
    assert "Utkastet" not in text  # a draft is no project


def test_the_page_lists_exactly_the_areas_action_items(scene):
    response = client(scene["secretariat"]).get(url(scene["centrum"]))
    actions = scene["actions"]
    assert [a.pk for a in response.context["open_actions"]] == [actions["open"].pk]
    assert [a.pk for a in response.context["closed_actions"]] == [actions["closed"].pk]
    assert "Hamnens punkt" not in response.content.decode()


def test_an_action_closed_long_ago_leaves_the_page(scene):
    later = TODAY + datetime.timedelta(days=selectors.RECENT_ACTIONS_DAYS + 1)
    found = selectors.area_actions(scene["secretariat"], scene["centrum"], today=later)
    assert [a.pk for a in found] == [scene["actions"]["open"].pk]


def test_the_page_shows_the_areas_indicators_with_latest_and_target(scene):
    response = client(scene["board"]).get(url(scene["centrum"]))
    assert [i.pk for i in response.context["indicators"]] == [
        scene["indicators"]["centrum"].pk
    ]
    text = response.content.decode()
    assert "Trygghet i Centrum" in text
    assert "55" in text and "80" in text  # latest and target
    assert "Hamnens" not in text and "Hela distriktet" not in text


def test_the_page_shows_the_latest_agreed_status(scene):
    response = client(scene["kajen_user"]).get(url(scene["centrum"]))
    latest = response.context["latest"]
    assert (latest.colour, latest.score) == (Colour.RED, 4)
    assert "Oroligt." in response.content.decode()
    chart = client(scene["kajen_user"]).get(
        reverse("portal:area_chart", args=["centrum"])
    )
    assert chart.status_code == 200
    assert chart["Content-Type"] == "image/svg+xml"


def test_the_list_shows_each_area_with_its_status_and_floor_area(scene):
    response = client(scene["kajen_user"]).get(reverse("portal:areas"))
    rows = {row.area.slug: row for row in response.context["rows"]}
    assert rows["centrum"].member_floor_area_m2 == 4200
    assert rows["hamnen"].member_floor_area_m2 == 1200
    assert rows["centrum"].status.colour == Colour.RED
    assert url(scene["centrum"]) in response.content.decode()


# Who opens it


def test_anonymous_visitors_are_sent_to_sign_in(scene):
    response = client().get(url(scene["centrum"]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_it_follows_the_situation_pages_rule(scene):
    outsider, outsider_user = organisation_with_admin(legal_name="Utomstående AB")
    for user, status in (
        (scene["kajen_user"], 200),  # a member and a party
        (scene["police_user"], 200),  # a party, not a member
        (scene["board"], 200),
        (scene["secretariat"], 200),
        (outsider_user, 403),  # neither member nor party
    ):
        assert client(user).get(url(scene["centrum"])).status_code == status
        assert client(user).get(reverse("portal:situation")).status_code == status
    assert client(scene["kajen_user"]).get("/portal/areas/nowhere/").status_code == 404
    assert client(outsider_user).get("/portal/areas/nowhere/").status_code == 403


def test_a_party_sees_only_the_projects_and_actions_it_may_see(scene):
    """The police (a party, not a member) see public projects, not the
    proposals only members see, and only the action items of their areas."""
    ProposalFactory(
        organisation=scene["kajen"],
        priority=scene["projects"]["running"].priority,
        status=Proposal.Status.SUBMITTED,
        title="Inskickat",
        areas=[scene["centrum"]],
    )
    response = client(scene["police_user"]).get(url(scene["centrum"]))
    assert "Inskickat" not in response.content.decode()
    assert len(response.context["active_projects"]) == 2


def test_area_names_link_to_the_area_page_for_those_who_may_see_it(scene):
    project = scene["projects"]["running"]
    page = reverse("portal:proposal", args=[project.pk])
    assert (
        url(scene["centrum"]) in client(scene["kajen_user"]).get(page).content.decode()
    )
    situation = client(scene["kajen_user"]).get(reverse("portal:situation"))
    assert url(scene["centrum"]) in situation.content.decode()


# What it costs


def queries(user, address) -> int:
    c = client(user)
    c.get(address)  # per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert c.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["kajen_user", "police_user", "board"])
def test_the_page_fits_the_budget_and_does_not_grow_with_records(scene, who, settings):
    # As in production: the fragments every visitor shares are cached.
    settings.FRAGMENT_CACHE_SECONDS = 600
    user = scene[who]
    before = queries(user, url(scene["centrum"]))
    assert before <= BUDGET
    with translation.override("sv"):
        areas = reverse("portal:areas")
    listing = queries(user, areas)
    assert listing <= BUDGET
    # Read in another language, the indicators' names come along: one query
    # more, over the budget for the board only, whose pages all read the
    # Wagtail user profile twice (the base template's admin links).
    english = queries(user, url(scene["centrum"], "en"))
    assert english <= before + 1
    assert english <= BUDGET or who == "board"
    for n in range(5):
        ProposalFactory(
            organisation=scene["bostader"],
            priority=scene["projects"]["running"].priority,
            status=Proposal.Status.IN_PROGRESS,
            title=f"Fler {n}",
            areas=[scene["centrum"]],
        )
        services.action_create(
            by=scene["secretariat"],
            area=scene["centrum"],
            addressed_to=scene["police"],
            title=f"Fler åtgärder {n}",
            description="",
            due_date=TODAY + datetime.timedelta(days=3),
        )
        PropertyFactory(owner=scene["kajen"], area=scene["centrum"])
        IndicatorFactory(
            priority=scene["projects"]["running"].priority, area=scene["centrum"]
        )
    assert queries(user, url(scene["centrum"])) == before
    assert queries(user, url(scene["centrum"], "en")) == english
    assert queries(user, areas) == listing
