"""The library of lessons on the site: public cases for everyone, members-only
cases for members, each case with its project's outcome, cost and lessons;
anonymous cached pages never hold a members-only case."""

import pytest
from django.core.cache import cache
from django.test import Client

from members.projects.models import Evaluation
from tests.factories.contributions import member
from tests.members.projects.lessons_world import build, evaluate

pytestmark = pytest.mark.django_db
BUDGET = 15


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = build()
    _other, built["member"] = member(legal_name="Grannen AB")
    return built


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def case_url(world, key: str) -> str:
    return world["library"].evaluation_url(world[key])


def test_visitors_see_the_public_cases_only(world, client):
    html = client.get("/lardomar/").content.decode()
    assert "Belysning längs kajen" in html
    assert "Julmarknad på torget" not in html


def test_members_see_the_members_cases_too(world):
    html = signed_in(world["member"]).get("/lardomar/").content.decode()
    assert "Belysning längs kajen" in html
    assert "Julmarknad på torget" in html
    assert "Members only" in html or "Endast medlemmar" in html


def test_a_members_case_sends_a_visitor_to_sign_in(world, client):
    response = client.get(case_url(world, "members_only"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get("/lardomar/999999/").status_code == 404


def test_a_case_shows_outcome_reason_cost_lessons_and_the_project(world):
    html = signed_in(world["member"]).get(case_url(world, "members_only"))
    assert html.status_code == 200
    text = html.content.decode()
    project = world["members_only"].project
    for shown in (
        "Julmarknad på torget",
        "Tillståndet för torget drogs in.",
        "Hemlighetsfull förhandling med vaktbolaget.",
        "Börja med en trygghetsvandring.",
        "500",
        f'href="/projekt/{project.pk}/"',
    ):
        assert shown in text, shown


def test_the_filters_narrow_the_list(world):
    reader = signed_in(world["member"])

    def listed(**params) -> set[str]:
        html = reader.get("/lardomar/", params).content.decode()
        return {
            title
            for title in ("Belysning längs kajen", "Julmarknad på torget")
            if f">{title}</a>" in html
        }

    assert listed(outcome="discontinued") == {"Julmarknad på torget"}
    assert listed(outcome="completed") == {"Belysning längs kajen"}
    assert listed(area=world["quay"].pk) == {"Belysning längs kajen"}
    assert listed(priority=world["other_priority"].pk) == {"Julmarknad på torget"}
    assert listed(q="armaturerna") == {"Belysning längs kajen"}
    # Malformed filters are no filters.
    assert listed(q="\x00", priority="x", area="99999999999", outcome="z") == {
        "Belysning längs kajen",
        "Julmarknad på torget",
    }


def test_the_pages_keep_to_the_query_budget(
    world, settings, django_assert_max_num_queries
):
    # As tests/bid/test_query_budget.py counts: shared fragments cached, the
    # page itself not.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    visitor = Client(HTTP_HOST="127.0.0.1")
    visitor.get("/lardomar/")
    for url in ("/lardomar/", case_url(world, "public")):
        with django_assert_max_num_queries(BUDGET):
            assert visitor.get(url).status_code == 200


def test_anonymous_cached_pages_never_hold_a_members_case_and_follow_changes(
    world, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    # A member's visit first: it must not be what the visitor is served.
    assert "Julmarknad" in signed_in(world["member"]).get("/lardomar/").content.decode()
    visitor = Client()
    first = visitor.get("/lardomar/")
    second = visitor.get("/lardomar/")
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert "Julmarknad på torget" not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        evaluate(world["members_only"].project, world["secretariat"], "public")
    response = visitor.get("/lardomar/")
    assert response["X-Page-Cache"] == "miss"
    assert "Julmarknad på torget" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Evaluation.objects.filter(pk=world["members_only"].pk).delete()
    assert "Julmarknad på torget" not in visitor.get("/lardomar/").content.decode()


def test_a_closed_projects_page_links_to_its_public_case_only(world, client):
    public_project = world["public"].project
    members_project = world["members_only"].project
    page = client.get(f"/projekt/{public_project.pk}/").content.decode()
    assert f'href="{case_url(world, "public")}"' in page
    page = client.get(f"/projekt/{members_project.pk}/").content.decode()
    assert case_url(world, "members_only") not in page
