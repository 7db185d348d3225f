"""The read-only JSON of the plan, and its OpenAPI description."""

import datetime

import pytest

from tests.factories.pages import site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    PriorityPageFactory,
    plan_with_priorities,
)
from tests.home.test_plan import translate_plan

pytestmark = pytest.mark.django_db


def test_priorities_endpoint_returns_rank_status_budget_and_series(client):
    plan, (first, second) = plan_with_priorities(site_home(), 2)
    second.budget_year, second.budget_amount_minor = 2026, 90000000
    second.save_revision().publish()
    indicator = IndicatorFactory(
        priority=second,
        name="Skräp",
        direction="lower",
        baseline_value=5,
        target_value=2,
    )
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2025, 1, 1), value=4
    )
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2025, 6, 1), value="3.5"
    )
    draft = PriorityPageFactory(parent=plan, slug="utkast")
    draft.unpublish()

    response = client.get("/api/v1/priorities/")

    assert response.status_code == 200
    body = response.json()
    assert [p["rank"] for p in body["priorities"]] == [1, 2]
    assert [p["title"] for p in body["priorities"]] == [first.title, second.title]
    item = body["priorities"][1]
    assert item["status"] == "active"
    assert item["budget"] == {"year": 2026, "amount_minor": 90000000, "currency": "SEK"}
    series = item["indicators"][0]
    assert series["name"] == "Skräp"
    assert series["direction"] == "lower"
    assert series["latest"] == {"date": "2025-06-01", "value": 3.5}
    assert [m["value"] for m in series["measurements"]] == [4.0, 3.5]
    assert series["status"] in {"on_track", "off_track"}
    assert series["progress_percent"] == 50


def test_priorities_endpoint_speaks_the_requested_language(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    IndicatorFactory(priority=priority, name="Trygghet", texts={"en": "Safety"})
    translate_plan(plan, [priority], "en")

    body = client.get("/api/v1/priorities/?lang=en").json()

    assert body["language"] == "en"
    assert body["priorities"][0]["title"].endswith("(en)")
    assert body["priorities"][0]["indicators"][0]["name"] == "Safety"
    assert "/en/plan/" in body["priorities"][0]["url"]


def test_one_priority_by_rank_and_404s(client):
    plan_with_priorities(site_home(), 2)
    assert client.get("/api/v1/priorities/2").json()["rank"] == 2
    assert client.get("/api/v1/priorities/3").status_code == 404
    assert client.get("/api/v1/priorities/?lang=fi").status_code == 404
    assert (
        client.get("/api/v1/priorities/?lang=da").status_code == 404
    )  # no Danish plan


def test_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/priorities/", "/api/v1/priorities/{rank}"} <= set(schema["paths"])
    operation = schema["paths"]["/api/v1/priorities/"]["get"]
    assert operation["parameters"][0]["name"] == "lang"
    assert "PlanOut" in schema["components"]["schemas"]


def test_api_reference_page_lists_the_endpoints(client):
    html = client.get("/en/api/").content.decode()
    assert "GET /api/v1/priorities/" in html
    assert 'href="/api/v1/openapi.json"' in html


def test_pages_api_serves_only_live_pages(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    draft = PriorityPageFactory(parent=plan, title="Utkast", slug="utkast")
    draft.unpublish()
    titles = [
        item["title"]
        for item in client.get("/api/v2/pages/?limit=20&type=home.PriorityPage").json()[
            "items"
        ]
    ]
    assert priority.title in titles
    assert "Utkast" not in titles
