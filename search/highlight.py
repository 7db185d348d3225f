"""Safe snippets: text escaped, matches (marked by the backends with the
START/STOP control characters) wrapped in <mark>."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.backends.base import START, STOP


def mark_snippet(text: str) -> str:
    cleaned = escape(text.replace("\x00", ""))
    # Escaped above; only the backends' control characters become <mark>.
    return mark_safe(cleaned.replace(START, "<mark>").replace(STOP, "</mark>"))  # nosec B308, B703
