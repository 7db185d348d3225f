"""What the pages that give a section of the site its address have in common,
and what every page of ours keeps in the shared fragments."""

from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction

from bid.cache import active_locale, children_tag, memoise, page_tag, record


class SharedLookups:
    """What Wagtail reads from the database each time it serves a page, kept in
    the shared fragments instead: the active locale (Wagtail routes every
    request through the home page's `localized`), which child a slug names
    on the way to the page, and the view restrictions of the page and its
    ancestors (Wagtail's `before_serve_page` check).

    A routable page lists RoutablePageMixin before this class, so that its
    own routes are tried before its children."""

    @property
    def localized_draft(self):
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        locale = active_locale()
        if locale.id == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def route(self, request, path_components):
        """Wagtail's, with the child a slug names kept (purged with the list of
        this page's children: a child added, moved, renamed or removed);
        the child's own row is read afresh, its state with it."""
        if not path_components:
            return super().route(request, path_components)
        slug = path_components[0]
        pk, content_type_id = memoise(
            f"child:{self.pk}:{slug}",
            partial(_child, self, slug),
            tags=[children_tag(self)],
        )
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        subpage = model.objects.filter(pk=pk).first() if model else None
        if subpage is None:
            raise Http404
        subpage._cached_parent_obj = self
        return subpage.route(request, path_components[1:])

    def get_view_restrictions(self):
        ids = memoise(
            f"view-restrictions:{self.pk}",
            partial(_view_restriction_ids, self),
            tags=[page_tag(self)],
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def _child(page, slug: str) -> tuple[int, int]:
    """(id, content type) of the child of `page` with the slug; a slug that
    names none is not kept (any address can be asked for). By path, not
    `get_children()`, which trusts the page's count of children: the site's
    root page is itself kept, with the count it had then."""
    found = (
        Page.objects.child_of(page)
        .filter(slug=slug)
        .values_list("pk", "content_type_id")
    )
    if not found:
        raise Http404
    return tuple(found[0])


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
