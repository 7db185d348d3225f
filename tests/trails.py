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


def admin_trail(response) -> list[tuple[str, str | None]]:
    """Each step of an admin page's trail in Wagtail's header
    (wagtailadmin/shared/breadcrumbs.html): its label and its address (None
    for the current page)."""
    assert response.status_code == 200
    nav = html.fromstring(response.content.decode()).xpath(
        "//*[@data-w-breadcrumbs]//nav[@aria-label]"
    )
    assert len(nav) == 1, "one trail in the header"
    steps = []
    for item in nav[0].xpath(".//li"):
        link = item.xpath(".//a")
        label = (link[0] if link else item).text_content()
        steps.append((" ".join(label.split()), link[0].get("href") if link else None))
    return steps
