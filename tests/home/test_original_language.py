"""Text that exists only in Swedish on a page in another language carries
lang="sv" and says so."""

import re

import pytest
from django.test import Client

from tests.factories.meetings import BodyFactory, meeting_index, published_meeting
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db
NOTICE = "This text is only available in Swedish."


@pytest.fixture
def meeting():
    index = meeting_index(site_home())
    record = published_meeting(
        body=BodyFactory(name="Styrelsen", slug="styrelsen"),
        title="Årsmöte",
        decisions=("Styrelsen beviljas ansvarsfrihet",),
    )
    return index, record


def test_a_swedish_record_on_an_english_page_is_marked_swedish(meeting):
    index, record = meeting
    url = "/en" + index.meeting_url(record)
    html = Client().get(url).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 lang="sv">Årsmöte</h1>' in html
    assert re.search(r'<p class="decision__text" lang="sv">Styrelsen beviljas', html)
    assert re.search(r'<div class="rich-text minutes" lang="sv">', html)
    assert NOTICE in html


def test_an_untranslated_page_is_marked_with_its_own_language(meeting):
    index, _record = meeting
    html = Client().get("/en" + index.url).content.decode()
    # The page's content is Swedish; the notice, breadcrumbs and messages
    # around it are in the reader's language.
    assert re.search(r'<main id="main-content"[^>]*>', html)
    assert not re.search(r'<main id="main-content"[^>]* lang=', html)
    assert '<div class="page-body" lang="sv">' in html
    assert html.index(NOTICE) < html.index('<div class="page-body" lang="sv">')
    assert NOTICE in html


def test_a_swedish_reader_gets_no_notice(meeting):
    index, record = meeting
    html = Client().get(index.meeting_url(record)).content.decode()
    assert "<h1>Årsmöte</h1>" in html
    assert '<p class="decision__text">Styrelsen beviljas' in html
    assert not re.search(r'<main id="main-content"[^>]* lang=', html)
    assert '<div class="page-body">' in html
    assert NOTICE not in html
