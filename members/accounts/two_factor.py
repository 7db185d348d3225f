"""Two-factor authentication for staff: who must have it, whether this session
has shown the second factor, and where an admin visit resumes after enrolment.

A session counts as two-factor when allauth recorded a code in it (at sign-in,
or when asked again by `mfa_reauthenticate`), or when the authenticator app
was activated in it (the activation itself is a correct code). A session
opened with the password alone, before enrolment or elsewhere, is asked for a
code before the admin.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from bid import access

# The session's proof of an activation made in it: the user's id.
ACTIVATED_SESSION_KEY = "staff_totp_activated"
# Where a staff member was going when sent to enrol; read by the recovery
# codes page (a session key without a leading underscore, for the template).
RESUME_SESSION_KEY = "staff_totp_resume"


def two_factor_required(user) -> bool:
    """The board, the secretariat and administrators: whoever reaches the admin."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or access.may(user, "access_admin")


def has_totp(user) -> bool:
    return Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).exists()


def session_has_second_factor(request) -> bool:
    user = request.user
    if request.session.get(ACTIVATED_SESSION_KEY) == str(user.pk):
        return True
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, user)
    )


def totp_activated(sender, request=None, user=None, authenticator=None, **kwargs):
    """allauth's `authenticator_added`: an activation in this session is its
    second factor."""
    if request is None or user is None or authenticator is None:
        return
    if authenticator.type == Authenticator.Type.TOTP:
        request.session[ACTIVATED_SESSION_KEY] = str(user.pk)
