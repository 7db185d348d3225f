"""Staff reach the admin only with two-factor authentication (see two_factor.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from members.accounts import two_factor

ADMIN_PREFIX = "/admin/"


class StaffTwoFactorMiddleware:
    """Before any admin page: a staff member without an authenticator app is
    sent to set one up, and back afterwards (from the recovery codes page); one
    whose session was opened without a code is asked for one, and sent back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            user = request.user
            if two_factor.two_factor_required(user):
                # The admin speaks the person's language; so do these pages.
                with translation.override(user.language or translation.get_language()):
                    response = self.second_factor_missing(request)
                if response is not None:
                    return response
                request.session.pop(two_factor.RESUME_SESSION_KEY, None)
        return self.get_response(request)

    def second_factor_missing(self, request):
        going_to = request.get_full_path()
        if not two_factor.has_totp(request.user):
            request.session[two_factor.RESUME_SESSION_KEY] = going_to
            messages.info(
                request,
                _(
                    "The admin is only open with two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        if not two_factor.session_has_second_factor(request):
            query = urlencode({"next": going_to})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return None
