"""Open data: the page that lists the registered datasets, and each CSV file.

The datasets are declared by the apps that own them (`bid.opendata`); every row
is read through the public selectors, never through the viewer, so a signed-in
board member downloads exactly what an anonymous visitor does.
"""

import csv
from datetime import date, datetime

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from bid import opendata
from bid.spreadsheet import text_cell

LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"


# CSV


class _Echo:
    """A file-like object that hands back what is written, for streaming."""

    def write(self, value):
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return text_cell("; ".join(str(item) for item in value))
    if isinstance(value, str):
        # Text comes from members: never a formula. Numbers stay numbers.
        return text_cell(value)
    return str(value)


def _csv_lines(columns: tuple[str, ...], rows: list[dict]):
    writer = csv.writer(_Echo())
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row[column]) for column in columns])


# Views


@require_GET
def dataset_csv(request, slug: str):
    """One dataset as CSV; `?lang=` chooses the language of titles and names."""
    file = opendata.csv_file(slug)
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if file is None or language not in dict(settings.LANGUAGES):
        raise Http404
    with translation.override(language):
        rows = list(file.rows(request, language))
    filename = slug if language == settings.LANGUAGE_CODE else f"{slug}-{language}"
    response = StreamingHttpResponse(
        _csv_lines(file.columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@require_GET
def open_data(request):
    """The datasets, each with its CSV files and JSON endpoints."""
    datasets = [
        {
            "dataset": dataset,
            "changed": dataset.changed(),
            "files": [
                {"file": file, "url": reverse("open_data_csv", args=[file.slug])}
                for file in dataset.files
            ],
            "json": [
                {"label": label, "url": reverse(name)} for label, name in dataset.json
            ],
        }
        for dataset in opendata.datasets()
    ]
    return TemplateResponse(
        request,
        "home/open_data.html",
        {
            "datasets": datasets,
            "licence_url": LICENCE_URL,
            "openapi_url": reverse("api-v1:openapi-json"),
        },
    )
