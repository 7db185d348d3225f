from django import template
from django.utils import translation
from django.utils.html import format_html

from bid import languages
from members.meetings.pages import MeetingIndexPage
from members.meetings.selectors import decisions_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def decision_url(context, decision):
    """The decision's permalink, when the reader may see it (published minutes
    of a meeting in their audience); otherwise empty."""
    if decision is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    if (
        user is None
        or not decisions_visible_to(user=user).filter(pk=decision.pk).exists()
    ):
        return ""
    index = MeetingIndexPage.for_active_locale()
    return index.decision_url(decision) if index else ""


@register.simple_tag
def records_lang():
    """` lang="sv"` for the records' own text (written in the main language)
    on a page in another language, so it is read out in its language; empty
    when the page is in that language."""
    language = languages.default()
    if translation.get_language() == language:
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
def records_language() -> str:
    """The language the records are written in: the site's main language."""
    return languages.default()
