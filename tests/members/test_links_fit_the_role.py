"""A page offers only the links its reader may follow: no link that would
answer 403."""

import pytest
from django.test import Client

from tests.factories.accounts import BoardUserFactory, MemberUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member

pytestmark = pytest.mark.django_db


def html_for(user, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_propose_a_project_is_offered_only_to_people_of_an_organisation():
    _organisation, karin = member(user=MemberUserFactory(language="en"))
    board = BoardUserFactory(language="en")
    assert 'href="/en/portal/proposals/new/"' in html_for(
        karin, "/en/portal/proposals/"
    )
    board_html = html_for(board, "/en/portal/proposals/")
    assert 'href="/en/portal/proposals/new/"' not in board_html
    assert Client().get("/en/portal/proposals/new/").status_code == 302
    board_client = Client()
    board_client.force_login(board)
    assert board_client.get("/en/portal/proposals/new/").status_code == 403


def test_the_weekly_report_is_offered_only_to_the_areas_parties():
    kajen, karin = member(user=MemberUserFactory(language="en"))
    area("Centrum", kajen)
    board = BoardUserFactory(language="en")
    report = 'href="/en/portal/situation/report/"'
    assert report in html_for(karin, "/en/portal/situation/")
    assert report not in html_for(board, "/en/portal/situation/")
