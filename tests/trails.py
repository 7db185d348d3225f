"""Reading a page's breadcrumb trail (includes/breadcrumbs.html) in tests."""

from lxml import html


def trail(response) -> list[tuple[str, str | None]]:
    """Each step of the page's one trail: its title and its address (None for
    the current page)."""
    assert response.status_code == 200
    nav = html.fromstring(response.content).xpath(
        "//nav[contains(@class, 'breadcrumbs')]"
    )
    assert len(nav) == 1, "one trail on the page"
    return [(a.text_content().strip(), a.get("href")) for a in nav[0].xpath(".//li/a")]
