"""allauth's rate limits apply to login, sign-up and password reset, and
Wagtail's own reset form cannot be used to get around them."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def person(member_user):
    member_user.set_password(PASSWORD)
    member_user.save()
    EmailAddress.objects.update_or_create(
        user=member_user,
        email=member_user.email,
        defaults={"verified": True, "primary": True},
    )
    return member_user


def log_in(client, email, password):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def test_after_five_failed_logins_even_the_right_password_is_refused(person):
    client = Client()
    for _ in range(5):
        log_in(client, person.email, "wrong-password-123")
    response = log_in(client, person.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_before_the_limit(person):
    client = Client()
    for _ in range(4):
        log_in(client, person.email, "wrong-password-123")
    assert log_in(client, person.email, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_password_reset_mails_one_address_at_most_five_times_a_minute(person):
    client = Client()
    for _ in range(7):
        client.post("/en/accounts/password/reset/", {"email": person.email})
    assert len(mail.outbox) == 5


def test_signups_from_one_address_are_limited_with_the_sites_429_page():
    client = Client()
    statuses = []
    for number in range(21):
        response = client.post(
            "/en/accounts/signup/",
            {
                "first_name": "Ny",
                "email": f"new{number}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        statuses.append(response.status_code)
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
    assert "<h1>Too many requests</h1>" in response.content.decode()


def test_wagtails_password_reset_leads_to_the_rate_limited_form(person):
    response = Client().post("/admin/password_reset/", {"email": person.email})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/"
    assert mail.outbox == []
    confirm = Client().get("/admin/password_reset/confirm/x/y/")
    assert confirm["Location"] == "/accounts/password/reset/"


def test_adding_an_email_address_asks_for_the_password_again(client_for, person):
    client = client_for("member", user=person)
    response = client.post(
        "/en/accounts/email/", {"action_add": "", "email": "thief@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="thief@example.org").exists()
    assert client.get("/en/accounts/email/").status_code == 200
