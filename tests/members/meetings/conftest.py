import datetime

import pytest
from django.utils import timezone

from members.meetings.models import Visibility
from tests.factories.accounts import BoardUserFactory
from tests.factories.contributions import member
from tests.factories.meetings import (
    BodyFactory,
    MeetingFactory,
    meeting_index,
    published_meeting,
)
from tests.factories.pages import site_home


@pytest.fixture
def records(db):
    """Published meetings of each visibility, one planned public meeting, the
    public index page, a member and a board member."""
    index = meeting_index(site_home())
    board_body = BodyFactory(name="Styrelsen", slug="styrelsen")
    group = BodyFactory(name="Arbetsgruppen", slug="gruppen")
    _org, member_user = member(legal_name="Medlemmen AB")
    public = published_meeting(
        body=board_body, title="Öppet styrelsemöte", decisions=("Offentligt beslut",)
    )
    members_only = published_meeting(
        body=board_body,
        title="Medlemsmöte",
        visibility=Visibility.MEMBERS,
        decisions=("Medlemsbeslut",),
    )
    board_only = published_meeting(
        body=group,
        title="Slutet möte",
        visibility=Visibility.BOARD,
        decisions=("Styrelsebeslut",),
    )
    upcoming = MeetingFactory(
        body=group,
        title="Kommande möte",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    return {
        "index": index,
        "board_body": board_body,
        "group": group,
        "public": public,
        "members": members_only,
        "board": board_only,
        "upcoming": upcoming,
        "member": member_user,
        "board_user": BoardUserFactory(),
    }
