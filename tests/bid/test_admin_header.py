"""Our own admin pages wear Wagtail's slim header, whose breadcrumbs start at
the admin's home, like Wagtail's own pages (bid/templatetags/admin_header_tags.py)."""

from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from tests.trails import admin_trail

TEMPLATE = Template(
    "{% load admin_header_tags %}"
    '{% admin_header "Avtal" "/admin/avtal/" current="Hyra" heading="Avtalet Hyra"'
    ' sublabel="utgår snart" icon="date" %}'
)


class Rendered:
    status_code = 200

    def __init__(self, content: str):
        self.content = content.encode()


def test_the_trail_starts_at_the_admin_s_home_and_ends_at_the_page():
    with translation.override("sv"):
        page = TEMPLATE.render(Context({}))
    assert admin_trail(Rendered(page)) == [
        ("Start", "/admin/"),
        ("Avtal", "/admin/avtal/"),
        ("Hyra : utgår snart", None),
    ]
    # The heading for screen readers is the page's whole title.
    assert '<h1 class="w-sr-only">' in page and "Avtalet Hyra" in page


def test_no_admin_page_of_ours_keeps_the_old_header_or_a_back_arrow():
    """A page of ours with the old large header, or with a "←" link back to
    its list beside the trail, would be a second shape of admin page."""
    found = []
    for template in Path(settings.BASE_DIR).glob("members/*/templates/*/admin/*.html"):
        text = template.read_text()
        if "wagtailadmin/shared/header.html" in text or "←" in text:
            found.append(str(template.relative_to(settings.BASE_DIR)))
    assert not found, found
