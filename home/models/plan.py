"""The district plan, its ranked priorities, their indicators and the ranking history.

The rank of a priority is its position among the plan's children in the page
tree. Indicators and measurements are snippets shared by every translation of
a priority, so a measurement is entered once and shows in all four languages;
only an indicator's name and unit are translated (IndicatorText, per locale).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, PagePermissionTester
from wagtail.search import index

from bid import languages
from bid.cache import children_tag, memoise, page_tag
from bid.fields import acting_user
from bid.money import CURRENCIES, AmountMinorField
from bid.pages import SharedLookups
from home.blocks import PlanBodyBlock
from home.indicators import Direction, Point, assess


class PlanPermissionTester(PagePermissionTester):
    """Priorities are reordered only through the ranking form, which asks why."""

    def can_reorder_children(self):
        return False


class DistrictPlanPage(RoutablePageMixin, SharedLookups, Page):
    """The business plan: vision, goals, budget summary and the ranked priorities."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(PlanBodyBlock(), verbose_name=_("body"), blank=True)
    period_start = models.PositiveSmallIntegerField(
        _("plan period starts (year)"), null=True, blank=True
    )
    period_end = models.PositiveSmallIntegerField(
        _("plan period ends (year)"), null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    subpage_types = ["home.PriorityPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    # Its priorities (re-ranking moves and saves them) and their indicators.
    cache_tags = (
        "home.prioritypage",
        "home.indicator",
        "home.indicatortext",
        "home.measurement",
        "home.rankingchange",
    )

    class Meta:
        verbose_name = _("district plan")

    def clean(self):
        super().clean()
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The plan period cannot end before it starts.")}
            )

    def permissions_for_user(self, user):
        return PlanPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context["priorities"] = selectors.priorities_ranked(plan=self)
            return context
        # The same for every visitor: kept until a priority or an indicator
        # changes, or the plan itself.
        context["priorities"] = memoise(
            f"plan-priorities:{self.pk}",
            lambda: selectors.priorities_ranked(plan=self),
            tags=[page_tag(self), children_tag(self), *self.cache_tags],
        )
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("history/", name="history")
    def history(self, request):
        return self.render(
            request,
            context_overrides={"changes": selectors.ranking_history(plan=self)},
            template="home/plan_history.html",
        )


class PriorityPage(SharedLookups, Page):
    """One priority of the plan. Its rank is its position under the plan."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ACHIEVED = "achieved", _("Achieved")
        RETIRED = "retired", _("Retired")

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for listings.")
    )
    body = StreamField(PlanBodyBlock(), verbose_name=_("body"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    budget_year = models.PositiveSmallIntegerField(
        _("budget year"), null=True, blank=True
    )
    budget_amount_minor = AmountMinorField(
        _("budget for the year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the currency below, e.g. 1250000 or 1250000.50."),
    )
    budget_currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    # Not `areas`: revisions saved before the areas were records hold text
    # under that name.
    district_areas = ParentalManyToManyField(
        "areas.Area",
        verbose_name=_("areas of the district"),
        blank=True,
        related_name="priorities",
        help_text=_("Where the priority's work is done; choose several where true."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("budget_year"),
                        FieldPanel("budget_amount_minor"),
                        FieldPanel("budget_currency"),
                    ]
                )
            ],
            heading=_("Budget"),
        ),
        InlinePanel(
            "responsible_parties",
            heading=_("Responsible parties"),
            label=_("Party"),
        ),
        FieldPanel("district_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]

    parent_page_types = ["home.DistrictPlanPage"]
    subpage_types = []
    # Its rank among the other priorities, its indicators and its projects
    # with their organisations.
    cache_tags = (
        "home.districtplanpage",
        "home.prioritypage",
        "home.indicator",
        "home.indicatortext",
        "home.measurement",
        "proposals",
        "organisations.organisation",
    )

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def clean(self):
        super().clean()
        if self.budget_amount_minor is not None and not self.budget_year:
            raise ValidationError(
                {"budget_year": _("Say which year the budget is for.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A draft's parties are its own: never kept for the live page.
            context.update(selectors.priority_detail(priority=self))
            return context
        # The same for every visitor; the priorities' titles are in the
        # reader's language.
        name = f"priority-detail:{self.pk}:{translation.get_language()}"
        context.update(
            memoise(
                name,
                lambda: selectors.priority_detail(priority=self),
                tags=[page_tag(self), *self.cache_tags],
            )
        )
        return context

    @property
    def area_names(self) -> list[str]:
        return [area.name for area in self.district_areas.all()]


class PriorityParty(Orderable):
    """Who answers for a priority. Until organisations exist, a name and a role."""

    page = ParentalKey(
        PriorityPage, on_delete=models.CASCADE, related_name="responsible_parties"
    )
    name = models.CharField(_("party"), max_length=200)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. “lead”, “funds”.")
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("responsible party")

    def __str__(self):
        return self.name


class Indicator(index.Indexed, ClusterableModel):
    """A measurable sign of progress on a priority, with baseline and target."""

    priority = models.ForeignKey(
        PriorityPage,
        verbose_name=_("priority"),
        on_delete=models.CASCADE,
        related_name="indicators",
        help_text=_("Choose the priority in the plan's main language."),
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("In the plan's main language; other languages below."),
    )
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. %, incidents"))
    direction = models.CharField(
        _("direction"),
        max_length=8,
        choices=[
            (Direction.HIGHER_IS_BETTER.value, _("Higher is better")),
            (Direction.LOWER_IS_BETTER.value, _("Lower is better")),
        ],
        default=Direction.HIGHER_IS_BETTER.value,
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2
    )
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2
    )
    target_date = models.DateField(_("target date"))
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        help_text=_("Where it is measured, if in one area of the district only."),
    )
    is_headline = models.BooleanField(
        _("headline indicator"),
        default=False,
        help_text=_("Shown with the priority in listings and on the home page."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("priority"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
        InlinePanel(
            "texts",
            heading=_("Name and unit in other languages"),
            label=_("Language"),
            help_text=_(
                "Where a language is missing, its readers see the main language."
            ),
        ),
        FieldPanel("direction"),
        FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_date")]),
        FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_date")]),
        FieldPanel("area"),
        FieldRowPanel([FieldPanel("is_headline"), FieldPanel("sort_order")]),
        InlinePanel("measurements", heading=_("Measurements"), label=_("Measurement")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("priority_id"),
    ]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["priority_id", "-is_headline", "sort_order", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.baseline_date
            and self.target_date
            and self.target_date <= self.baseline_date
        ):
            errors["target_date"] = _("The target date must come after the baseline.")
        if (
            self.baseline_value is not None
            and self.target_value is not None
            and self.target_value == self.baseline_value
        ):
            errors["target_value"] = _("The target must differ from the baseline.")
        elif self.baseline_value is not None and self.target_value is not None:
            rising = self.target_value > self.baseline_value
            if rising != (self.direction == Direction.HIGHER_IS_BETTER):
                errors["direction"] = _(
                    "The target lies in the other direction from the baseline."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def localized_name(self) -> str:
        """The name in the active language, or in the main language."""
        text = self._text_in_active_language()
        return (text and text.name) or self.name

    @property
    def localized_unit(self) -> str:
        """The unit in the active language, or in the main language."""
        text = self._text_in_active_language()
        return (text and text.unit) or self.unit

    def _text_in_active_language(self) -> "IndicatorText | None":
        # Reads the prefetched texts (home.selectors) so lists cost no query
        # per indicator; the main language needs none at all.
        language = (translation.get_language() or languages.default()).split("-")[0]
        if language == languages.default():
            return None
        return next(
            (t for t in self.texts.all() if t.locale.language_code == language), None
        )

    @cached_property
    def series(self) -> list[Point]:
        """Measurements in date order (uses prefetched rows when present)."""
        return sorted(
            (Point(m.measured_on, m.value) for m in self.measurements.all()),
            key=lambda point: point.on,
        )

    @cached_property
    def assessment(self):
        return assess(
            baseline=Point(self.baseline_date, self.baseline_value),
            target=Point(self.target_date, self.target_value),
            direction=Direction(self.direction),
            measurements=self.series,
        )


def _translation_locales() -> models.Q:
    return ~models.Q(language_code=languages.default())


class IndicatorText(models.Model):
    """An indicator's name and unit in one of the site's other languages.

    The numbers stay on the indicator, entered once; only the words are
    translated, per Wagtail locale, like the pages they appear on.
    """

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="texts")
    locale = models.ForeignKey(
        Locale,
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=_translation_locales,
    )
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(
        _("unit"),
        max_length=40,
        blank=True,
        help_text=_("Leave empty to use the unit in the main language."),
    )

    panels = [
        FieldPanel("locale"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
    ]

    class Meta:
        verbose_name = _("indicator text")
        verbose_name_plural = _("indicator texts")
        ordering = ["locale_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "locale"],
                name="home_indicatortext_one_per_language",
                violation_error_message=_(
                    "This indicator already has a text in that language."
                ),
            )
        ]

    def __str__(self):
        return f"{self.indicator} ({self.locale})"

    def clean(self):
        super().clean()
        if self.locale_id and self.locale.language_code == languages.default():
            raise ValidationError(
                {"locale": _("The main language's text is the indicator's own.")}
            )


class Measurement(models.Model):
    """One recorded value of an indicator."""

    indicator = ParentalKey(
        Indicator, on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=200, help_text=_("Where the figure comes from.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("measured_on"), FieldPanel("value")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"],
                name="home_measurement_one_per_indicator_and_date",
                violation_error_message=_(
                    "This indicator already has a measurement on that date."
                ),
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.measured_on}: {self.value}"


class RankingChange(models.Model):
    """A change to the order of the priorities: who, when, why, before and after.

    Rankings are lists of priority translation keys, so one record serves every
    language version of the plan.
    """

    plan_translation_key = models.UUIDField(db_index=True)
    changed_at = models.DateTimeField(
        _("changed at"), default=timezone.now, editable=False
    )
    changed_by = acting_user(_("changed by"))
    changed_by_name = models.CharField(_("changed by (name)"), max_length=200)
    rationale = models.TextField(_("rationale"))
    ranking_before = models.JSONField(default=list)
    ranking_after = models.JSONField(default=list)

    class Meta:
        verbose_name = _("ranking change")
        verbose_name_plural = _("ranking changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d} {self.changed_by_name}"


# The page reads go through home's selectors, which import the models above.
from home import selectors  # noqa: E402
