"""Indicators and measurements in the admin: entered by the board, checked."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from home.models import Indicator, IndicatorText, Measurement
from tests.factories.pages import site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    plan_with_priorities,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target_date": datetime.date(2023, 1, 1)}, "target_date"),
        ({"target_value": Decimal("40")}, "target_value"),
        ({"direction": "lower"}, "direction"),
    ],
)
def test_inconsistent_indicator_is_refused(changes, field):
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    indicator = IndicatorFactory.build(priority=priority, **changes)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert field in error.value.message_dict


def test_one_measurement_per_indicator_and_date():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    indicator = IndicatorFactory(priority=priority)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2025, 1, 1))
    duplicate = Measurement(
        indicator=indicator, measured_on=datetime.date(2025, 1, 1), value=1, source="x"
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_board_adds_an_indicator_with_measurements_in_the_admin(client_for):
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    client = client_for("board")
    url = "/admin/snippets/home/indicator/add/"
    assert client.get(url).status_code == 200
    data = {
        "priority": priority.pk,
        "name": "Trygghet",
        "unit": "%",
        "direction": "higher",
        "baseline_value": "40",
        "baseline_date": "2024-01-01",
        "target_value": "70",
        "target_date": "2027-12-31",
        "sort_order": "0",
        "measurements-TOTAL_FORMS": "1",
        "measurements-INITIAL_FORMS": "0",
        "measurements-MIN_NUM_FORMS": "0",
        "measurements-MAX_NUM_FORMS": "1000",
        "measurements-0-measured_on": "2025-06-30",
        "measurements-0-value": "52.5",
        "measurements-0-source": "Enkät",
        "measurements-0-note": "",
        "measurements-0-id": "",
        "measurements-0-DELETE": "",
        "texts-TOTAL_FORMS": "1",
        "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "0",
        "texts-MAX_NUM_FORMS": "1000",
        "texts-0-locale": Locale.objects.get(language_code="en").pk,
        "texts-0-name": "Safety",
        "texts-0-unit": "",
        "texts-0-id": "",
        "texts-0-DELETE": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else ""
    )
    indicator = Indicator.objects.get(name="Trygghet")
    assert indicator.measurements.get().value == Decimal("52.5")
    text = indicator.texts.get()
    assert (text.locale.language_code, text.name, text.unit) == ("en", "Safety", "")


def test_the_indicator_form_offers_only_the_other_languages(client_for):
    html = client_for("board").get("/admin/snippets/home/indicator/add/")
    form = html.context["form"].formsets["texts"].empty_form
    codes = {locale.language_code for locale in form.fields["locale"].queryset}
    assert codes == {"da", "nb", "en"}


def test_an_indicator_text_in_the_main_language_or_twice_is_refused():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    indicator = IndicatorFactory(priority=priority, texts={"en": "Safety"})
    swedish = IndicatorText(
        indicator=indicator, locale=Locale.objects.get(language_code="sv"), name="x"
    )
    with pytest.raises(ValidationError) as error:
        swedish.full_clean()
    assert "locale" in error.value.message_dict
    twice = IndicatorText(
        indicator=indicator, locale=Locale.objects.get(language_code="en"), name="y"
    )
    with pytest.raises(ValidationError):
        twice.full_clean()


def test_members_cannot_open_the_indicator_admin(client_for):
    assert (
        client_for("member").get("/admin/snippets/home/indicator/").status_code == 302
    )
