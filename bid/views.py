"""Site-wide views that belong to no module: health check, robots.txt and
the admin's sign-in."""

import logging

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from bid.api import api

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 after a database round-trip, 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def admin_login(request):
    """Where Wagtail sends whoever it does not let into the admin. Board and
    secretariat sign in where members do (one login with two-factor
    authentication and rate limits); someone already signed in without access
    to the admin is told so, instead of being sent to sign in again, which
    would send them straight back here."""
    user = request.user
    if not user.is_authenticated:
        query = request.META.get("QUERY_STRING")
        return redirect(reverse("account_login") + (f"?{query}" if query else ""))
    if not user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied(
            _(
                "The administration is for the board and the secretariat. "
                "Your account has no access to it."
            )
        )
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    return redirect(next_url)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def api_reference(request):
    """The public API's endpoints, read from its OpenAPI schema."""
    schema = api.get_openapi_schema()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": operation.get("parameters", []),
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    return TemplateResponse(
        request,
        "api_reference.html",
        {"schema": schema, "endpoints": endpoints},
    )
