"""Milestones and results of a project: the board and the secretariat keep
them, the public page shows them, and an overdue milestone is told to its
responsible party and the secretariat once."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from members.notifications.models import Notification
from members.projects.models import Milestone, ProjectIndicator
from members.projects.services import milestones as services
from members.proposals.services import proposal_discontinue
from tests.factories.plan import MeasurementFactory
from tests.members.projects.milestones_world import TODAY, S, build, days, overdue
from tests.trails import admin_trail

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def told(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user, event__kind="milestone.overdue")
        .order_by("pk")
        .values_list("event__params__milestone", flat=True)
    )


# Keeping milestones


def test_the_board_adds_a_milestone_and_marks_it_done(world):
    milestone = services.milestone_create(
        by=world["board"],
        project=world["running"],
        title="  Upphandling  ",
        due_on=days(10),
        responsible_organisation=world["organisation"],
    )
    assert (milestone.title, milestone.state, milestone.done_on) == (
        "Upphandling",
        "planned",
        None,
    )
    done = services.milestone_mark_done(by=world["secretariat"], milestone=milestone)
    assert (done.state, done.done_on) == ("done", TODAY)
    reopened = services.milestone_update(
        by=world["board"], milestone=done, state=Milestone.State.STARTED
    )
    assert reopened.done_on is None


def test_members_do_not_keep_milestones(world):
    with pytest.raises(PermissionDenied):
        services.milestone_create(
            by=world["author"],
            project=world["running"],
            title="Upphandling",
            due_on=days(10),
        )


def test_a_proposal_not_yet_accepted_has_no_milestones(world):
    draft = world["project"]("Utkast", S.DRAFT)
    with pytest.raises(ValidationError):
        services.milestone_create(
            by=world["board"], project=draft, title="Start", due_on=days(10)
        )


def test_a_project_indicator_has_its_own_baseline_target_and_result(world):
    used = services.project_indicator_add(
        by=world["board"],
        project=world["running"],
        indicator=world["indicator"],
        baseline_value=Decimal("48"),
        baseline_date=days(-100),
        target_value=Decimal("60"),
        target_date=days(100),
    )
    with pytest.raises(ValidationError):
        services.project_indicator_add(
            by=world["board"],
            project=world["running"],
            indicator=world["indicator"],
            baseline_value=Decimal("1"),
            baseline_date=days(-100),
            target_value=Decimal("2"),
            target_date=days(100),
        )
    with pytest.raises(ValidationError):
        services.project_indicator_record_result(
            by=world["board"], project_indicator=used, value=Decimal("55"), on=days(3)
        )
    services.project_indicator_record_result(
        by=world["board"], project_indicator=used, value=Decimal("55"), on=days(-1)
    )
    used.refresh_from_db()
    assert (used.result_value, used.result_date) == (Decimal("55"), days(-1))
    assert ProjectIndicator.objects.filter(project=world["running"]).count() == 1


# The admin screens


def test_the_admin_screen_adds_milestones_and_indicators(world):
    board = signed_in(world["board"])
    url = reverse("projects_milestones", args=[world["running"].pk])
    assert board.get(url).status_code == 200
    refused = board.post(url, {"add_milestone": "1", "milestone-title": ""})
    assert refused.status_code == 200
    assert not Milestone.objects.exists()
    added = board.post(
        url,
        {
            "add_milestone": "1",
            "milestone-title": "Upphandling",
            "milestone-due_on": days(5).isoformat(),
            "milestone-state": "planned",
            "milestone-responsible_organisation": world["organisation"].pk,
        },
    )
    assert added.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.responsible_organisation == world["organisation"]
    board.post(reverse("projects_milestone_done", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.state == "done"
    attached = board.post(
        url,
        {
            "add_indicator": "1",
            "indicator-indicator": world["indicator"].pk,
            "indicator-baseline_value": "48",
            "indicator-baseline_date": days(-10).isoformat(),
            "indicator-target_value": "60",
            "indicator-target_date": days(300).isoformat(),
        },
    )
    assert attached.status_code == 302
    used = ProjectIndicator.objects.get()
    edit = reverse("projects_indicator_edit", args=[used.pk])
    # The trail in Wagtail's header leads back to the project's follow-up and
    # to the proposal it came from.
    project = world["running"]
    assert admin_trail(board.get(edit))[:3] == [
        (admin_trail(board.get(url))[0][0], "/admin/"),
        (project.title, reverse("proposal_review:inspect", args=[project.pk])),
        (admin_trail(board.get(url))[-1][0], url),
    ]
    board.post(
        edit,
        {
            "baseline_value": "48",
            "baseline_date": days(-10).isoformat(),
            "target_value": "60",
            "target_date": days(300).isoformat(),
            "result_value": "52",
            "result_date": TODAY.isoformat(),
        },
    )
    used.refresh_from_db()
    assert used.result_value == Decimal("52")
    page = board.get(url).content.decode()
    assert "Upphandling" in page and "Trygghet" in page


def test_members_do_not_reach_the_admin_screens(world):
    member = signed_in(world["author"])
    response = member.get(reverse("projects_milestones", args=[world["running"].pk]))
    assert response.status_code in (302, 403)


# The public page


def test_the_project_page_shows_milestones_and_results(world):
    project = world["running"]
    services.milestone_create(
        by=world["board"],
        project=project,
        title="Första vandringen",
        due_on=days(-30),
        state="done",
        done_on=days(-31),
    )
    overdue(project, title="Åtgärdslistan")
    services.milestone_create(
        by=world["board"], project=project, title="Utvärdering", due_on=days(60)
    )
    used = services.project_indicator_add(
        by=world["board"],
        project=project,
        indicator=world["indicator"],
        baseline_value=Decimal("48"),
        baseline_date=days(-100),
        target_value=Decimal("60"),
        target_date=days(100),
    )
    services.project_indicator_record_result(
        by=world["board"], project_indicator=used, value=Decimal("55.5"), on=days(-2)
    )
    MeasurementFactory(
        indicator=world["indicator"], measured_on=days(-400), value=Decimal("41")
    )
    MeasurementFactory(
        indicator=world["indicator"], measured_on=days(-5), value=Decimal("57")
    )
    html = Client().get(world["index"].url + f"{project.pk}/").content.decode()
    for text in ("Första vandringen", "Åtgärdslistan", "Utvärdering", "Trygghet"):
        assert text in html
    assert html.index("Första vandringen") < html.index("Åtgärdslistan")
    assert html.count("badge--overdue") == 1
    assert "badge--milestone-done" in html and "badge--milestone-planned" in html
    # Swedish page: the project's baseline, target, result and the plan's
    # latest measurement.
    for figure in ("48", "60", "55,5", "57"):
        assert f"{figure} %" in html
    assert "41 %" not in html


def test_the_project_page_stays_within_its_query_budget(
    world, settings, django_assert_max_num_queries
):
    # As tests/bid/test_query_budget.py counts: the shared fragments cached.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    project = world["running"]
    for n in range(5):
        services.milestone_create(
            by=world["board"], project=project, title=f"Steg {n}", due_on=days(n)
        )
    services.project_indicator_add(
        by=world["board"],
        project=project,
        indicator=world["indicator"],
        baseline_value=Decimal("48"),
        baseline_date=days(-100),
        target_value=Decimal("60"),
        target_date=days(100),
    )
    MeasurementFactory(indicator=world["indicator"], measured_on=days(-5))
    url = world["index"].url + f"{project.pk}/"
    Client().get(url)
    with django_assert_max_num_queries(15):
        assert Client().get(url + "?budget=1").status_code == 200


# Overdue reminders


def test_an_overdue_milestone_is_told_once_to_its_organisation_and_the_secretariat(
    world, django_capture_on_commit_callbacks
):
    late = overdue(world["running"], responsible_organisation=world["organisation"])
    overdue(world["running"], title="Klar", state=Milestone.State.DONE)
    services.milestone_create(
        by=world["board"], project=world["running"], title="Senare", due_on=days(5)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _run in range(2):
            call_command("notify_overdue_milestones", stdout=io.StringIO())
    late.refresh_from_db()
    assert late.overdue_notified_on == TODAY
    for person in (world["author"], world["colleague"], world["secretariat"]):
        assert told(person) == ["Upphandling"]
    assert told(world["outsider"]) == [] and told(world["board"]) == []
    addressed = sorted(address for message in mail.outbox for address in message.to)
    assert addressed == sorted(
        [world["author"].email, world["colleague"].email, world["secretariat"].email]
    )
    assert all("Upphandling" in message.subject for message in mail.outbox)


def test_a_responsible_person_is_told_instead_of_the_organisation(world):
    overdue(
        world["running"],
        responsible_organisation=world["organisation"],
        responsible_user=world["colleague"],
    )
    assert services.milestones_notify_overdue() == 1
    assert told(world["colleague"]) == ["Upphandling"]
    assert told(world["author"]) == []
    assert told(world["secretariat"]) == ["Upphandling"]


def test_a_milestone_moved_later_is_told_again_when_it_is_late_again(world):
    late = overdue(world["running"], responsible_user=world["author"])
    assert services.milestones_notify_overdue() == 1
    # Moved, but still in the past: it was told already.
    services.milestone_update(by=world["board"], milestone=late, due_on=days(-1))
    assert services.milestones_notify_overdue() == 0
    services.milestone_update(by=world["board"], milestone=late, due_on=days(7))
    late.refresh_from_db()
    assert late.overdue_notified_on is None
    assert services.milestones_notify_overdue() == 0
    assert services.milestones_notify_overdue(on=days(8)) == 1
    assert told(world["author"]) == ["Upphandling", "Upphandling"]


def test_a_closed_project_s_milestones_are_not_reminded_of(world):
    overdue(world["accepted"], responsible_user=world["author"])
    proposal_discontinue(
        proposal=world["accepted"], by=world["board"], reason="Stoppat."
    )
    assert services.milestones_notify_overdue() == 0
    assert told(world["author"]) == []


def test_the_dashboard_counts_and_lists_overdue_milestones(world):
    overdue(world["running"], responsible_organisation=world["organisation"])
    page = signed_in(world["secretariat"]).get(reverse("projects_milestones_overdue"))
    assert page.status_code == 200
    assert "Upphandling" in page.content.decode()
    home = signed_in(world["secretariat"]).get(reverse("wagtailadmin_home"))
    # The dashboard's "Waiting for you" links to the list (in the admin's
    # language, Swedish here).
    assert reverse("projects_milestones_overdue") in home.content.decode()
