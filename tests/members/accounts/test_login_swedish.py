"""The Swedish login page points to sign-up in words that say so.

allauth's Swedish catalogue translates the sentence over the sign-up link as
"Har du redan ett konto? Då kan du logga in." ("Already have an account? Then
sign in."). locale/sv corrects it with
"Har du inget konto? %(link)sSkapa ett konto%(end_link)s." (the message is kept
in locale/ by members/accounts/catalogue.py); this test fails until that
translation is in the compiled catalogue.
"""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_swedish_login_page_invites_to_create_an_account(client):
    page = client.get("/accounts/login/").content.decode()

    assert "Har du redan ett konto?" not in page
    assert re.search(
        r"Har du inget konto\?\s*"
        r'<a href="/accounts/signup/">\s*Skapa ett konto\s*</a>\s*\.',
        page,
    )
