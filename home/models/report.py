"""The year's activity report (verksamhetsberättelse): a section listing the
published reports and one page per year, drafted from the data by
`home.annual_report` and edited and published by the board and the secretariat
through the site's workflow."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from bid.pages import SectionPage, SharedLookups
from home.blocks import ReportBodyBlock
from home.models.plan import IndicatorText
from home.report_pdf import annual_report_pdf

PDF_MIMETYPE = "application/pdf"


class AnnualReportIndexPage(SectionPage):
    subpage_types = ["home.AnnualReportPage"]
    # Every language's list shows the main language's reports it has no
    # translation of (bid/cache.py).
    cache_tags = ("home.annualreportpage",)

    class Meta:
        verbose_name = _("activity reports")
        verbose_name_plural = _("activity reports")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = self.reports()
        return context

    def reports(self) -> list["AnnualReportPage"]:
        """The published reports, newest year first: the one in this page's
        language where it is translated, else the main language's."""
        locales = {self.locale_id, Locale.get_default().pk}
        candidates = (
            AnnualReportPage.objects.live()
            .public()
            .filter(locale__in=locales)
            .select_related("locale")
            .order_by("-year", "pk")
        )
        by_year: dict[int, AnnualReportPage] = {}
        for report in candidates:
            if report.year not in by_year or report.locale_id == self.locale_id:
                by_year[report.year] = report
        return list(by_year.values())


class AnnualReportPage(RoutablePageMixin, SharedLookups, Page):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    summary = models.TextField(_("summary"), max_length=800)
    body = StreamField(ReportBodyBlock(), verbose_name=_("body"), blank=True)
    # The year's figures as the generator counted them, for the PDF and for
    # checking the text against the ledger; not edited by hand.
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    generated_at = models.DateTimeField(
        _("figures counted at"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year", read_only=True),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    parent_page_types = ["home.AnnualReportIndexPage"]
    subpage_types = []
    # The indicator charts show the plan's current figures (bid/cache.py).
    cache_tags = ("home.indicator", "home.indicatortext", "home.measurement")

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_indicators()
        return context

    def prefetch_indicators(self) -> None:
        """Measurements and texts of every charted indicator in two queries,
        whatever the number of charts."""
        indicators = [
            block.value["indicator"]
            for block in self.body
            if block.block_type == "indicator_chart" and block.value["indicator"]
        ]
        prefetch_related_objects(
            indicators,
            "measurements",
            models.Prefetch(
                "texts", queryset=IndicatorText.objects.select_related("locale")
            ),
        )

    @path("pdf/", name="pdf")
    def pdf(self, request):
        response = HttpResponse(annual_report_pdf(self), content_type=PDF_MIMETYPE)
        response["Content-Disposition"] = (
            f'inline; filename="{self.slug}-{self.year}.pdf"'
        )
        return response
