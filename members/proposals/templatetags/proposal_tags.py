from django import template
from django.utils.safestring import mark_safe

from bid.access import organisations_of
from members.proposals.text import text_to_html

register = template.Library()


@register.filter
def as_rich_text(text: str) -> str:
    """A member's plain-text description as sanitised HTML."""
    # text_to_html() escapes the text and sanitises the result with nh3.
    return mark_safe(text_to_html(text))  # nosec B308, B703


@register.filter
def may_propose(user) -> bool:
    """Whether "Propose a project" leads anywhere for this person: only people
    acting for an organisation propose."""
    return bool(organisations_of(user))
