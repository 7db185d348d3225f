"""Premises in the search: vacant premises are found by everyone and lead to
their entry on the public page; let and reserved premises are not found, a
private asking rent never, and the index follows the premises' status."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from bid.access import audience_for
from members.premises.models import Premises
from members.premises.search_documents import PremisesSource
from members.premises.services import premises_set_status, premises_update
from search import indexing
from search.backends import get_search_backend
from search.backends.base import SearchRequest
from tests.factories.accounts import BoardUserFactory
from tests.members.premises.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = build()
    # The world's premises were registered before the public page existed:
    # rebuilt as load_demo_data and `search_index --rebuild` do.
    indexing.rebuild()
    return built


def hits(query: str = "", user=None, language="sv", **filters):
    return (
        get_search_backend()
        .search(
            SearchRequest(
                query=query,
                audience=audience_for(user or AnonymousUser()),
                language=language,
                **filters,
            )
        )
        .hits
    )


def found(query: str = "", user=None, language="sv", **filters) -> dict[str, str]:
    """{title: address} of the premises this person finds, reading in `language`."""
    return {
        hit.document.title: hit.document.url
        for hit in hits(
            query, user, language, filters={"type": ["premises"], **filters}
        )
    }


def entry(world, name: str) -> str:
    return f"{world['page'].url}#premises-{world[name].pk}"


def test_anyone_finds_the_vacant_premises_and_their_entry_on_the_public_page(world):
    vacant = {
        "Kajgatan 4, butik": entry(world, "shop"),
        "Kajgatan 4, kafé": entry(world, "cafe"),
    }
    for user in (None, BoardUserFactory(), world["business_admin"]):
        assert found(user=user) == vacant
        assert found("Kajgatan", user) == vacant
    assert found("butik") == {"Kajgatan 4, butik": entry(world, "shop")}
    # The use and "at street level" in the reader's language, the area, the size.
    assert found("shop", language="en") == {"Kajgatan 4, butik": entry(world, "shop")}
    assert found("shop") == {}
    assert found("restaurang") == {"Kajgatan 4, kafé": entry(world, "cafe")}
    assert set(found("gatuplan")) == set(vacant)
    assert set(found("Kajen")) == set(vacant)
    assert found("120") == {"Kajgatan 4, butik": entry(world, "shop")}
    assert found(area=["Kajen"]) == vacant


def test_let_premises_are_not_found(world):
    assert found("kontor") == {}
    assert found("Torget") == {}
    for query in ("kontor", "Torget", "hörnet"):
        assert hits(query, BoardUserFactory()) == []


def test_a_private_asking_rent_is_never_in_the_index(world):
    # Both have an asking rent: only the public one is found.
    for query, language in (("hyresnivå", "sv"), ("rent", "en")):
        assert found(query, language=language) == {
            "Kajgatan 4, butik": entry(world, "shop")
        }
    shop = PremisesSource().documents(world["shop"])
    cafe = PremisesSource().documents(world["cafe"])
    assert [d.language for d in shop] == ["sv", "da", "nb", "en"]
    assert "1 500–2 000 kr/m² och år" in shop[0].body
    assert not any("3 000" in d.body for d in cafe)
    assert "3 000" not in " ".join(hit.snippet for hit in hits("kafé"))


def test_each_reader_reads_the_premises_in_their_language(world):
    (sv,) = hits("butik", filters={"type": ["premises"]})
    (en,) = hits("shop", language="en", filters={"type": ["premises"]})
    assert sv.snippet.startswith("<mark>Butik</mark> i gatuplan, 120 m², Kajgatan 4")
    assert en.snippet.startswith("<mark>Shop</mark> at street level, 120 m², Kajgatan")
    assert "gatuplan" not in en.snippet and "street level" not in sv.snippet


def test_marking_premises_let_or_vacant_changes_what_is_found(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        premises_set_status(
            premises=world["shop"], by=world["owner_admin"], status="let"
        )
    assert found("butik") == {}
    assert set(found()) == {"Kajgatan 4, kafé"}
    with django_capture_on_commit_callbacks(execute=True):
        premises_set_status(
            premises=world["cafe"], by=world["owner_admin"], status="reserved"
        )
    assert found() == {}
    with django_capture_on_commit_callbacks(execute=True):
        premises_set_status(
            premises=world["corner"], by=world["other_admin"], status="vacant"
        )
    assert found("Torget") == {"Torget 1, hörnet": entry(world, "corner")}


def test_a_rent_made_public_is_found_and_a_deleted_premises_is_gone(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        premises_update(
            premises=world["cafe"], by=world["owner_admin"], rent_public=True
        )
    assert set(found("hyresnivå")) == {"Kajgatan 4, butik", "Kajgatan 4, kafé"}
    with django_capture_on_commit_callbacks(execute=True):
        Premises.objects.get(pk=world["shop"].pk).delete()
    assert set(found()) == {"Kajgatan 4, kafé"}


def test_the_search_page_labels_premises_and_links_to_the_entry(world):
    html = Client().get("/en/search/", {"q": "butik"}).content.decode()
    assert "Premises" in html
    assert f'href="{entry(world, "shop")}"' in html
    assert (
        "Kajgatan 4, kontor"
        not in Client().get("/en/search/", {"q": "Kajgatan"}).content.decode()
    )
