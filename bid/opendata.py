"""The register of open datasets: each app declares its own in its `opendata.py`.

A dataset is one or more CSV files and the JSON endpoints that serve the same
records; the open-data page lists the datasets by `order`. Rows are read
through public selectors, never through the viewer, so everyone downloads the
same file.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, QuerySet
from django.http import HttpRequest


@dataclass(frozen=True, kw_only=True)
class CsvFile:
    """One CSV file, served at /open-data/<slug>.csv. `rows(request, language)`
    yields one dict per row with (at least) every column."""

    slug: str
    label: str
    row: str  # what one row is, in a sentence
    columns: tuple[str, ...]
    rows: Callable[[HttpRequest, str], Iterable[dict]]


@dataclass(frozen=True, kw_only=True)
class Dataset:
    slug: str
    order: int
    name: str
    description: str
    files: tuple[CsvFile, ...]
    json: tuple[tuple[str, str], ...]  # (link text, URL name)
    changed: Callable[[], datetime | None]
    translated: bool = False  # titles and names follow ?lang=


_datasets: dict[str, Dataset] = {}
_files: dict[str, CsvFile] = {}


def register(dataset: Dataset) -> Dataset:
    """Add a dataset; its slug and its files' slugs must be new."""
    if dataset.slug in _datasets:
        raise ImproperlyConfigured(f"The dataset {dataset.slug!r} is registered twice.")
    taken = [file.slug for file in dataset.files if file.slug in _files]
    if taken:
        raise ImproperlyConfigured(f"The CSV files {taken} are registered twice.")
    _datasets[dataset.slug] = dataset
    _files.update((file.slug, file) for file in dataset.files)
    return dataset


def datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda dataset: dataset.order)


def csv_file(slug: str) -> CsvFile | None:
    return _files.get(slug)


def latest(*moments: datetime | None) -> datetime | None:
    """The latest of the moments given, skipping the empty ones."""
    return max((moment for moment in moments if moment), default=None)


def last_changed(records: QuerySet, *fields: str) -> datetime | None:
    """When the records last changed: the latest of their `fields` (by default
    `updated_at`), read in one query; None when no record has one."""
    found = records.aggregate(
        **{
            f"at_{number}": Max(field)
            for number, field in enumerate(fields or ("updated_at",))
        }
    )
    return latest(*found.values())
