"""The workflow helper: only the steps of its table, only by the people its
rules allow, with the comments it asks for, each step recorded once; and two
people moving the same object at once cannot both succeed."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from bid.workflow import Actor, Move, Workflow, any_of
from members.enrolment.models import Enrolment, EnrolmentTransition
from tests.factories.accounts import BoardUserFactory, MemberUserFactory
from tests.factories.organisations import EnrolmentFactory, organisation_with_admin

S = Enrolment.Status


def _administers(user, enrolment) -> bool:
    return enrolment.organisation.members.filter(user=user).exists()


APPLICANT = Actor(_administers, "Only the applicant.")
REVIEWER = Actor("review_enrolment", "Only a reviewer.")
EITHER = Actor(any_of(_administers, "review_enrolment"), "Only those involved.")


class ExampleWorkflow(Workflow):
    """A workflow over applications with a table of its own, so the tests
    exercise the helper rather than the enrolment rules."""

    model = Enrolment
    history = EnrolmentTransition
    transitions = {
        (S.DRAFT, S.SUBMITTED): APPLICANT,
        (S.SUBMITTED, S.APPROVED): REVIEWER,
        (S.SUBMITTED, S.REJECTED): REVIEWER,
        (S.SUBMITTED, S.NEEDS_INFORMATION): EITHER,
    }
    comments = {S.REJECTED: "Say why."}
    refusal = "“%(from)s” cannot become “%(to)s”."

    def __init__(self, pause: float = 0):
        self.pause = pause
        self.seen = []

    def before_save(self, enrolment, step: Move) -> None:
        # Holding the lock a moment lets a competing move arrive meanwhile.
        time.sleep(self.pause)
        enrolment.decided_at = enrolment.updated_at
        self.seen.append(("before", step))

    def after_save(self, enrolment, step: Move) -> None:
        self.seen.append(("after", enrolment.status, step.extra))


@pytest.fixture
def application(db):
    organisation, applicant = organisation_with_admin()
    return EnrolmentFactory(organisation=organisation), applicant


def test_steps_lists_the_targets_this_person_may_take(application):
    enrolment, applicant = application
    workflow, board = ExampleWorkflow(), BoardUserFactory()
    assert workflow.steps(enrolment, applicant) == [S.SUBMITTED]
    assert workflow.steps(enrolment, board) == []
    Enrolment.objects.filter(pk=enrolment.pk).update(status=S.SUBMITTED)
    enrolment.refresh_from_db()
    assert workflow.steps(enrolment, board) == [
        S.APPROVED,
        S.REJECTED,
        S.NEEDS_INFORMATION,
    ]
    assert workflow.steps(enrolment, applicant) == [S.NEEDS_INFORMATION]
    assert workflow.steps(enrolment, MemberUserFactory()) == []


def test_a_step_not_in_the_table_is_refused_with_the_states_labels(application):
    enrolment, _applicant = application
    with translation.override("en"), pytest.raises(ValidationError) as error:
        ExampleWorkflow().move(enrolment, to=S.APPROVED, by=BoardUserFactory())
    assert error.value.messages == ["“Draft” cannot become “Approved”."]
    enrolment.refresh_from_db()
    assert enrolment.status == S.DRAFT
    assert not EnrolmentTransition.objects.exists()


def test_a_target_that_is_no_state_is_a_programming_error(application):
    enrolment, applicant = application
    with pytest.raises(ValueError, match="not a state"):
        ExampleWorkflow().move(enrolment, to="bogus", by=applicant)


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (S.DRAFT, S.SUBMITTED, "Only the applicant."),
        (S.SUBMITTED, S.APPROVED, "Only a reviewer."),
        (S.SUBMITTED, S.NEEDS_INFORMATION, "Only those involved."),
    ],
)
def test_a_person_the_rule_does_not_allow_is_refused(
    application, source, target, message
):
    enrolment, _applicant = application
    Enrolment.objects.filter(pk=enrolment.pk).update(status=source)
    workflow = ExampleWorkflow()
    with pytest.raises(PermissionDenied, match=message):
        workflow.move(enrolment, to=target, by=MemberUserFactory(), comment="x")
    enrolment.refresh_from_db()
    assert enrolment.status == source
    assert not EnrolmentTransition.objects.exists()
    assert workflow.seen == []


def test_a_step_that_needs_a_comment_is_refused_without_one(application):
    enrolment, _applicant = application
    Enrolment.objects.filter(pk=enrolment.pk).update(status=S.SUBMITTED)
    workflow, board = ExampleWorkflow(), BoardUserFactory()
    with pytest.raises(ValidationError) as error:
        workflow.move(enrolment, to=S.REJECTED, by=board, comment="   ")
    assert error.value.message_dict == {"comment": ["Say why."]}
    assert not EnrolmentTransition.objects.exists()
    rejected = workflow.move(enrolment, to=S.REJECTED, by=board, comment=" Nej. ")
    assert rejected.status == S.REJECTED
    assert EnrolmentTransition.objects.get().comment == "Nej."


def test_each_step_is_recorded_saved_and_seen_by_the_hooks(application):
    enrolment, applicant = application
    workflow = ExampleWorkflow()
    moved = workflow.move(enrolment, to=S.SUBMITTED, by=applicant, reference="§ 4")
    moved.refresh_from_db()
    assert moved.status == S.SUBMITTED
    assert moved.decided_at is not None  # set by before_save, saved with it
    step = EnrolmentTransition.objects.get()
    assert (step.enrolment, step.from_status, step.to_status, step.by) == (
        enrolment,
        S.DRAFT,
        S.SUBMITTED,
        applicant,
    )
    assert step.by_name == applicant.get_full_name()
    assert str(step) == f"{moved}: draft → submitted"
    (_, before), after = workflow.seen
    assert (before.source, before.target, before.by) == (
        S.DRAFT,
        S.SUBMITTED,
        applicant,
    )
    assert after == ("after", S.SUBMITTED, {"reference": "§ 4"})


def test_a_failing_hook_undoes_the_step(application):
    enrolment, applicant = application

    class Failing(ExampleWorkflow):
        def after_save(self, enrolment, step):
            raise ValidationError("The mail server said no.")

    with pytest.raises(ValidationError):
        Failing().move(enrolment, to=S.SUBMITTED, by=applicant)
    enrolment.refresh_from_db()
    assert enrolment.status == S.DRAFT
    assert not EnrolmentTransition.objects.exists()


def test_a_required_comment_can_be_checked_before_the_move():
    with pytest.raises(ValidationError) as error:
        ExampleWorkflow().comment_check(S.REJECTED, "")
    assert error.value.message_dict == {"comment": ["Say why."]}
    ExampleWorkflow().comment_check(S.APPROVED, "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite ignores them",
)
def test_two_people_moving_one_object_at_once_only_one_wins():
    organisation, _applicant = organisation_with_admin()
    enrolment = EnrolmentFactory(organisation=organisation, status=S.SUBMITTED)
    first, second = BoardUserFactory(), BoardUserFactory()
    workflow = ExampleWorkflow(pause=0.3)
    start = threading.Barrier(2)
    results = {}

    def decide(by, target, comment):
        try:
            start.wait()
            results[target] = workflow.move(
                Enrolment.objects.get(pk=enrolment.pk),
                to=target,
                by=by,
                comment=comment,
            )
        except Exception as error:  # noqa: BLE001 - asserted below
            results[target] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(first, S.APPROVED, "")),
        threading.Thread(target=decide, args=(second, S.REJECTED, "Nej.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    won = [
        target for target, result in results.items() if isinstance(result, Enrolment)
    ]
    lost = [result for result in results.values() if isinstance(result, Exception)]
    assert len(won) == 1 and len(lost) == 1, results
    assert isinstance(lost[0], ValidationError)
    assert "cannot become" in lost[0].messages[0]
    enrolment.refresh_from_db()
    assert enrolment.status == won[0]
    assert list(
        EnrolmentTransition.objects.values_list("from_status", "to_status")
    ) == [(S.SUBMITTED, won[0])]
