"""Site-wide views that belong to no module: health check and robots.txt."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
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
