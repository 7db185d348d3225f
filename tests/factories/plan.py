import datetime
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import (
    DistrictPlanPage,
    Indicator,
    IndicatorText,
    Measurement,
    NewsIndexPage,
    NewsPage,
    PriorityPage,
)


class DistrictPlanPageFactory(wagtail_factories.PageFactory):
    title = "Verksamhetsplan"
    slug = "plan"
    intro = "Vad vi vill uppnå."
    period_start = 2025
    period_end = 2028

    class Meta:
        model = DistrictPlanPage


class PriorityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Prioritering {n}")
    slug = factory.Sequence(lambda n: f"prioritering-{n}")
    summary = "Kort sammanfattning."
    status = PriorityPage.Status.ACTIVE

    class Meta:
        model = PriorityPage


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator in the main language; `texts={"en": "Safety"}` or
    `texts={"en": ("Litter", "spots")}` adds its name (and unit) in others."""

    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "%"
    direction = "higher"
    baseline_value = Decimal("40")
    baseline_date = datetime.date(2024, 1, 1)
    target_value = Decimal("80")
    target_date = datetime.date(2028, 1, 1)
    is_headline = True

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    @factory.post_generation
    def texts(self, create, extracted, **kwargs):
        if not create:
            return
        for code, text in (extracted or {}).items():
            name, unit = (text, "") if isinstance(text, str) else text
            IndicatorTextFactory(indicator=self, locale=code, name=name, unit=unit)


class IndicatorTextFactory(factory.django.DjangoModelFactory):
    indicator = factory.SubFactory(IndicatorFactory)
    locale = "en"
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = ""

    class Meta:
        model = IndicatorText

    @classmethod
    def _create(cls, model_class, *args, locale, **kwargs):
        if isinstance(locale, str):
            locale = Locale.objects.get(language_code=locale)
        return super()._create(model_class, *args, locale=locale, **kwargs)


class MeasurementFactory(factory.django.DjangoModelFactory):
    measured_on = factory.Sequence(
        lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=30 * (n + 1))
    )
    value = Decimal("50")
    source = "Enkät"

    class Meta:
        model = Measurement


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheter"
    slug = "nyheter"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    summary = "Något hände."
    published_on = datetime.date(2026, 5, 1)

    class Meta:
        model = NewsPage


def plan_with_priorities(home, count=3, *, slug="plan"):
    """A published plan under the home page with `count` published priorities."""
    plan = DistrictPlanPageFactory(parent=home, slug=slug)
    priorities = [PriorityPageFactory(parent=plan) for _ in range(count)]
    return plan, priorities
