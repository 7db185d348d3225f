"""A meeting's record is kept in the shared fragments for everyone the meeting
is shown to: the meeting's own query still decides who sees it, and a change
to the record shows at once."""

import pytest
from django.test import Client

from members.meetings.models import Attendance, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


def client(user=None) -> Client:
    c = Client()
    if user:
        c.force_login(user)
    return c


def test_a_kept_record_reaches_no_one_outside_the_meetings_audience(records):
    index = records["index"]
    members_url = index.meeting_url(records["members"])
    board_url = index.meeting_url(records["board"])
    member, board = client(records["member"]), client(records["board_user"])
    assert "Medlemsbeslut" in member.get(members_url).content.decode()
    assert "Styrelsebeslut" in board.get(board_url).content.decode()

    assert client().get(members_url).status_code == 302  # to sign in
    assert client().get(board_url).status_code == 404
    assert member.get(board_url).status_code == 404


def test_the_record_shows_a_decision_and_a_renamed_organisation_at_once(
    records, django_capture_on_commit_callbacks
):
    meeting = records["members"]
    url = records["index"].meeting_url(meeting)
    member = client(records["member"])
    organisation = records["member"].organisation_memberships.first().organisation
    Attendance.objects.create(meeting=meeting, name="Eva", organisation=organisation)
    html = member.get(url).content.decode()
    assert "Medlemsbeslut" in html
    assert "Medlemmen AB" in html

    with django_capture_on_commit_callbacks(execute=True):
        Decision.objects.create(
            meeting=meeting, number=2, item_number=1, text="Nytt beslut om belysning"
        )
    assert "Nytt beslut om belysning" in member.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        organisation.legal_name = "Kajens Fastigheter AB"
        organisation.save()
    html = member.get(url).content.decode()
    assert "Kajens Fastigheter AB" in html
    assert "Medlemmen AB" not in html
