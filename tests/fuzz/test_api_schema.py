"""The public API against its own OpenAPI schema: every operation, fed with
generated parameters, answers without a server error and as its schema says."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from members.organisations.models import Organisation
from tests.factories.contributions import member
from tests.factories.meetings import meeting_index, published_meeting
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory


@pytest.fixture
def district(db):
    """Public records of each kind, so responses carry data for the schema
    checks to read."""
    home = site_home()
    _plan, priorities = plan_with_priorities(home, 2)
    meeting_index(home)
    published_meeting(title="Årsmöte", decisions=["Beslut om budget", "Beslut två"])
    organisation, user = member(legal_name="Kajen AB")
    Organisation.objects.filter(pk=organisation.pk).update(
        listed_publicly=True, website="https://kajen.example", city="Göteborg"
    )
    ProposalFactory(
        organisation=organisation,
        author=user,
        priority=priorities[0],
        status="accepted",
        title="Ny belysning",
    )


def operations():
    """Each operation of the schema the app serves, with its case strategy.
    (Loaded inside the test: schemathesis' own fixture loader does not run
    under pytest 9.)"""
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application()
    )
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db
def test_the_schema_lists_every_router(kept_connection):
    paths = {operation.path for operation in operations()}
    for prefix in (
        "/api/v1/priorities/",
        "/api/v1/meetings/",
        "/api/v1/projects/",
        "/api/v1/members/",
        "/api/v1/decisions/",
        "/api/v2/pages/",
    ):
        assert any(path.startswith(prefix) for path in paths), prefix


@pytest.fixture
def kept_connection():
    """The WSGI app closes the database connection after each request, and with
    it the test's transaction; Django's test client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_answers_without_error_and_as_described(
    district, kept_connection
):
    for operation in operations():

        @settings(max_examples=25)
        @given(case=operation.as_strategy())
        def answers(case):
            case.call_and_validate(
                checks=[
                    not_a_server_error,
                    response_schema_conformance,
                    status_code_conformance,
                    content_type_conformance,
                ]
            )

        answers()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/members/?type=a%00b",
        "/api/v1/meetings/?body=a%00b",
        "/api/v1/decisions/?body=a%00b",
        "/api/v1/projects/?status=a%00b",
        "/api/v1/decisions/?year=-7823087",
        "/api/v1/priorities/?lang=a%00b",
    ],
)
def test_malformed_filters_answer_422_or_404(client, district, url):
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert "detail" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/v1/meetings/?body=", "/api/v1/projects/?status="]
)
def test_empty_filters_filter_nothing_out(client, district, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] >= 1
