"""Every answer below /api/ is JSON, errors included: a malformed date names
its parameter, an address no operation answers (a non-numeric id) is a JSON
404 on /api/v1 and /api/v2 alike, a method an address does not take a JSON 405
with its Allow header, and Django's 400 and 500 are JSON too, never the site's
HTML page."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from members.meetings import api as meetings_api
from tests.factories.meetings import MeetingFactory
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["0", "1700000000", "2026-1-1", "31.12.2026", "x"])
@pytest.mark.parametrize("parameter", ["until", "since"])
def test_a_date_that_is_not_yyyy_mm_dd_answers_422_naming_it(client, parameter, value):
    response = client.get("/api/v1/meetings/", {parameter: value})

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", parameter]
    assert "YYYY-MM-DD" in error["msg"]


def test_dates_written_yyyy_mm_dd_still_filter(client):
    meeting = MeetingFactory(
        visibility="public",
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 18)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 20)),
    )
    within = client.get(
        "/api/v1/meetings/", {"since": "2026-03-01", "until": "2026-03-31"}
    )
    before = client.get("/api/v1/meetings/", {"until": "2026-03-09"})

    assert [item["id"] for item in within.json()["items"]] == [meeting.pk]
    assert before.json()["items"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/abc/",
        "/api/v1/meetings/abc",
        "/api/v1/meetings/-1",
        "/api/v1/decisions/abc",
        "/api/v1/projects/1.5",
        "/api/v1/priorities/abc/",
        "/api/v1/no-such-thing/",
        "/api/v2/pages/abc/",
        "/api/v2/pages/abc",
        "/api/v3/",
    ],
)
def test_addresses_no_operation_answers_are_a_json_404(client, url):
    site_home()

    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_an_operation_missing_its_final_slash_is_still_redirected(client):
    response = client.get("/api/v1/meetings", {"body": "styrelsen"})

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/meetings/?body=styrelsen"


def test_the_api_reference_page_is_still_the_sites_html(client):
    site_home()

    response = client.get("/api/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/",
        "/api/v1/priorities/",
        "/api/v2/pages/",
        "/api/v1/openapi.json",
    ],
)
def test_a_method_an_address_does_not_take_is_a_json_405(client, url, method):
    site_home()

    response = getattr(client, method)(url)

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Method Not Allowed"}
    assert "GET" in response["Allow"]


def test_the_openapi_schema_is_still_read_with_get(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert "paths" in response.json()


def test_a_request_django_refuses_is_a_json_400_below_api(client):
    response = client.get("/api/v1/meetings/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Bad Request"}


def test_a_request_django_refuses_elsewhere_is_still_the_html_400(client):
    response = client.get("/search/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_failing_operation_is_a_json_500(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(meetings_api, "public_meetings", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/meetings/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Internal Server Error"}
