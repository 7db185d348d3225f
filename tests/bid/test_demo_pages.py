"""Demo pages in every language (`bid.demo.page_in_every_language`)."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from bid import demo
from home.models import StandardPage
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db

TEXT = {
    "title": {"sv": "Om oss", "da": "Om os", "nb": "Om oss", "en": "About us"},
    "slug": {"sv": "om-oss", "da": "om-os", "nb": "om-oss-nb", "en": "about-us"},
}


def test_each_translation_is_made_at_its_own_address_and_leaves_no_redirect(
    django_capture_on_commit_callbacks,
):
    homes = {code: site_home(code) for code in TEXT["slug"]}
    # Wagtail makes its redirects after commit; here they run as they would.
    with django_capture_on_commit_callbacks(execute=True):
        source = demo.page_in_every_language(
            parent=homes["sv"], model=StandardPage, text=TEXT
        )
    for code, home in homes.items():
        page = source.get_translation(home.locale)
        assert page.live and page.title == TEXT["title"][code]
        assert page.url_path == f"{home.url_path}{TEXT['slug'][code]}/"
    assert list(Redirect.objects.values_list("old_path", flat=True)) == []
