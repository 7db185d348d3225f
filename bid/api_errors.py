"""What every operation of the public API documents: its error answers, the
range of its path ids and the form of its text filters and dates, and the JSON
errors of every address below /api/: 404 where no operation answers, 405 for a
method an address does not take, and the 400, 403 and 500 Django answers."""

import functools
import re
from datetime import date
from http import HTTPStatus
from typing import Annotated

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from ninja import Path, Schema
from pydantic import BeforeValidator


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: list[dict]


# A record that is not public answers 404; a malformed parameter answers 422.
ERRORS = {404: ErrorOut, 422: InvalidOut}

# The int path converter matches digits only: saying so keeps the schema from
# promising an answer to /-1 (which no route matches).
PositiveId = Annotated[int, Path(ge=1)]

# Filters compared with the database are short names or choices: anything else
# (a NUL byte above all, which PostgreSQL refuses) answers 422.
SLUG = r"^[-a-zA-Z0-9_]{0,100}$"
CHOICE = r"^[a-z_]{0,50}$"

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value):
    # Pydantic reads a number as seconds since 1970: ?until=0 would be a date.
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("a date must be written YYYY-MM-DD, e.g. 2026-03-31")
    return value


# A date parameter: YYYY-MM-DD only, anything else answers 422 naming it.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def is_api(request) -> bool:
    """Below /api/: the reference page at /api/ itself is the site's HTML."""
    return request.path_info.startswith("/api/") and request.path_info != "/api/"


def error(status: int) -> JsonResponse:
    """An error in the shape of the operations' own: {"detail": "Not Found"}."""
    return JsonResponse({"detail": HTTPStatus(status).phrase}, status=status)


def json_errors(view):
    """The view with its 405 answered as JSON, its Allow header kept: the one
    django-ninja and Django's method decorators give is a line of plain text."""
    if getattr(view, "json_errors", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == HTTPStatus.METHOD_NOT_ALLOWED and not response.get(
            "Content-Type", ""
        ).startswith("application/json"):
            allowed = response.get("Allow", "")
            response = error(HTTPStatus.METHOD_NOT_ALLOWED)
            response["Allow"] = allowed
        return response

    wrapper.json_errors = True
    return wrapper


def filtered(queryset, filters: Schema, **lookups: str):
    """`queryset` narrowed by each filter that was given: `lookups` names the
    field lookup each filter stands for (`since="starts_at__date__gte"`)."""
    for name, lookup in lookups.items():
        value = getattr(filters, name)
        if value:
            queryset = queryset.filter(**{lookup: value})
    return queryset


def not_found(request):
    """Below /api/, an address no operation answers is a JSON 404 like the
    operations' own (a non-numeric id above all), never the site's HTML page.
    An address missing only its final slash is sent to it, as Django would."""
    path = request.path_info
    if request.method in ("GET", "HEAD") and not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + ("?" + query if query else "")
            )
    return JsonResponse({"detail": "Not Found"}, status=404)
