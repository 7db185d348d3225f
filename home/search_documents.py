"""Published public pages in the search: the plan, priorities, news and the
other pages, one document per page and language."""

from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from search.documents import PUBLIC, SearchDocument, plain_text
from search.registry import SearchSource, register

PAGE_TYPES = {
    "districtplanpage": "plan",
    "prioritypage": "priority",
    "newspage": "news",
}


def page_text(page) -> str:
    """The words of the page's searchable fields, rich text and blocks included."""
    parts = []
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        try:
            model_field = page._meta.get_field(field.field_name)
        except Exception:  # noqa: BLE001 - a method or property, not a field
            model_field = None
        if isinstance(model_field, StreamField):
            value = getattr(page, field.field_name)
            parts.extend(str(v) for v in model_field.get_searchable_content(value))
            continue
        value = field.get_value(page)
        if value is None:
            continue
        parts.append(str(value))
    return plain_text(" ".join(parts))


@register
class PageSource(SearchSource):
    model = Page

    def queryset(self):
        return Page.objects.live().public().filter(depth__gt=1).specific()

    def get(self, pk):
        return Page.objects.filter(pk=pk).specific().first()

    def documents(self, page) -> list[SearchDocument]:
        page = page.specific
        if (
            page.depth <= 1
            or not page.live
            or PageViewRestriction.objects.filter(
                page__in=page.get_ancestors(inclusive=True)
            ).exists()
        ):
            return []
        kind = PAGE_TYPES.get(page._meta.model_name, "page")
        on = getattr(page, "published_on", None) or (
            timezone.localdate(page.last_published_at)
            if page.last_published_at
            else None
        )
        priorities = [page.title] if kind == "priority" else []
        return [
            SearchDocument(
                id=f"page:{page.pk}",
                group=self.group(page.pk),
                type=kind,
                title=page.title,
                body=page_text(page),
                language=page.locale.language_code,
                url=page.url or "",
                visibility=PUBLIC,
                localized=True,
                areas=list(getattr(page, "area_names", []) or []),
                priorities=priorities,
                date=on,
            )
        ]
