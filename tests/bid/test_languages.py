"""The site's languages come from settings.LANGUAGES alone, and whatever is kept
per language (money formats, search analysers, indicator names) covers each of them."""

import pytest
from wagtail.models import Locale

from bid import languages
from bid.money import BABEL_LOCALES
from home.models import IndicatorText
from search.backends.elasticsearch import ANALYZERS
from search.documents import SearchDocument


def test_the_languages_are_those_of_the_setting_default_first(settings):
    assert languages.codes() == ("sv", "da", "nb", "en")
    assert languages.default() == "sv"
    assert languages.translations() == ("da", "nb", "en")
    settings.LANGUAGES = [("sv", "Svenska"), ("fi", "Suomi")]
    assert languages.codes() == ("sv", "fi")
    assert languages.translations() == ("fi",)


def test_wagtail_translates_content_into_the_same_languages(settings):
    assert settings.WAGTAIL_CONTENT_LANGUAGES == settings.LANGUAGES


@pytest.mark.parametrize("table", [BABEL_LOCALES, ANALYZERS], ids=["money", "es"])
def test_every_language_has_what_is_kept_per_language(table):
    assert set(languages.codes()) <= set(table)


def test_search_documents_are_in_a_language_of_the_site(settings):
    def document(language):
        return SearchDocument(
            id="x",
            group="g",
            type="page",
            title="T",
            body="",
            url="/",
            language=language,
        )

    with pytest.raises(ValueError):
        document("fi")
    settings.LANGUAGES = [*settings.LANGUAGES, ("fi", "Suomi")]
    assert document("fi").language == "fi"


@pytest.mark.django_db
def test_indicator_texts_can_be_written_in_every_translation():
    field = IndicatorText._meta.get_field("locale")
    locales = Locale.objects.complex_filter(field.get_limit_choices_to())
    assert set(locales.values_list("language_code", flat=True)) == set(
        languages.translations()
    )
