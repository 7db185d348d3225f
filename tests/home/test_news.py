"""News pages and their Atom feed."""

import datetime
from xml.etree import ElementTree

import pytest
from django.test import Client

from tests.factories.pages import site_home
from tests.factories.plan import (
    IndicatorFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    plan_with_priorities,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_live_articles_newest_first():
    index = NewsIndexPageFactory(parent=site_home())
    NewsPageFactory(parent=index, title="Äldre", published_on=datetime.date(2026, 1, 5))
    NewsPageFactory(parent=index, title="Nyare", published_on=datetime.date(2026, 9, 1))
    draft = NewsPageFactory(
        parent=index, title="Utkast", published_on=datetime.date(2026, 10, 1)
    )
    draft.unpublish()

    response = Client().get("/nyheter/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == "sv"
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Nyare", "Äldre"]
    links = [
        entry.find(f"{ATOM}link").attrib["href"] for entry in feed.iter(f"{ATOM}entry")
    ]
    assert links[0].endswith("/nyheter/nyhet-1/") or "/nyheter/" in links[0]


def test_news_index_paginates_and_links_the_feed(client):
    index = NewsIndexPageFactory(parent=site_home())
    for day in range(1, 13):
        NewsPageFactory(parent=index, published_on=datetime.date(2026, 3, day))

    html = client.get("/nyheter/").content.decode()
    assert html.count("<h2><a href=") == 10
    assert 'type="application/atom+xml"' in html
    assert client.get("/nyheter/?page=2").content.decode().count("<h2><a href=") == 2


def test_home_page_shows_latest_news_and_top_priorities(client):
    home = site_home()
    index = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=index, title="Ny belysning")
    _plan, priorities = plan_with_priorities(home, 4)
    IndicatorFactory(priority=priorities[0], name="Trygghet kvällstid")

    html = client.get("/").content.decode()

    assert "Ny belysning" in html
    assert priorities[0].title in html and priorities[2].title in html
    assert priorities[3].title not in html
    assert "Trygghet kvällstid" in html
