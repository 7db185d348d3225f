"""Marking text written only in the site's main language (a ranking's
rationale, say) on a page in another language."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from bid import languages

register = template.Library()


@register.simple_tag
def main_language_lang() -> str:
    """` lang="sv"` on a page in another language; empty on a Swedish page."""
    language = languages.default()
    if translation.get_language() == language:
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
def main_language() -> str:
    return languages.default()
