"""The 403 page: why the person was refused and what they may do about it;
below /api/, the 400, 403 and 500 answers as JSON like the API's own errors."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views import defaults

from bid import access, api_errors


def _reason(exception) -> str:
    """The refusal's own sentence: every refusal of this project that has
    one is written (translated) for the person refused; a bare one has none."""
    reason = getattr(exception, "reason", None)
    if reason is None and exception is not None and exception.args:
        reason = exception.args[0]
    return str(reason or "")


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def bad_request(request, exception=None):
    if api_errors.is_api(request):
        return api_errors.error(400)
    return defaults.bad_request(request, exception)


def server_error(request):
    if api_errors.is_api(request):
        return api_errors.error(500)
    return defaults.server_error(request)


def permission_denied(request, exception=None):
    if api_errors.is_api(request):
        return api_errors.error(403)
    advice = getattr(exception, "advice", "") or access.advice_for(request.user)
    login_url = _url("account_login")
    if login_url:
        login_url += "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
    return render(
        request,
        "403.html",
        {
            "reason": _reason(exception),
            "advice": advice,
            "login_url": login_url,
            "logout_url": _url("account_logout"),
            "register_url": _url("portal:organisation_create"),
            "portal_url": _url("portal:dashboard"),
        },
        status=403,
    )
