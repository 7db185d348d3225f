"""The public site's general pages: the home page and standard content pages."""

from functools import partial

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from bid.blocks import BodyBlock
from bid.cache import memoise, page_tag, record, shared_key
from bid.hooks import HOME_SECTIONS_HOOK
from bid.pages import SharedLookups


class HomePage(SharedLookups, Page):
    """The district's front page: a hero, a short description and module sections."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_text = models.CharField(_("hero button text"), max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        _("short description"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                PageChooserPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("description"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("description"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # What the sections show, for the page cache (bid/cache.py).
    cache_tags = (
        "home.districtplanpage",
        "home.prioritypage",
        "home.indicator",
        "home.indicatortext",
        "home.measurement",
        "home.newsindexpage",
        "home.newspage",
        "meetings",
    )

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when the shared fragment holding the
        # sections is not cached (home_page.html).
        context["sections"] = partial(self.sections, request)
        context["hero_cta_url"] = memoise(
            shared_key("hero-cta", request, self.pk),
            partial(self.hero_cta_url, request),
            tags=[page_tag(self)],
        )
        return context

    def hero_cta_url(self, request) -> str:
        """The address of the hero button's page in the reader's language
        (renaming or moving that page purges it); empty without one."""
        if self.hero_cta_page_id is None or not self.hero_cta_text:
            return ""
        target = self.hero_cta_page.localized
        record(page_tag(target))
        return target.get_url(request) or ""

    def sections(self, request) -> list[dict]:
        """What the modules contribute to the front page, in the order they ask for.

        Each function registered with the `register_home_section` hook takes the
        request and the page and returns a dict with `template`, `order` and its
        own context, or None when it has nothing to show. Every visitor sees the
        same sections (they are cached once for all); what a section shows must
        be declared in `cache_tags`.
        """
        found = []
        for section in hooks.get_hooks(HOME_SECTIONS_HOOK):
            result = section(request=request, page=self)
            if result:
                found.append(result)
        return sorted(found, key=lambda section: section.get("order", 100))


class StandardPage(SharedLookups, Page):
    """A plain content page: about the district, contact, terms."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
