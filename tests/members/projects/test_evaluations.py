"""Evaluations of closed projects: who writes them, when, what they cost, who
reads them in the library and the search, what waits on the dashboard, and the
writer's personal data."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory
from django.utils import translation

from bid import dashboard
from members.accounts import personal_data
from members.projects.models import Evaluation, Expenditure
from members.projects.search_documents import EvaluationSource
from members.projects.selectors.evaluations import (
    library,
    projects_awaiting_evaluation_count,
)
from members.projects.services.evaluations import evaluation_write
from search.backends import get_search_backend
from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import Audience
from tests.factories.accounts import BoardUserFactory
from tests.factories.contributions import member
from tests.factories.organisations import organisation_with_admin
from tests.members.projects.lessons_world import S, build, evaluate, project
from tests.search.fake_elasticsearch import FakeCluster, client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = build()
    _other, built["member"] = member(legal_name="Grannen AB")
    return built


def titles(queryset) -> set[str]:
    return {evaluation.project.title for evaluation in queryset}


# Writing


def test_only_a_closed_project_is_evaluated(world):
    for status in (S.ACCEPTED, S.IN_PROGRESS, S.SUBMITTED):
        open_project = project(world, f"Öppet {status}", status)
        with pytest.raises(ValidationError):
            evaluate(open_project, world["secretariat"], "public")
    assert not Evaluation.objects.filter(project__status__in=["accepted"]).exists()
    evaluation = evaluate(world["waiting"], world["secretariat"], "public")
    assert evaluation.project == world["waiting"]


def test_members_may_not_evaluate_but_the_board_may(world):
    with pytest.raises(PermissionDenied):
        evaluate(world["waiting"], world["member"], "public")
    assert evaluate(world["waiting"], BoardUserFactory(), "members").pk


def test_the_cost_defaults_to_the_recorded_spending(world):
    closed = world["waiting"]
    with pytest.raises(ValidationError) as refused:
        evaluate(closed, world["secretariat"], "public", cost_minor=None)
    assert "cost_minor" in refused.value.error_dict
    for amount in (120_000_00, 30_000_00):
        Expenditure.objects.create(
            project=closed,
            spent_on="2026-05-01",
            description="Arbete",
            amount_minor=amount,
        )
    evaluation = evaluate(closed, world["secretariat"], "public", cost_minor=None)
    assert evaluation.cost_minor == 150_000_00
    assert evaluation.currency == closed.currency


def test_writing_again_rewrites_the_one_evaluation(world):
    lighting = world["public"].project
    evaluation_write(
        project=lighting,
        by=world["secretariat"],
        what_was_done="Ny text.",
        cost_minor=1,
        visibility="members",
    )
    evaluation = Evaluation.objects.get(project=lighting)
    assert (evaluation.pk, evaluation.what_was_done, evaluation.visibility) == (
        world["public"].pk,
        "Ny text.",
        "members",
    )


# Reading


def test_anonymous_and_applicants_read_public_cases_only(world):
    _org, applicant = organisation_with_admin()
    for reader in (AnonymousUser(), applicant):
        assert titles(library(user=reader)) == {"Belysning längs kajen"}


def test_members_and_staff_read_members_cases_too(world):
    both = {"Belysning längs kajen", "Julmarknad på torget"}
    assert titles(library(user=world["member"])) == both
    assert titles(library(user=world["secretariat"])) == both


def test_the_library_filters_by_priority_area_outcome_and_words(world):
    reader = world["member"]
    assert titles(library(user=reader, priority=world["other_priority"])) == {
        "Julmarknad på torget"
    }
    assert titles(library(user=reader, area_id=world["quay"].pk)) == {
        "Belysning längs kajen"
    }
    assert titles(library(user=reader, outcome="discontinued")) == {
        "Julmarknad på torget"
    }
    assert titles(library(user=reader, text="armaturerna")) == {"Belysning längs kajen"}
    assert titles(library(user=reader, text="tillståndet")) == {"Julmarknad på torget"}


# The search


def search(query: str, audience: Audience, **filters):
    return get_search_backend().search(
        SearchRequest(query=query, audience=audience, filters=filters)
    )


MEMBERS = Audience(levels=frozenset({"public", "members"}))


def test_evaluations_are_found_with_their_own_kind(world):
    results = search("", Audience.public(), type=["evaluation"])
    assert [hit.document.title for hit in results.hits] == ["Belysning längs kajen"]
    assert results.hits[0].document.url == world["library"].evaluation_url(
        world["public"]
    )
    results = search("", MEMBERS, type=["evaluation"])
    assert {hit.document.title for hit in results.hits} == {
        "Belysning längs kajen",
        "Julmarknad på torget",
    }


def test_members_only_cases_never_reach_anonymous_readers_not_even_as_counts(world):
    hidden_id = f"evaluation:{world['members_only'].pk}"
    for query in ("vaktbolaget", "Hemlighets*", "*", "Julmarknad"):
        results = search(query, Audience.public())
        assert hidden_id not in {hit.document.id for hit in results.hits}
    assert hidden_id in {hit.document.id for hit in search("vaktbolaget", MEMBERS).hits}
    facets = dict(search("", Audience.public()).facets["type"])
    assert facets["evaluation"] == 1
    assert dict(search("", MEMBERS).facets["type"])["evaluation"] == 2


def test_the_search_page_offers_the_lessons_facet(world):
    html = Client().get("/en/search/", {"q": "kajen"}).content.decode()
    assert "Lessons" in html
    assert "Belysning längs kajen" in html
    html = Client().get("/en/search/", {"q": "vaktbolaget"}).content.decode()
    assert "Julmarknad" not in html


def test_a_changed_or_deleted_evaluation_is_indexed_again(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        evaluate(world["public"].project, world["secretariat"], "members")
    assert search("kajen", Audience.public(), type=["evaluation"]).hits == []
    with django_capture_on_commit_callbacks(execute=True):
        world["members_only"].delete()
    assert search("vaktbolaget", MEMBERS, type=["evaluation"]).hits == []


def test_elasticsearch_gets_the_kind_and_the_visibility_of_each_case(world):
    cluster = FakeCluster()
    backend = ElasticsearchBackend(
        "http://es.invalid:9200", prefix="bid", client=client_of(cluster)
    )
    source = EvaluationSource()
    documents = [
        document
        for evaluation in Evaluation.objects.all()
        for document in source.documents(evaluation)
    ]
    backend.rebuild(documents)
    indexed = {
        line["title"]: (line["type"], line["visibility"])
        for body in cluster.bulks()
        for line in body
        if "title" in line
    }
    assert indexed == {
        "Belysning längs kajen": ("evaluation", "public"),
        "Julmarknad på torget": ("evaluation", "members"),
    }


# The dashboard, the admin, personal data and open data


@translation.override("en")
def test_the_dashboard_counts_closed_projects_waiting_for_an_evaluation(world):
    request = RequestFactory().get("/admin/")
    request.user = world["secretariat"]
    item = next(
        item
        for item in dashboard.items_for(request)
        if item.label == "Closed projects waiting for an evaluation"
    )
    assert item.count == projects_awaiting_evaluation_count() == 1
    assert item.url == "/admin/projects/evaluations/"
    request.user = world["member"]
    assert "Closed projects waiting for an evaluation" not in [
        item.label for item in dashboard.items_for(request)
    ]


def test_the_secretariat_writes_an_evaluation_in_the_admin(world, client_for):
    client = client_for("secretariat", user=world["secretariat"])
    waiting = world["waiting"]
    listing = client.get("/admin/projects/evaluations/").content.decode()
    assert "Sommarjobbsmässa" in listing and waiting_in_swedish() in listing
    url = f"/admin/projects/{waiting.pk}/evaluation/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "what_was_done": "En mässa.",
            "cost_minor": "76 500,50",
            "repeat": "Vägledarna.",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(project=waiting)
    assert (evaluation.cost_minor, evaluation.written_by) == (
        76_500_50,
        world["secretariat"],
    )
    open_url = f"/admin/projects/{world['open'].pk}/evaluation/"
    assert client.get(open_url).status_code == 302
    assert not Evaluation.objects.filter(project=world["open"]).exists()


def test_personal_data_covers_every_person_in_the_projects_models(world):
    covered = {
        f"{model._meta.label}.{field}" for model, field in personal_data.covered()
    }
    assert {
        "projects.FundingLine.recorded_by",
        "projects.Expenditure.recorded_by",
        "projects.Milestone.responsible_user",
        "projects.Evaluation.written_by",
    } <= covered
    data = personal_data.document(user=world["secretariat"])
    assert {row["project"] for row in data["project_evaluations_written"]} == {
        "Belysning längs kajen",
        "Julmarknad på torget",
    }


def test_open_data_lists_the_public_evaluations_only(world):
    response = Client().get("/open-data/evaluations.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert [row["project_title"] for row in rows] == ["Belysning längs kajen"]
    assert rows[0]["avoid"] == "Beställ armaturerna i tid."


def waiting_in_swedish() -> str:
    with translation.override("sv"):
        return translation.gettext("Waiting for an evaluation")
