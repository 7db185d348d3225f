"""Board edits and submits; the secretariat approves; scheduled publishing works."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow

from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities

pytestmark = pytest.mark.django_db


def test_every_page_goes_through_the_secretariat_approval_workflow():
    plan, _ = plan_with_priorities(site_home(), 1)
    workflow = plan.get_workflow()
    assert workflow == Workflow.objects.get(name="Secretariat approval")
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Secretariat"]


def test_board_submits_a_plan_change_that_the_secretariat_approves():
    board, secretariat = BoardUserFactory(), SecretariatUserFactory()
    plan, _ = plan_with_priorities(site_home(), 1)
    assert not plan.permissions_for_user(board).can_publish()

    plan.intro = "Ny vision"
    revision = plan.save_revision(user=board)
    workflow_state = plan.get_workflow().start(plan, board)
    plan.refresh_from_db()
    assert plan.live_revision != revision
    assert plan.specific.intro != "Ny vision"

    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert [action[0] for action in task.get_actions(plan, board)] == []
    assert "approve" in [action[0] for action in task.get_actions(plan, secretariat)]
    task.on_action(task_state, secretariat, "approve")

    plan.refresh_from_db()
    assert plan.specific.intro == "Ny vision"
    assert plan.live_revision_id == revision.pk


def test_board_cannot_publish_through_the_editor(client_for):
    plan, _ = plan_with_priorities(site_home(), 1)
    client = client_for("board")
    edit_url = f"/admin/pages/{plan.pk}/edit/"
    form = client.get(edit_url).context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if isinstance(value, str | int)
    }
    data.update(
        {
            "title": plan.title,
            "slug": plan.slug,
            "intro": "Publicerad av styrelsen?",
            "action-publish": "action-publish",
            "body-count": 0,
        }
    )
    client.post(edit_url, data)

    plan.refresh_from_db()
    assert plan.specific.intro != "Publicerad av styrelsen?"


def test_scheduled_publishing_goes_live_when_due():
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    priority.save_revision().publish()
    priority.refresh_from_db()
    priority.summary = "Schemalagd text"
    priority.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = priority.save_revision()
    revision.publish()
    priority.refresh_from_db()
    assert priority.summary != "Schemalagd text"

    call_command("publish_scheduled", verbosity=0)
    priority.refresh_from_db()
    assert priority.summary != "Schemalagd text"

    two_hours_later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
        call_command("publish_scheduled", verbosity=0)
    priority.refresh_from_db()
    assert priority.summary == "Schemalagd text"
