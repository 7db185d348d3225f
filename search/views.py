"""One search over everything the reader may see, narrowed by facets that
combine; works without JavaScript."""

import math

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bid import languages
from bid.access import audience_for
from search import registry
from search.backends import get_search_backend
from search.backends.base import SearchRequest
from search.documents import FACETS

PER_PAGE = 10
MAX_PAGE = 100
TYPE_LABELS = {
    "page": _("Pages"),
    "plan": _("District plan"),
    "priority": _("Priorities"),
    "news": _("News"),
    "meeting": _("Meetings"),
    "minutes": _("Minutes"),
    "decision": pgettext_lazy("search type", "Decisions"),
    "attachment": _("Meeting documents"),
    "proposal": _("Proposals"),
    "evaluation": _("Lessons"),
    "agreement": _("Agreements"),
    "premises": _("Premises"),
}
FACET_LABELS = {
    "type": _("Type"),
    "body": pgettext_lazy("meeting body", "Body"),
    "year": _("Year"),
    "area": _("Area"),
    "priority": _("Priority"),
}


def _page_number(value) -> int:
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _url(document, language: str) -> str:
    source = registry.source(document.group.rsplit(":", 1)[0])
    if source is None or document.localized:
        return document.url
    return source.localize_url(document.url, language)


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    filters = {
        name: [v[:200] for v in request.GET.getlist(name) if v.strip()][:20]
        for name in FACETS
    }
    language = (get_language() or languages.default()).split("-")[0]
    searched = bool(query) or any(filters.values())
    results = None
    suggestion = ""
    if searched:
        backend = get_search_backend()
        search_request = SearchRequest(
            query=query,
            audience=audience_for(request.user),
            language=language if language in languages.codes() else languages.default(),
            filters=filters,
            page=_page_number(request.GET.get("page")),
            per_page=PER_PAGE,
        )
        results = backend.search(search_request)
        if not results.total and search_request.text:
            suggestion = backend.suggest(search_request)
    page = _page_number(request.GET.get("page"))
    pages = math.ceil(results.total / PER_PAGE) if results else 0
    facets = []
    if results:
        for name in FACETS:
            chosen = set(filters[name])
            values = [
                {
                    "value": value,
                    "label": TYPE_LABELS.get(value, value) if name == "type" else value,
                    "count": count,
                    "chosen": value in chosen,
                }
                for value, count in results.facets.get(name, [])
            ]
            # A chosen value with no hits left still shows, so it can be unticked.
            for value in chosen - {v["value"] for v in values}:
                label = TYPE_LABELS.get(value, value) if name == "type" else value
                values.append(
                    {"value": value, "label": label, "count": 0, "chosen": True}
                )
            if values:
                facets.append(
                    {"name": name, "label": FACET_LABELS[name], "values": values}
                )
    chosen_filters = []
    for name in FACETS:
        for value in filters[name]:
            remaining = request.GET.copy()
            remaining.setlist(name, [v for v in filters[name] if v != value])
            remaining.pop("page", None)
            label = TYPE_LABELS.get(value, value) if name == "type" else value
            chosen_filters.append(
                {
                    "label": f"{FACET_LABELS[name]}: {label}",
                    "url": "?" + remaining.urlencode(),
                }
            )

    suggestion_url = ""
    if suggestion:
        corrected = request.GET.copy()
        corrected["q"] = suggestion
        corrected.pop("page", None)
        suggestion_url = "?" + corrected.urlencode()

    def page_url(number):
        params = request.GET.copy() if request.GET else QueryDict(mutable=True)
        params["page"] = number
        return "?" + params.urlencode()

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "searched": searched,
            "results": results,
            "hits": [
                {
                    "hit": hit,
                    "url": _url(hit.document, language),
                    "type_label": TYPE_LABELS.get(hit.document.type, hit.document.type),
                }
                for hit in (results.hits if results else [])
            ],
            "facets": facets,
            "chosen_filters": chosen_filters,
            "suggestion": suggestion,
            "suggestion_url": suggestion_url,
            "page_number": page,
            "pages": pages,
            "previous_url": page_url(page - 1) if page > 1 else "",
            "next_url": page_url(page + 1) if page < min(pages, MAX_PAGE) else "",
        },
    )
