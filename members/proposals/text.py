"""Members write descriptions as plain text; they are shown as sanitised HTML.

Blank lines separate paragraphs, lines starting with "- " form a list and web
addresses become links. Whatever the input, only a few harmless tags survive.
"""

import html
import re

import nh3

TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "h3"}
ATTRIBUTES = {"a": {"href"}}
URL = re.compile(r"(https?://[^\s<]+[^\s<.,;:!?)\]'\"])")


def sanitise(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow ugc",
    )


def _inline(text: str) -> str:
    return URL.sub(r'<a href="\1">\1</a>', html.escape(text, quote=False))


def text_to_html(text: str) -> str:
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    parts = []
    for block in blocks:
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line.lstrip()[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return sanitise("".join(parts))
