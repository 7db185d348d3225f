"""What the pages that give a section of the site its address have in common,
and what every page of ours keeps in the shared fragments."""

from functools import partial

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction

from bid.cache import active_locale, memoise, page_tag, record


class SharedLookups:
    """What Wagtail reads from the database each time it serves a page, kept in
    the shared fragments instead: the active locale (Wagtail routes every
    request through the home page's `localized`) and the view restrictions
    of the page and its ancestors (Wagtail's `before_serve_page` check)."""

    @property
    def localized_draft(self):
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        locale = active_locale()
        if locale.id == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def get_view_restrictions(self):
        ids = memoise(
            f"view-restrictions:{self.pk}",
            partial(_view_restriction_ids, self),
            tags=[page_tag(self)],
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def _view_restriction_ids(page) -> tuple[int, ...]:
    """Wagtail's own walk (an alias is checked as the page it is an alias of),
    noting each page it checks: a restriction added to or removed from one of
    them purges that page's branch, so the kept answer too."""
    checked = []

    def check(candidate):
        if candidate.alias_of_id:
            check(candidate.alias_of)
        else:
            checked.append(candidate)

    check(page)
    ancestors = list(page.get_ancestors().only("alias_of", "translation_key"))
    for ancestor in ancestors:
        check(ancestor)
    record(*(page_tag(seen) for seen in [*ancestors, *checked]))
    return tuple(
        PageViewRestriction.objects.filter(
            page_id__in=[seen.pk for seen in checked]
        ).values_list("pk", flat=True)
    )


class SectionPage(SharedLookups, Page):
    """A section's one page, right under the home page: an editable
    introduction above what the section's app lists, and no pages below it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True
