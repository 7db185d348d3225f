"""allauth's emails speak as the district and link to BASE_URL, whatever host
the request came to."""

import re

import pytest
from django.core import mail

from tests.factories.accounts import MemberUserFactory
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db

BASE_URL = "https://bid.hamnstaden.example"


@pytest.fixture(autouse=True)
def district(settings):
    settings.BASE_URL = BASE_URL
    return district_settings(organisation_name="Hamnstaden BID")


def assert_speaks_as_the_district(message):
    assert message.subject.startswith("[Hamnstaden BID] ")
    assert "Hamnstaden BID" in message.body
    assert "bid.hamnstaden.example" in message.body
    for other in ("127.0.0.1", "example.com", "testserver", "BID Platform"):
        assert other not in message.subject + message.body, other


def test_the_confirmation_email_names_the_district_and_links_to_base_url(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ada",
            "last_name": "Lind",
            "email": "ada@example.org",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
        HTTP_HOST="127.0.0.1:8101",
    )
    assert response.status_code == 302

    (message,) = mail.outbox
    assert_speaks_as_the_district(message)
    link = re.search(r"\S+/accounts/confirm-email/\S+/", message.body).group(0)
    assert link.startswith(f"{BASE_URL}/en/accounts/confirm-email/")
    assert "Ada Lind" in message.body


def test_the_password_reset_email_names_the_district_and_links_to_base_url(client):
    person = MemberUserFactory()
    client.post(
        "/en/accounts/password/reset/",
        {"email": person.email},
        HTTP_HOST="127.0.0.1:8101",
    )

    (message,) = mail.outbox
    assert_speaks_as_the_district(message)
    link = re.search(r"\S+/accounts/password/reset/key/\S+/", message.body).group(0)
    assert link.startswith(f"{BASE_URL}/en/accounts/password/reset/key/")
