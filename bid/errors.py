"""The 403 page: why the person was refused and what they may do about it."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from bid import access


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


def permission_denied(request, exception=None):
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
