"""Proposal descriptions: whatever a member types, only a few harmless tags
reach the page."""

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from members.proposals.text import TAGS, sanitise, text_to_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    'http://example.org/"onmouseover=alert(1)',
    "<svg onload=alert(1)>",
    "<iframe src=//evil>",
    "<style>*{}</style>",
    "&lt;script&gt;",
    "- ",
    "\n\n",
    "https://example.org/a?b=<c>",
    "<<script>script>",
    "\x00",
]
texts = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=20), max_size=12).map(
    "".join
)


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the markup."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def assert_harmless(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag in TAGS
        for name, value in attrs:
            assert name in ("href", "rel")
            if name == "href":
                assert (value or "").startswith(("http://", "https://", "mailto:"))


@given(texts)
def test_text_to_html_only_ever_gives_harmless_markup(text):
    html = text_to_html(text)
    assert_harmless(html)
    # Sanitising again changes nothing: the output is already clean.
    assert sanitise(html) == html


@given(texts)
def test_sanitise_strips_anything_hostile(markup):
    assert_harmless(sanitise(markup))


@given(
    st.text(
        alphabet=st.characters(categories=["L", "N"]) | st.sampled_from(" \n"),
        max_size=60,
    )
)
def test_every_word_typed_reaches_the_page(text):
    html = text_to_html(text)
    for word in text.split():
        assert word in html
