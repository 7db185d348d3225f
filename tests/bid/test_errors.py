"""Refusals say why and what to do; members' records send visitors to sign
in and back; board records stay hidden; the portal offers only the links a
person may follow."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from members.meetings.models import Visibility
from members.organisations.models import OrganisationMember
from tests.factories.accounts import PASSWORD, MemberUserFactory
from tests.factories.contributions import member
from tests.factories.meetings import BodyFactory, meeting_index, published_meeting
from tests.factories.organisations import (
    OrganisationMemberFactory,
    organisation_with_admin,
)
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def test_the_403_page_shows_the_view_s_reason():
    _organisation, user = member(legal_name="Medlemmen AB")
    response = signed_in(user).get("/en/portal/situation/report/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Only the parties of an area report on it." in text
    assert "You do not have permission to do this." not in text
    assert "log out and log in with that account" in text


def test_an_applicant_is_told_the_member_pages_open_on_approval():
    _organisation, applicant = organisation_with_admin(legal_name="Sökande AB")
    response = signed_in(applicant).get("/en/portal/proposals/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "The proposals are for members." in text
    assert "Its application is being reviewed" in text


def test_a_contact_is_sent_to_the_organisation_s_administrator():
    organisation, _admin = member(legal_name="Medlemmen AB")
    contact = MemberUserFactory()
    OrganisationMemberFactory(
        organisation=organisation, user=contact, role=OrganisationMember.Role.CONTACT
    )
    response = signed_in(contact).get(
        f"/en/portal/organisations/{organisation.pk}/edit/"
    )
    assert response.status_code == 403
    text = response.content.decode()
    assert "Only the organisation&#x27;s administrators may do this." in text
    assert "Ask your organisation's administrator" in text


def test_a_person_of_no_organisation_is_asked_to_register_one():
    response = signed_in(MemberUserFactory()).get("/en/portal/proposals/")
    assert response.status_code == 403
    assert "/portal/organisations/new/" in response.content.decode()


@pytest.fixture
def meetings():
    index = meeting_index(site_home())
    body = BodyFactory(name="Styrelsen", slug="styrelsen")
    return {
        "index": index,
        "members": published_meeting(
            body=body, title="Medlemsmöte", visibility=Visibility.MEMBERS
        ),
        "board": published_meeting(
            body=body, title="Slutet möte", visibility=Visibility.BOARD
        ),
    }


def test_a_visitor_is_sent_to_sign_in_for_a_members_meeting_and_back(meetings):
    _organisation, user = member(legal_name="Medlemmen AB")
    url = meetings["index"].meeting_url(meetings["members"])
    client = Client()
    response = client.get(url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path.endswith("/accounts/login/")
    assert parse_qs(location.query)["next"] == [url]
    response = client.post(
        location.path, {"login": user.email, "password": PASSWORD, "next": url}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url)
    assert page.status_code == 200
    assert "Medlemsmöte" in page.content.decode()


def test_a_members_decision_and_minutes_also_send_a_visitor_to_sign_in(meetings):
    index, meeting = meetings["index"], meetings["members"]
    decision = index.decision_url(meeting.decisions.get())
    pdf = index.url + index.reverse_subpage("minutes_pdf", args=[meeting.pk])
    for url in (decision, pdf):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_board_meeting_is_404_for_visitors_and_members(meetings):
    _organisation, user = member(legal_name="Medlemmen AB")
    index, meeting = meetings["index"], meetings["board"]
    urls = [
        index.meeting_url(meeting),
        index.decision_url(meeting.decisions.get()),
        index.url + index.reverse_subpage("minutes_pdf", args=[meeting.pk]),
    ]
    for client in (Client(), signed_in(user)):
        for url in urls:
            assert client.get(url).status_code == 404, url


def test_a_meeting_that_does_not_exist_is_404_for_a_visitor(meetings):
    index = meetings["index"]
    url = index.url + index.reverse_subpage("meeting", args=[999999])
    assert Client().get(url).status_code == 404


def test_the_dashboard_offers_an_applicant_no_member_only_links():
    _organisation, applicant = organisation_with_admin(legal_name="Sökande AB")
    text = signed_in(applicant).get("/en/portal/").content.decode()
    assert 'href="/en/portal/proposals/"' not in text
    assert 'href="/en/portal/situation/"' not in text
    assert 'href="/en/portal/actions/"' not in text
    assert 'href="/en/portal/contributions/"' in text


def test_the_dashboard_offers_a_member_the_member_pages():
    _organisation, user = member(legal_name="Medlemmen AB")
    text = signed_in(user).get("/en/portal/").content.decode()
    assert 'href="/en/portal/proposals/"' in text
    assert 'href="/en/portal/situation/"' in text
    # Not a party of any area: no action plans or walks.
    assert 'href="/en/portal/walks/"' not in text
