import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_openapi_schema_describes_the_meeting_endpoints():
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/decisions/",
        "/api/v1/decisions/{decision_id}",
    ):
        assert path in paths, path
    decision = schema["components"]["schemas"]["DecisionOut"]["properties"]
    assert "number" in decision and "reference" in decision
    html = Client().get("/en/api/").content.decode()
    assert "/api/v1/meetings/" in html


@pytest.mark.django_db
def test_meetings_filter_by_body_and_date(records):
    client = Client()
    items = client.get("/api/v1/meetings/", {"body": "gruppen"}).json()["items"]
    assert [m["title"] for m in items] == ["Kommande möte"]
    since = records["upcoming"].starts_at.date().isoformat()
    items = client.get("/api/v1/meetings/", {"since": since}).json()["items"]
    assert [m["title"] for m in items] == ["Kommande möte"]
    assert client.get("/api/v1/meetings/", {"since": "not-a-date"}).status_code == 422
