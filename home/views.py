"""Public views of the plan outside the page tree: indicator charts."""

from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from home.charts import indicator_chart_svg
from home.selectors import indicator_public


def _etag(request, indicator_id):
    indicator = indicator_public(indicator_id=indicator_id)
    if indicator is None:
        return None
    language = translation.get_language()
    return f"{indicator.pk}-{indicator.updated_at.timestamp()}-{language}"


@require_GET
@cache_control(public=True, max_age=300)
@condition(etag_func=_etag)
def indicator_chart(request, indicator_id: int):
    """The indicator's chart; only for indicators of live, public priorities."""
    indicator = indicator_public(indicator_id=indicator_id)
    if indicator is None:
        raise Http404
    return HttpResponse(indicator_chart_svg(indicator), content_type="image/svg+xml")
