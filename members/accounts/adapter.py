"""allauth hooks: accounts remember their language, and redirects keep it."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation


def _home_in_active_language() -> str:
    # Wagtail serves every page through one pattern; reversing it with an empty
    # path gives the home page under the active language's prefix.
    return reverse("wagtail_serve", args=[""])


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def get_signup_redirect_url(self, request):
        return reverse("portal:dashboard")

    def get_login_redirect_url(self, request):
        return reverse("portal:dashboard")

    def get_logout_redirect_url(self, request):
        return _home_in_active_language()
