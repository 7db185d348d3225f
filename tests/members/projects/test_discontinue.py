"""Discontinuing a project: the board or the secretariat stops an accepted or
running project with a reason; it leaves every list of active projects, and its
own page stays public with the reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members.proposals.models import ProposalTransition
from members.proposals.services import proposal_discontinue, proposal_transition
from tests.members.projects.milestones_world import S, build


def sv(text: str) -> str:
    """The Swedish the pages are shown in."""
    with translation.override("sv"):
        return translation.gettext(text)


pytestmark = pytest.mark.django_db

REASON = "Kajens renovering flyttades till december."


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_discontinuing_needs_a_reason(world):
    with pytest.raises(ValidationError) as refused:
        proposal_discontinue(proposal=world["running"], by=world["board"], reason=" ")
    assert refused.value.message_dict["comment"] == [
        sv("Say why the project is discontinued.")
    ]
    world["running"].refresh_from_db()
    assert world["running"].status == S.IN_PROGRESS
    assert world["running"].closed_at is None


def test_only_the_board_and_the_secretariat_discontinue(world):
    with pytest.raises(PermissionDenied):
        proposal_discontinue(
            proposal=world["running"], by=world["author"], reason=REASON
        )
    assert proposal_discontinue(
        proposal=world["accepted"], by=world["secretariat"], reason=REASON
    ).status == (S.DISCONTINUED)


@pytest.mark.parametrize("which", ["running", "accepted"])
def test_discontinuing_records_the_step_the_reason_and_the_closing(world, which):
    project = proposal_discontinue(
        proposal=world[which], by=world["board"], reason=f"  {REASON}  "
    )
    project.refresh_from_db()
    assert project.status == S.DISCONTINUED
    assert project.discontinued_reason == REASON
    assert project.closed_at is not None
    step = ProposalTransition.objects.get(proposal=project, to_status=S.DISCONTINUED)
    assert (step.from_status, step.comment, step.by) == (
        world[which].status,
        REASON,
        world["board"],
    )


def test_completing_closes_the_project_too(world):
    project = proposal_transition(
        proposal=world["running"], to=S.COMPLETED, by=world["author"]
    )
    assert project.closed_at is not None
    assert project.discontinued_reason == ""


def test_a_completed_or_proposed_project_cannot_be_discontinued(world):
    done = world["project"]("Klar", S.COMPLETED)
    proposed = world["project"]("Förslag", S.UNDER_REVIEW)
    for project in (done, proposed):
        with pytest.raises(ValidationError):
            proposal_discontinue(proposal=project, by=world["board"], reason=REASON)


def test_the_board_discontinues_in_the_admin_with_a_reason(world):
    board = signed_in(world["board"])
    url = reverse("proposal_review:inspect", args=[world["running"].pk])
    page = board.get(url).content.decode()
    assert sv("Discontinue the project") in page
    assert reverse("projects_milestones", args=[world["running"].pk]) in page

    refused = board.post(url, {"discontinue": "1", "reason": ""})
    assert refused.status_code == 200
    assert sv("Say why the project is discontinued.") in refused.content.decode()
    world["running"].refresh_from_db()
    assert world["running"].status == S.IN_PROGRESS

    done = board.post(url, {"discontinue": "1", "reason": REASON})
    assert done.status_code == 302
    world["running"].refresh_from_db()
    assert world["running"].status == S.DISCONTINUED
    assert world["running"].discontinued_reason == REASON

    closed = board.get(url).content.decode()
    assert sv("Discontinue the project") not in closed
    assert sv("Write the evaluation") in closed
    assert reverse("projects_evaluation_edit", args=[world["running"].pk]) in closed
    assert REASON in closed


def test_the_proposer_cannot_discontinue_through_the_admin(world):
    response = signed_in(world["author"]).post(
        reverse("proposal_review:inspect", args=[world["running"].pk]),
        {"discontinue": "1", "reason": REASON},
    )
    assert response.status_code in (302, 403)
    world["running"].refresh_from_db()
    assert world["running"].status == S.IN_PROGRESS


@pytest.fixture
def stopped(world):
    """The accepted project discontinued; the running one and a completed one
    stay as they are."""
    world["completed"] = world["project"]("Belysning", S.COMPLETED)
    proposal_discontinue(proposal=world["accepted"], by=world["board"], reason=REASON)
    return world


def _titles_in_order(html: str, *titles: str) -> list[str]:
    found = [(html.find(title), title) for title in titles if title in html]
    return [title for _position, title in sorted(found)]


def test_the_project_list_shows_active_projects_first_and_filters(stopped):
    client = Client()
    index = stopped["index"].url
    html = client.get(index).content.decode()
    # Active first, then the closed ones, the newest decision first.
    assert _titles_in_order(html, "Julmarknad", "Belysning", "Trygghetsvandringar") == [
        "Trygghetsvandringar",
        "Belysning",
        "Julmarknad",
    ]
    active = client.get(index, {"status": "active"}).content.decode()
    assert "Trygghetsvandringar" in active and "Julmarknad" not in active
    assert "Belysning" not in active
    gone = client.get(index, {"status": "discontinued"}).content.decode()
    assert "Julmarknad" in gone and "Trygghetsvandringar" not in gone
    assert 'value="discontinued"' in html and 'value="active"' in html


def test_the_discontinued_project_page_stays_public_with_its_reason(stopped):
    url = stopped["index"].url + f"{stopped['accepted'].pk}/"
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert REASON in html
    assert sv("Why the project was discontinued") in html
    assert "badge--proposal-discontinued" in html


def test_the_home_page_lists_only_projects_under_way(stopped):
    html = Client().get(stopped["home"].url).content.decode()
    assert sv("Projects under way") in html
    assert "Trygghetsvandringar" in html
    assert "Julmarknad" not in html and "Belysning" not in html


def test_the_priority_page_lists_only_projects_under_way(stopped):
    html = Client().get(stopped["priority"].url).content.decode()
    assert "Trygghetsvandringar" in html
    assert "Julmarknad" not in html and "Belysning" not in html
    assert f"?priority={stopped['priority'].pk}" in html


def test_the_api_filters_active_and_discontinued_projects(stopped):
    client = Client()
    active = client.get("/api/v1/projects/", {"status": "active"}).json()
    assert {p["title"] for p in active["items"]} == {"Trygghetsvandringar"}
    gone = client.get("/api/v1/projects/", {"status": "discontinued"}).json()
    assert [p["title"] for p in gone["items"]] == ["Julmarknad"]
    everything = client.get("/api/v1/projects/").json()["items"]
    assert everything[0]["title"] == "Trygghetsvandringar"
    assert {p["status"] for p in everything} == {
        "in_progress",
        "completed",
        "discontinued",
    }
    one = client.get(f"/api/v1/projects/{stopped['accepted'].pk}")
    assert one.status_code == 200 and one.json()["status"] == "discontinued"
