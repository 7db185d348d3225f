"""allauth hooks: accounts remember their language, redirects keep it, the
sign-in emails speak as the district, with links to BASE_URL, and
authenticator apps name the district."""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_str

from bid.district import district_name

# The links allauth puts in its emails' context.
EMAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")
# Where a request keeps the re-authentication methods once asked for.
REAUTHENTICATION_METHODS_ATTRIBUTE = "_bid_reauthentication_methods"


@dataclass(frozen=True)
class EmailSite:
    """What allauth's email templates read as `current_site`."""

    name: str
    domain: str


def _home_in_active_language() -> str:
    # Wagtail serves every page through one pattern; reversing it with an empty
    # path gives the home page under the active language's prefix.
    return reverse("wagtail_serve", args=[""])


def at_base_url(url: str) -> str:
    """The same address under BASE_URL, whatever host the request came to."""
    parts = urlsplit(url)
    return settings.BASE_URL + urlunsplit(("", "", parts.path, parts.query, ""))


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

    def format_email_subject(self, subject):
        return f"[{district_name(self.request)}] {force_str(subject)}"

    def send_mail(self, template_prefix, email, context):
        # allauth names the request's host (or example.com) as the sender and
        # builds links from it; the emails name the district and link to BASE_URL.
        context = {
            **context,
            "current_site": EmailSite(
                name=district_name(self.request),
                domain=urlsplit(settings.BASE_URL).netloc,
            ),
        }
        for key in EMAIL_LINKS:
            if context.get(key):
                context[key] = at_base_url(context[key])
        super().send_mail(template_prefix, email, context)

    def get_reauthentication_methods(self, user):
        # allauth asks for these several times a request (the view, its form,
        # the check whether the person recently re-authenticated), four queries
        # each time; they do not change within the request.
        request = allauth_context.request
        if request is None or not user.is_authenticated:
            return super().get_reauthentication_methods(user)
        known = request.__dict__.setdefault(REAUTHENTICATION_METHODS_ATTRIBUTE, {})
        if user.pk not in known:
            known[user.pk] = super().get_reauthentication_methods(user)
        return list(known[user.pk])


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        return district_name(allauth_context.request)
