"""Messages of allauth's own templates that locale/ translates anew, because
allauth's catalogue has them wrong; LOCALE_PATHS comes before allauth's
catalogue. Listed here so that makemessages keeps them in locale/."""

from django.utils.translation import gettext_noop

CORRECTED = [
    # account/login.html. allauth's Swedish reads "Har du redan ett konto? Då
    # kan du logga in." on the login page, over the link to sign up.
    gettext_noop(
        "If you have not created an account yet, then please "
        "%(link)ssign up%(end_link)s first."
    ),
]
