"""Each module says what it puts in the search index by registering a source
in its `search_documents.py` (found when the search app starts)."""

from urllib.parse import urlsplit

from django.db.models import Model, QuerySet
from django.urls import translate_url
from django.utils import translation

from bid import languages
from bid.cache import memoise
from search.documents import SearchDocument

_sources: dict[str, "SearchSource"] = {}


class SearchSource:
    """A kind of object that becomes search documents.

    `model` is the object whose documents these are; saving or deleting one
    re-indexes it. Saving a `related` model re-indexes the object it belongs
    to (an agenda item re-indexes its meeting)."""

    model: type[Model]
    related: dict[type[Model], str] = {}  # model → attribute naming the object

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def group(self, pk) -> str:
        return f"{self.label}:{pk}"

    def queryset(self) -> QuerySet:
        """Everything to index on a rebuild."""
        return self.model._default_manager.all()

    def get(self, pk):
        return self.queryset().filter(pk=pk).first()

    def documents(self, obj) -> list[SearchDocument]:
        """The object's documents; [] when it must not be found."""
        raise NotImplementedError

    def localize_url(self, url: str, language: str) -> str:
        """The document's address for a reader of `language` (records kept in
        one language are indexed once, with the main language's address)."""
        return url


def swap_prefix(url: str, index_model, language: str) -> str:
    """An address under one language's index page, moved under the index page
    of another language (Wagtail slugs differ per language)."""
    urls = memoise(
        f"index-urls:{index_model._meta.label}",
        lambda: {
            p.locale.language_code: p.url
            for p in index_model.objects.live().select_related("locale")
        },
        tags=[index_model._meta.label_lower],
    )
    source, target = urls.get("sv"), urls.get(language)
    if source and target and url.startswith(source):
        return target + url[len(source) :]
    return url


def index_page(model):
    """The live index page of the type whose addresses the documents link to:
    the main language's (documents are indexed in it), or any when the site
    has none in it; None without one."""
    pages = model.objects.live()
    return (
        pages.filter(locale__language_code=languages.default()).first() or pages.first()
    )


def translated_path(url: str, language: str) -> str:
    """A Django address (the portal) in another language's prefix."""
    # translate_url only reads an address of the active language: read it in
    # the language its prefix names (none: the main language).
    prefix = urlsplit(url).path.lstrip("/").split("/", 1)[0]
    written_in = prefix if prefix in languages.codes() else languages.default()
    with translation.override(written_in):
        return translate_url(url, language)


def register(source_class: type[SearchSource]) -> type[SearchSource]:
    source = source_class()
    _sources[source.label] = source
    _by_model.clear()
    _owners.clear()
    return source_class


def sources() -> list[SearchSource]:
    return list(_sources.values())


def source(label: str) -> SearchSource | None:
    return _sources.get(label)


_by_model: dict[type, SearchSource | None] = {}


def source_for_model(model) -> SearchSource | None:
    if model not in _by_model:
        _by_model[model] = next(
            (s for s in _sources.values() if issubclass(model, s.model)), None
        )
    return _by_model[model]


_owners: dict[type, list] = {}


def owners_of(model) -> list[tuple[SearchSource, str]]:
    """The sources a part belongs to: (source, attribute naming the owner)."""
    if model not in _owners:
        _owners[model] = [
            (s, attribute)
            for s in _sources.values()
            for related, attribute in s.related.items()
            if issubclass(model, related)
        ]
    return _owners[model]
