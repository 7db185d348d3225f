"""The register of open datasets: every app's datasets, in their order, each once."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bid import opendata


def test_every_apps_datasets_are_registered_in_page_order():
    assert [dataset.slug for dataset in opendata.datasets()] == [
        "priorities",
        "meetings",
        "projects",
        "evaluations",
        "members",
        "premises",
    ]
    assert opendata.csv_file("decisions").columns[0] == "id"
    assert opendata.csv_file("nothing") is None


def test_a_dataset_or_file_registered_twice_is_refused(monkeypatch):
    monkeypatch.setattr(opendata, "_datasets", {})
    monkeypatch.setattr(opendata, "_files", {})
    file = opendata.CsvFile(
        slug="things", label="Things", row="One thing.", columns=("id",), rows=list
    )

    def dataset(slug):
        return opendata.Dataset(
            slug=slug,
            order=1,
            name="Things",
            description="",
            files=(file,),
            json=(),
            changed=lambda: None,
        )

    opendata.register(dataset("things"))
    with pytest.raises(ImproperlyConfigured):
        opendata.register(dataset("things"))
    with pytest.raises(ImproperlyConfigured):
        opendata.register(dataset("other-things"))
