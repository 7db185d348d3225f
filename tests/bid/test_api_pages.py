"""The published pages under /api/v2/pages/: Wagtail's shape, /api/v1's paging
and errors, in the one OpenAPI document."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories.accounts import MemberUserFactory
from tests.factories.pages import StandardPageFactory, site_home
from tests.factories.plan import PriorityPageFactory, plan_with_priorities

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_listing_keeps_wagtails_shape_and_counts_as_v1_does(client):
    home = site_home()
    plan, (first, _second) = plan_with_priorities(home, 2)

    body = client.get("/api/v2/pages/").json()

    assert body["count"] == body["meta"]["total_count"] == 4
    assert [item["id"] for item in body["items"]] == [
        home.pk,
        plan.pk,
        first.pk,
        _second.pk,
    ]
    item = body["items"][2]
    assert item["title"] == first.title
    assert item["meta"] == {
        "type": "home.PriorityPage",
        "detail_url": f"http://localhost/api/v2/pages/{first.pk}/",
        "html_url": f"http://localhost/plan/{first.slug}/",
        "slug": first.slug,
        "first_published_at": None,
        "locale": "sv",
    }


def test_listing_leaves_out_drafts_private_sections_and_their_children(client):
    home = site_home()
    plan, (priority,) = plan_with_priorities(home, 1)
    draft = PriorityPageFactory(parent=plan, title="Utkast", slug="utkast")
    draft.unpublish()
    private = StandardPageFactory(parent=home, title="Styrelsen", slug="styrelsen")
    StandardPageFactory(parent=private, title="Protokoll", slug="protokoll")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    listed = titles(client, "/api/v2/pages/")

    assert priority.title in listed
    assert not {"Utkast", "Styrelsen", "Protokoll"} & set(listed)


def test_type_filter_takes_one_or_several_page_types(client):
    home = site_home()
    plan, priorities = plan_with_priorities(home, 2)
    StandardPageFactory(parent=home)

    assert titles(client, "/api/v2/pages/?type=home.PriorityPage") == [
        p.title for p in priorities
    ]
    assert titles(
        client, "/api/v2/pages/?type=home.DistrictPlanPage,home.StandardPage"
    ) == [plan.title, "Om oss"]
    assert len(titles(client, "/api/v2/pages/?type=wagtailcore.Page")) == 5


def test_locale_filter_and_an_unknown_language(client):
    site_home()
    english = site_home("en")

    body = client.get("/api/v2/pages/?locale=en").json()

    assert [item["id"] for item in body["items"]] == [english.pk]
    assert body["items"][0]["meta"]["locale"] == "en"
    assert client.get("/api/v2/pages/?locale=fi").json() == {"detail": "Not Found"}
    assert client.get("/api/v2/pages/?locale=fi").status_code == 404


def test_the_bench_query_with_fields_answers(client):
    plan, _ = plan_with_priorities(site_home(), 1)
    site_home("en")

    url = "/api/v2/pages/?type=home.DistrictPlanPage&locale=sv&fields=title"
    assert titles(client, url) == [plan.title]
    assert titles(client, url.replace("fields=title", "fields=*")) == [plan.title]


def test_limit_and_offset_page_through_the_listing(client):
    plan, priorities = plan_with_priorities(site_home(), 5)
    url = "/api/v2/pages/?type=home.PriorityPage"

    assert titles(client, url + "&limit=2") == [p.title for p in priorities[:2]]
    body = client.get(url + "&limit=2&offset=4").json()
    assert body["count"] == 5
    assert [item["title"] for item in body["items"]] == [priorities[4].title]
    assert len(titles(client, "/api/v2/pages/?limit=20")) == 7


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("type=home.Nothing", "type"),
        ("type=members_organisations.Organisation", "type"),
        ("type=nodot", "type"),
        ("type=a%00b", "type"),
        ("limit=21", "limit"),
        ("limit=0", "limit"),
        ("limit=x", "limit"),
        ("offset=-1", "offset"),
        ("offset=92233720368547758070", "offset"),
        ("fields=seo_title", "fields"),
        ("locale=a%00b", "locale"),
    ],
)
def test_bad_parameters_answer_422_as_v1_does(client, query, parameter):
    site_home()

    response = client.get(f"/api/v2/pages/?{query}")

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", parameter]


def test_detail_gives_the_page_with_its_parent(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)

    body = client.get(f"/api/v2/pages/{priority.pk}/").json()

    assert body["id"] == priority.pk
    assert body["title"] == priority.title
    assert body["meta"]["type"] == "home.PriorityPage"
    assert body["meta"]["seo_title"] == ""
    assert body["meta"]["alias_of"] is None
    assert body["meta"]["parent"] == {
        "id": plan.pk,
        "meta": {
            "type": "home.DistrictPlanPage",
            "detail_url": f"http://localhost/api/v2/pages/{plan.pk}/",
            "html_url": "http://localhost/plan/",
        },
        "title": plan.title,
    }
    home = client.get(f"/api/v2/pages/{plan.get_parent().pk}/").json()
    assert home["meta"]["parent"] is None


def test_detail_of_a_draft_private_or_missing_page_answers_404(client):
    home = site_home()
    draft = StandardPageFactory(parent=home, title="Utkast", slug="utkast")
    draft.unpublish()
    private = StandardPageFactory(parent=home, title="Styrelsen", slug="styrelsen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    for page_id in (draft.pk, private.pk, home.get_parent().pk, 999999):
        response = client.get(f"/api/v2/pages/{page_id}/")
        assert response.status_code == 404, page_id
        assert response.json() == {"detail": "Not Found"}


def test_find_redirects_to_the_detail_keeping_other_parameters(client):
    plan, _ = plan_with_priorities(site_home(), 1)

    response = client.get("/api/v2/pages/find/?html_path=/plan/&fields=title")

    assert response.status_code == 302
    assert response["Location"] == (
        f"http://localhost/api/v2/pages/{plan.pk}/?fields=title"
    )
    assert client.get(response["Location"]).json()["id"] == plan.pk


def test_find_answers_404_for_no_page_or_a_private_one(client):
    home = site_home()
    private = StandardPageFactory(parent=home, title="Styrelsen", slug="styrelsen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert client.get("/api/v2/pages/find/?html_path=/saknas/").status_code == 404
    assert client.get("/api/v2/pages/find/?html_path=/styrelsen/").status_code == 404
    assert client.get("/api/v2/pages/find/").status_code == 422


def test_signed_in_visitors_see_only_public_pages_too(client):
    home = site_home()
    private = StandardPageFactory(parent=home, title="Styrelsen", slug="styrelsen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    client.force_login(MemberUserFactory())

    assert "Styrelsen" not in titles(client, "/api/v2/pages/")
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_listing_reads_the_same_number_of_queries_for_any_page_count(client):
    plan, _ = plan_with_priorities(site_home(), 2)
    StandardPageFactory(parent=site_home())
    client.get("/api/v2/pages/")  # content types and site root paths cached

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = queries("/api/v2/pages/?limit=1")
    PriorityPageFactory.create_batch(12, parent=plan)
    StandardPageFactory(parent=site_home(), slug="kontakt")
    assert queries("/api/v2/pages/?limit=20") == few
    assert few <= 6


def test_one_schema_describes_v1_and_the_pages(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {
        "/api/v1/priorities/",
        "/api/v1/meetings/",
        "/api/v2/pages/",
        "/api/v2/pages/{page_id}/",
        "/api/v2/pages/find/",
    } <= set(schema["paths"])
    listing = schema["paths"]["/api/v2/pages/"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {
        "type",
        "locale",
        "fields",
        "limit",
        "offset",
    }
    assert set(listing["responses"]) == {"200", "404", "422"}
    assert "302" in schema["paths"]["/api/v2/pages/find/"]["get"]["responses"]


def test_reference_page_lists_the_pages_endpoints(client):
    html = client.get("/en/api/").content.decode()

    assert "GET /api/v2/pages/" in html
    assert "GET /api/v2/pages/{page_id}/" in html
    assert client.get("/api/").status_code == 200
