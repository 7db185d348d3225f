"""The catalogues: complete in every language, and compiled as committed."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["sv", "da", "nb"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 50


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source = polib.pofile(str(folder / "django.po"))
    compiled = polib.mofile(str(folder / "django.mo"))

    def key(entry):
        return (entry.msgctxt, entry.msgid)

    compiled_entries = {
        key(e): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid
    }
    for entry in source.translated_entries():
        assert key(entry) in compiled_entries, f"{entry.msgid!r} is not compiled"
        msgstr, plural = compiled_entries[key(entry)]
        if entry.msgid_plural:
            assert {int(k): v for k, v in plural.items()} == {
                int(k): v for k, v in entry.msgstr_plural.items()
            }
        else:
            assert msgstr == entry.msgstr, f"{entry.msgid!r} compiled differs"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Hoppa till huvudinnehållet"),
        ("da", "Spring til hovedindhold"),
        ("nb", "Hopp til hovedinnhold"),
        ("en", "Skip to main content"),
    ],
)
def test_catalogues_are_loaded_at_run_time(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected
