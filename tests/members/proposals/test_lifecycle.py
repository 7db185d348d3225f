"""Every allowed and forbidden step, who may take it, and what it leaves."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from members.proposals import services
from members.proposals.models import Proposal, ProposalTransition
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db
S = Proposal.Status

ALLOWED = [
    (S.DRAFT, S.SUBMITTED, "proposer"),
    (S.SUBMITTED, S.UNDER_REVIEW, "board"),
    (S.SUBMITTED, S.WITHDRAWN, "proposer"),
    (S.UNDER_REVIEW, S.WITHDRAWN, "proposer"),
    (S.UNDER_REVIEW, S.ACCEPTED, "board"),
    (S.UNDER_REVIEW, S.REJECTED, "board"),
    (S.ACCEPTED, S.IN_PROGRESS, "proposer"),
    (S.ACCEPTED, S.IN_PROGRESS, "board"),
    (S.IN_PROGRESS, S.COMPLETED, "proposer"),
    (S.IN_PROGRESS, S.COMPLETED, "board"),
    (S.ACCEPTED, S.DISCONTINUED, "board"),
    (S.IN_PROGRESS, S.DISCONTINUED, "board"),
]
ALLOWED_PAIRS = {(a, b) for a, b, _ in ALLOWED}
FORBIDDEN = [
    (source, target)
    for source in S.values
    for target in S.values
    if source != target and (source, target) not in ALLOWED_PAIRS
]


def actor(world, who):
    return {
        "proposer": world["alice"],
        "board": BoardUserFactory(),
        "other": world["bob"],
    }[who]


def at(world, status):
    proposal = world["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    return proposal


@pytest.mark.parametrize(("source", "target", "who"), ALLOWED)
def test_allowed_steps_move_record_and_email(
    world, source, target, who, django_capture_on_commit_callbacks
):
    proposal = at(world, source)
    by = actor(world, who)
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.proposal_transition(
            proposal=proposal, to=target, by=by, comment="Motivering"
        )
    assert moved.status == target
    step = ProposalTransition.objects.get()
    assert (step.from_status, step.to_status, step.by, step.comment) == (
        source,
        target,
        by,
        "Motivering",
    )
    assert any(world["alice"].email in m.to for m in mail.outbox)


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_forbidden_steps_say_so_and_change_nothing(world, source, target):
    proposal = at(world, source)
    with pytest.raises(ValidationError) as error:
        services.proposal_transition(
            proposal=proposal, to=target, by=BoardUserFactory(), comment="x"
        )
    assert "cannot become" in str(error.value) or "kan inte" in str(error.value)
    proposal.refresh_from_db()
    assert proposal.status == source
    assert not ProposalTransition.objects.exists()


@pytest.mark.parametrize(
    ("source", "target", "who"),
    [
        (S.DRAFT, S.SUBMITTED, "board"),
        (S.DRAFT, S.SUBMITTED, "other"),
        (S.SUBMITTED, S.UNDER_REVIEW, "proposer"),
        (S.UNDER_REVIEW, S.ACCEPTED, "proposer"),
        (S.UNDER_REVIEW, S.REJECTED, "other"),
        (S.SUBMITTED, S.WITHDRAWN, "board"),
        (S.ACCEPTED, S.IN_PROGRESS, "other"),
    ],
)
def test_the_wrong_role_is_refused(world, source, target, who):
    proposal = at(world, source)
    with pytest.raises(PermissionDenied):
        services.proposal_transition(
            proposal=proposal, to=target, by=actor(world, who), comment="x"
        )
    proposal.refresh_from_db()
    assert proposal.status == source


@pytest.mark.parametrize("target", [S.ACCEPTED, S.REJECTED])
def test_a_decision_needs_written_reasoning(world, target):
    proposal = at(world, S.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        services.proposal_transition(
            proposal=proposal, to=target, by=BoardUserFactory(), comment="  "
        )
    proposal.refresh_from_db()
    assert proposal.status == S.UNDER_REVIEW


def test_the_secretariat_decides_too_and_the_decision_is_referenced(world):
    proposal = at(world, S.UNDER_REVIEW)
    decided = services.proposal_transition(
        proposal=proposal,
        to=S.ACCEPTED,
        by=SecretariatUserFactory(),
        comment="Bra.",
        decision_reference="Styrelsemöte 2026-03-12, § 4",
    )
    assert decided.decision_reference == "Styrelsemöte 2026-03-12, § 4"
    assert decided.decided_at is not None


def test_only_drafts_change_and_delete(world):
    proposal = world["proposal"]
    services.proposal_update(proposal=proposal, by=world["alice"], title="Nytt namn")
    services.proposal_transition(proposal=proposal, to=S.SUBMITTED, by=world["alice"])
    proposal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.proposal_update(
            proposal=proposal, by=world["alice"], title="Ändrad i efterhand"
        )
    with pytest.raises(ValidationError):
        services.proposal_delete(proposal=proposal, by=world["alice"])
    proposal.refresh_from_db()
    assert proposal.title == "Nytt namn"


def test_funding_cannot_exceed_the_cost(world):
    with pytest.raises(ValidationError):
        services.proposal_update(
            proposal=world["proposal"],
            by=world["alice"],
            estimated_cost_minor=100,
            requested_funding_minor=200,
        )


def test_progress_starts_an_accepted_proposal(world):
    proposal = at(world, S.ACCEPTED)
    services.progress_report(
        proposal=proposal, by=world["alice"], text="Upphandlat", percent=20
    )
    proposal.refresh_from_db()
    assert proposal.status == S.IN_PROGRESS
    assert proposal.progress_percent == 20
    with pytest.raises(ValidationError):
        services.progress_report(
            proposal=proposal, by=world["alice"], text="x", percent=140
        )
    with pytest.raises(PermissionDenied):
        services.progress_report(
            proposal=proposal, by=world["bob"], text="x", percent=30
        )
