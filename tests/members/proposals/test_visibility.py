"""Who sees which proposal: drafts stay with the proposer, member content too."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from members.proposals.selectors import proposals_visible_to
from members.proposals.services import attachment_add
from tests.factories.organisations import organisation_with_admin
from tests.factories.pages import site_home
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db
S = Proposal.Status
OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


@pytest.fixture
def proposals(world):
    made = {"draft": world["proposal"]}
    for status in (
        S.SUBMITTED,
        S.UNDER_REVIEW,
        S.REJECTED,
        S.WITHDRAWN,
        S.ACCEPTED,
        S.IN_PROGRESS,
        S.COMPLETED,
    ):
        made[status] = ProposalFactory(
            organisation=world["proposer"],
            author=world["alice"],
            priority=world["priority"],
            status=status,
        )
    return made


def titles(user, proposals):
    visible = set(proposals_visible_to(user=user).values_list("pk", flat=True))
    return {status for status, proposal in proposals.items() if proposal.pk in visible}


def test_anonymous_sees_only_public_projects(proposals):
    assert titles(AnonymousUser(), proposals) == {
        "accepted",
        "in_progress",
        "completed",
    }


def test_members_see_everything_but_others_drafts(world, proposals):
    assert titles(world["bob"], proposals) == set(proposals) - {"draft"}


def test_the_proposer_sees_its_own_draft(world, proposals):
    assert titles(world["alice"], proposals) == set(proposals)


def test_applicants_who_are_not_members_see_only_public_projects(proposals):
    _org, applicant = organisation_with_admin()
    assert titles(applicant, proposals) == {"accepted", "in_progress", "completed"}


def test_the_board_does_not_see_drafts(proposals, board_user):
    assert titles(board_user, proposals) == set(proposals) - {"draft"}


def test_permission_matrix_of_proposals(world, proposals, client_for):
    draft, submitted, accepted = (
        proposals["draft"],
        proposals["submitted"],
        proposals["accepted"],
    )
    bob_client = client_for("member", user=world["bob"])
    alice_client = client_for("member", user=world["alice"])
    rows = [
        (
            f"/portal/proposals/{draft.pk}/",
            {
                "anonymous": FOUND,
                "member": NOT_FOUND,
                "board": NOT_FOUND,
                "secretariat": NOT_FOUND,
                "admin": NOT_FOUND,
            },
        ),
        (
            f"/portal/proposals/{submitted.pk}/",
            {
                "anonymous": FOUND,
                "member": NOT_FOUND,
                "board": OK,
                "secretariat": OK,
                "admin": OK,
            },
        ),
        (
            f"/portal/proposals/{accepted.pk}/",
            {
                "anonymous": FOUND,
                "member": OK,
                "board": OK,
                "secretariat": OK,
                "admin": OK,
            },
        ),
        (
            "/portal/proposals/",
            {
                "anonymous": FOUND,
                "member": FORBIDDEN,
                "board": OK,
                "secretariat": OK,
                "admin": OK,
            },
        ),
        (
            "/admin/proposal_review/",
            {
                "anonymous": FOUND,
                "member": FOUND,
                "board": OK,
                "secretariat": OK,
                "admin": OK,
            },
        ),
        (
            f"/admin/proposal_review/inspect/{submitted.pk}/",
            {
                "anonymous": FOUND,
                "member": FOUND,
                "board": OK,
                "secretariat": OK,
                "admin": OK,
            },
        ),
        (
            f"/admin/proposal_review/inspect/{draft.pk}/",
            {
                "anonymous": FOUND,
                "member": FOUND,
                "board": NOT_FOUND,
                "secretariat": NOT_FOUND,
                "admin": NOT_FOUND,
            },
        ),
    ]
    # "member" here is a person without an organisation: not a member. (The
    # full matrix in tests/test_permission_matrix.py covers members A and B.)
    for url, expected in rows:
        got = {role: client_for(role).get(url).status_code for role in expected}
        assert got == expected, f"{url}: expected {expected}, got {got}"
    # A member of another organisation sees the submitted proposal but not the draft.
    assert bob_client.get(f"/portal/proposals/{submitted.pk}/").status_code == OK
    assert bob_client.get(f"/portal/proposals/{draft.pk}/").status_code == NOT_FOUND
    assert alice_client.get(f"/portal/proposals/{draft.pk}/").status_code == OK


def test_only_the_board_decides_in_the_admin(world, proposals, client_for):
    proposal = proposals["under_review"]
    data = {"action": "accepted", "comment": "Bra förslag", "decision_reference": "§ 4"}
    assert (
        client_for("member", user=world["bob"])
        .post(f"/admin/proposal_review/inspect/{proposal.pk}/", data)
        .status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == S.UNDER_REVIEW
    assert (
        client_for("board")
        .post(f"/admin/proposal_review/inspect/{proposal.pk}/", data)
        .status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == S.ACCEPTED


def test_members_cannot_take_board_steps_through_the_portal(
    world, proposals, client_for
):
    proposal = proposals["submitted"]
    response = client_for("member", user=world["alice"]).post(
        f"/portal/proposals/{proposal.pk}/step/", {"to": "under_review"}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED


def test_attachments_follow_the_proposals_visibility(
    world, proposals, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n%%EOF\n"
    secret = attachment_add(
        proposal=proposals["draft"],
        by=world["alice"],
        upload=SimpleUploadedFile("a.pdf", pdf),
    )
    assert client.get(f"/portal/attachments/{secret.pk}/").status_code == 404
    Proposal.objects.filter(pk=proposals["draft"].pk).update(status=S.ACCEPTED)
    response = client.get(f"/portal/attachments/{secret.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf


def test_accepted_proposals_show_on_their_priority_page_and_the_project_list(
    world, proposals, client
):
    site_home().add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    html = client.get(world["priority"].url).content.decode()
    # The priority page lists the projects under way; the project list, all.
    for status in ("accepted", "in_progress"):
        assert proposals[status].title in html
    for status in ("draft", "submitted", "under_review", "rejected", "withdrawn"):
        assert proposals[status].title not in html
    assert proposals["completed"].title not in html
    listing = client.get("/projekt/").content.decode()
    assert proposals["completed"].title in listing
    assert client.get(f"/projekt/{proposals['accepted'].pk}/").status_code == 200
    assert client.get(f"/projekt/{proposals['submitted'].pk}/").status_code == 404
