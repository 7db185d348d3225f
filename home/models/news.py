"""News: an index page per language with dated articles and an Atom feed."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from bid.blocks import BodyBlock
from bid.pages import SharedLookups
from home.feeds import NewsFeed

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, SharedLookups, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-published_on", "-pk")
        )

    @path("")
    def index_route(self, request):
        paginator = Paginator(self.articles(), NEWS_PER_PAGE)
        articles = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"articles": articles})

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed(index_page=self)(request)


class NewsPage(SharedLookups, Page):
    published_on = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("published_on"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
