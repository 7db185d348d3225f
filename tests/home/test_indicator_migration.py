"""Migrations 0011–0013 move the indicator's per-language columns into
IndicatorText rows and back, on the real schema (django-test-migrations is not
installed, so Django's migration executor drives them)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("home", "0011_indicatortext")  # new table, old columns, no data moved
AFTER = ("home", "0013_remove_indicator_name_translations")


def migrate(target):
    """Migrate to `target`; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def priority_id():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    yield priority.pk
    latest()


def old_indicator(apps, priority_id, **texts):
    return apps.get_model("home", "Indicator").objects.create(
        priority_id=priority_id,
        name="Trygghet",
        unit="%",
        direction="higher",
        baseline_value=40,
        baseline_date="2024-01-01",
        target_value=70,
        target_date="2028-01-01",
        **texts,
    )


def test_columns_move_into_texts_and_back(priority_id):
    apps = migrate(BEFORE)
    translated = old_indicator(
        apps,
        priority_id,
        name_en="Safety",
        unit_en="per cent",
        name_da="Tryghed",
        name_nb="",
    )
    untranslated = old_indicator(apps, priority_id)

    # The models of that state: later migrations add columns (the area).
    Indicator = migrate(AFTER).get_model("home", "Indicator")

    moved = Indicator.objects.get(pk=translated.pk)
    texts = {
        t.locale.language_code: (t.name, t.unit)
        for t in moved.texts.select_related("locale")
    }
    assert texts == {"en": ("Safety", "per cent"), "da": ("Tryghed", "")}
    assert (moved.name, moved.unit) == ("Trygghet", "%")
    assert not Indicator.objects.get(pk=untranslated.pk).texts.exists()

    apps = migrate(BEFORE)

    back = apps.get_model("home", "Indicator").objects.get(pk=translated.pk)
    assert (back.name_en, back.unit_en, back.name_da, back.unit_da) == (
        "Safety",
        "per cent",
        "Tryghed",
        "",
    )
    assert (back.name_nb, back.unit_nb) == ("", "")
    assert not apps.get_model("home", "IndicatorText").objects.exists()
