"""The site's published pages as JSON under /api/v2/pages/, in the shape Wagtail's
own pages API gave them (``meta.total_count``, ``items[]`` with ``id``, ``title``
and ``meta``), paged and answering errors as every other endpoint does."""

import operator
from datetime import datetime
from functools import reduce
from typing import Any

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field, field_validator
from wagtail.api.utils import get_full_url
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page, Site

from bid import languages
from bid.api_errors import ERRORS, PositiveId

router = Router(tags=["pages"])

# Wagtail's page size: 20 unless asked for fewer, never more.
PAGE_SIZE = 20
# What every item of the listing carries; ``fields`` may name them (as clients of
# Wagtail's API do) but neither adds nor removes any.
LISTING_FIELDS = frozenset(
    (
        "id",
        "title",
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "locale",
    )
)


def page_models(value: str) -> tuple[type[Page], ...]:
    """The page models named in ``app_label.ModelName[,…]``; ValueError otherwise."""
    models = []
    for name in value.split(","):
        try:
            model = resolve_model_string(name)
        except (LookupError, ValueError) as error:
            raise ValueError(f"{name} is not a model") from error
        if not issubclass(model, Page):
            raise ValueError(f"{name} is not a page type")
        models.append(model)
    return tuple(models)


class PageFilter(Schema):
    type: str = Field(
        "",
        pattern=r"^[A-Za-z0-9_.,]{0,200}$",
        description=(
            "Only pages of this type or its subtypes, as app_label.ModelName, "
            "e.g. home.PriorityPage; several separated by commas."
        ),
    )
    locale: str = Field(
        "",
        pattern=r"^[a-zA-Z-]{0,20}$",
        description="Only pages in this language of the site, e.g. sv.",
    )
    fields: str = Field(
        "",
        pattern=r"^[a-z_*,]{0,200}$",
        description=(
            "Accepted for clients of Wagtail's API: every item always carries "
            "id, title and meta (type, detail_url, html_url, slug, "
            "first_published_at, locale); naming these or * is allowed, any "
            "other name answers 422."
        ),
    )

    @field_validator("type")
    @classmethod
    def _known_page_types(cls, value: str) -> str:
        if value:
            page_models(value)
        return value

    @field_validator("fields")
    @classmethod
    def _listing_fields(cls, value: str) -> str:
        unknown = {name for name in value.split(",") if name} - LISTING_FIELDS - {"*"}
        if unknown:
            raise ValueError("unknown fields: " + ", ".join(sorted(unknown)))
        return value


class FindFilter(Schema):
    html_path: str = Field(
        pattern=r"^[^\x00]{0,1000}$",
        description="The page's path on the site, e.g. /plan/",
    )


class ListingMetaOut(Schema):
    total_count: int = Field(description="The same number as count")


class LinkMetaOut(Schema):
    type: str = Field(description="The page type, e.g. home.PriorityPage")
    detail_url: str
    html_url: str | None


class PageMetaOut(LinkMetaOut):
    slug: str
    first_published_at: datetime | None
    locale: str


class PageLinkOut(Schema):
    id: int
    meta: LinkMetaOut
    title: str


class PageOut(Schema):
    id: int
    meta: PageMetaOut
    title: str

    @staticmethod
    def resolve_meta(page, context) -> dict:
        return page_meta(context["request"], page)


class PageDetailMetaOut(PageMetaOut):
    show_in_menus: bool
    seo_title: str
    search_description: str
    alias_of: PageLinkOut | None = Field(description="The page this one mirrors")
    parent: PageLinkOut | None = Field(description="Unless the parent is not public")


class PageDetailOut(Schema):
    id: int
    meta: PageDetailMetaOut
    title: str


class PagesPagination(LimitOffsetPagination):
    """The limit and offset of /api/v1's lists, with Wagtail's page size and its
    ``meta.total_count`` beside ``count``."""

    class Input(Schema):
        limit: int = Field(PAGE_SIZE, ge=1, le=PAGE_SIZE)
        # The database is asked for this offset, and PostgreSQL refuses one beyond
        # 64 bits: no site holds more pages than a page id (32 bits) can count.
        offset: int = Field(0, ge=0, le=2**31 - 1)

    class Output(Schema):
        count: int
        meta: ListingMetaOut
        items: list[Any]

    def __init__(self, **kwargs):
        super().__init__(max_limit=PAGE_SIZE, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        return {**page, "meta": {"total_count": page["count"]}}


def public_pages(request):
    """Live pages in no private section, under the home page of the request's
    site in each of its languages: what Wagtail's pages API listed for anyone."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    roots = [site.root_page, *site.root_page.get_translations()]
    in_site = reduce(
        operator.or_,
        (Page.objects.descendant_of_q(root, inclusive=True) for root in roots),
    )
    return (
        Page.objects.live().public().filter(in_site).select_related("locale")
    ).order_by("path")


def link_meta(request, page) -> dict:
    # The type comes from the content type Django keeps cached: the page's own
    # table is never read.
    model = page.specific_class
    return {
        "type": f"{model._meta.app_label}.{model.__name__}",
        "detail_url": get_full_url(
            request, reverse("api-v1:page_detail", args=[page.pk])
        ),
        "html_url": page.get_full_url(request),
    }


def page_meta(request, page) -> dict:
    return {
        **link_meta(request, page),
        "slug": page.slug,
        "first_published_at": page.first_published_at,
        "locale": page.locale.language_code,
    }


def page_link(request, page) -> dict | None:
    if page is None:
        return None
    return {"id": page.pk, "meta": link_meta(request, page), "title": page.title}


@router.get("/", response={200: list[PageOut], **ERRORS}, summary="Published pages")
@paginate(PagesPagination)
def page_list(request, filters: Query[PageFilter]):
    """Every published page anyone may read, in the order of the page tree;
    filter by type and by language. An unknown language answers 404."""
    pages = public_pages(request)
    if filters.type:
        pages = pages.type(*page_models(filters.type))
    if filters.locale:
        if filters.locale not in languages.codes():
            raise Http404
        pages = pages.filter(locale__language_code=filters.locale)
    return pages


@router.get(
    "/{int:page_id}/",
    response={200: PageDetailOut, **ERRORS},
    summary="One published page",
)
def page_detail(request, page_id: PositiveId):
    """A page that is a draft, private or outside the site answers 404."""
    pages = public_pages(request)
    page = pages.filter(pk=page_id).first()
    if page is None:
        raise Http404
    alias_of = pages.filter(pk=page.alias_of_id).first() if page.alias_of_id else None
    return {
        "id": page.pk,
        "meta": {
            **page_meta(request, page),
            "show_in_menus": page.show_in_menus,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "alias_of": page_link(request, alias_of),
            "parent": page_link(request, pages.parent_of(page).first()),
        },
        "title": page.title,
    }


@router.get(
    "/find/",
    response={302: None, **ERRORS},
    summary="The page at a path on the site",
)
def page_find(request, filters: Query[FindFilter]):
    """Redirects to the page's detail, keeping the other query parameters; a
    path that leads to no published page answers 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in filters.html_path.split("/") if part]
    # route() answers 404 itself for a path that leads nowhere.
    page, _args, _kwargs = site.root_page.specific.route(request, components)
    if not public_pages(request).filter(pk=page.pk).exists():
        raise Http404
    url = get_full_url(request, reverse("api-v1:page_detail", args=[page.pk]))
    query = request.GET.copy()
    query.pop("html_path", None)
    return HttpResponseRedirect(f"{url}?{query.urlencode()}" if query else url)
