"""`{% fragment %}`: a part of a template that every visitor sees alike, kept
in the shared fragment cache (bid/cache.py) and purged with what it shows."""

import hashlib

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from bid.cache import memoise

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary, tags, nodelist):
        self.name = name
        self.vary = vary
        self.tags = tags
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        parts = [
            host,
            translation.get_language(),
            *(v.resolve(context) for v in self.vary),
        ]
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        tags = self.tags.resolve(context) if self.tags is not None else ()
        if isinstance(tags, str):
            tags = tags.split()
        html = memoise(
            f"fragment:{self.name}:{digest}",
            lambda: str(self.nodelist.render(context)),
            tags=tags,
        )
        # The template's own output, escaped when it was rendered.
        return mark_safe(html)  # nosec B308, B703


@register.tag
def fragment(parser, token):
    """{% fragment "name" vary… [tags=expression] %}…{% endfragment %}

    Kept per host, language and the values of `vary`; `tags` (a list, or a
    string of labels separated by spaces) names what it shows, as in
    `memoise`, beside what its content records while rendering. The content
    must not depend on the visitor: no user, no CSRF token, no messages."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    name = bits[1].strip("\"'")
    vary, tags = [], None
    for bit in bits[2:]:
        if bit.startswith("tags="):
            tags = parser.compile_filter(bit.removeprefix("tags="))
        else:
            vary.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, vary, tags, nodelist)
