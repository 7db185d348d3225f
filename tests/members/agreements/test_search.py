"""Agreements in the search: the board and the secretariat find every
agreement and open it in the register, the people of the counterparty find
theirs and open it in the portal, nobody else finds any; the index follows
the agreement's obligations and documents."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bid.access import audience_for
from members.agreements import services
from members.agreements.models import Agreement
from search.backends import get_search_backend
from search.backends.base import SearchRequest
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.contributions import member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    party, party_admin = member(legal_name="Kajfastigheter AB")
    _other, other_admin = member(legal_name="Grannen AB")
    board = BoardUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        lease = services.agreement_create(
            by=board,
            title="Hyra av sekretariatets kontor",
            counterparty=party,
            kind=Agreement.Kind.LEASE,
            value_minor=123_456_00,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2028, 12, 31),
            note="Förhandlingsläge: hyresvärden vill höja med fem procent.",
        )
        services.obligation_add(
            by=board,
            agreement=lease,
            title="Besiktning av ventilationen",
            due_on=datetime.date(2026, 6, 1),
        )
        services.document_add(
            by=board,
            agreement=lease,
            title="Underskrivet hyreskontrakt",
            file=SimpleUploadedFile("kontrakt.pdf", PDF),
        )
        outside = services.agreement_create(
            by=board,
            title="Julbelysning på torget",
            counterparty_name="Ljusfirman HB",
            kind=Agreement.Kind.SERVICE,
            starts_on=datetime.date(2026, 11, 1),
        )
    return {
        "party_admin": party_admin,
        "other_admin": other_admin,
        "board": board,
        "secretariat": SecretariatUserFactory(),
        "lease": lease,
        "outside": outside,
    }


def found(user, query: str = "", language="sv", **filters) -> dict[str, str]:
    """{title: address} of what this person finds, reading in `language`."""
    results = get_search_backend().search(
        SearchRequest(
            query=query,
            audience=audience_for(user),
            language=language,
            filters=filters,
        )
    )
    return {hit.document.title: hit.document.url for hit in results.hits}


def portal_url(agreement) -> str:
    return reverse("portal:agreement_detail", args=[agreement.pk])


def admin_url(agreement) -> str:
    return reverse("agreements_edit", args=[agreement.pk])


def test_the_counterparty_finds_its_agreement_and_opens_it_in_the_portal(world):
    lease = world["lease"]
    for query in (
        "sekretariatets",  # the title
        "Kajfastigheter",  # the counterparty
        "ventilationen",  # an obligation
        "hyreskontrakt",  # a document
        "hyresavtal",  # the kind, in the reader's language
    ):
        assert found(world["party_admin"], query) == {lease.title: portal_url(lease)}
    # Each reader finds the kind in their language, and reads it in theirs.
    for language, kind in (("en", "lease"), ("da", "lejeaftale"), ("nb", "leieavtale")):
        assert found(world["party_admin"], kind, language) == {
            lease.title: f"/{language}{portal_url(lease)}"
        }
        assert found(world["party_admin"], "hyresavtal", language) == {}
    results = get_search_backend().search(
        SearchRequest(
            query="ventilationen",
            audience=audience_for(world["party_admin"]),
            language="en",
        )
    )
    (hit,) = results.hits
    assert "Lease" in hit.snippet
    assert "Hyresavtal" not in hit.snippet
    assert found(world["party_admin"], type=["agreement"]) == {
        lease.title: portal_url(lease)
    }


def test_nobody_else_outside_the_staff_finds_an_agreement(world):
    for user in (AnonymousUser(), world["other_admin"]):
        for query in ("sekretariatets", "Kajfastigheter", "ventilationen", "torget"):
            assert found(user, query) == {}
        assert found(user, type=["agreement"]) == {}
        assert "agreement" not in dict(
            get_search_backend()
            .search(SearchRequest(query="", audience=audience_for(user)))
            .facets.get("type", [])
        )


def test_the_board_and_the_secretariat_find_every_agreement_in_the_register(world):
    lease, outside = world["lease"], world["outside"]
    everything = {lease.title: admin_url(lease), outside.title: admin_url(outside)}
    for user in (world["board"], world["secretariat"]):
        assert found(user, type=["agreement"]) == everything
        assert found(user, "Ljusfirman") == {outside.title: admin_url(outside)}
        assert found(user, "ventilationen") == {lease.title: admin_url(lease)}


def test_the_note_is_found_by_staff_only(world):
    lease = world["lease"]
    assert found(world["board"], "förhandlingsläge") == {lease.title: admin_url(lease)}
    assert found(world["party_admin"], "förhandlingsläge") == {}


def test_the_members_document_holds_no_note_and_no_value(world):
    results = get_search_backend().search(
        SearchRequest(query="", audience=audience_for(world["party_admin"]))
    )
    (hit,) = [h for h in results.hits if h.document.type == "agreement"]
    assert hit.document.visibility == "organisation"
    assert "Förhandlingsläge" not in hit.document.body
    assert "123" not in hit.document.body


def test_a_new_obligation_a_changed_party_and_a_deletion_reach_the_index(
    world, django_capture_on_commit_callbacks
):
    lease, outside = world["lease"], world["outside"]
    with django_capture_on_commit_callbacks(execute=True):
        services.obligation_add(
            by=world["board"],
            agreement=lease,
            title="Årlig energideklaration",
            due_on=datetime.date(2027, 1, 1),
        )
    assert found(world["party_admin"], "energideklaration") == {
        lease.title: portal_url(lease)
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_update(
            by=world["board"],
            agreement=lease,
            counterparty=outside.counterparty,
            counterparty_name="Nya Ägaren AB",
        )
    assert found(world["party_admin"], type=["agreement"]) == {}
    assert found(world["board"], "Ägaren") == {lease.title: admin_url(lease)}
    with django_capture_on_commit_callbacks(execute=True):
        Agreement.objects.get(pk=lease.pk).delete()
    assert found(world["board"], type=["agreement"]) == {
        outside.title: admin_url(outside)
    }


def test_the_search_page_labels_agreements_and_links_each_reader_to_their_page(
    world,
):
    lease = world["lease"]
    for user, url in (
        (world["party_admin"], f"/en{portal_url(lease)}"),
        (world["board"], admin_url(lease)),
    ):
        client = Client()
        client.force_login(user)
        html = client.get("/en/search/", {"q": "ventilationen"}).content.decode()
        assert "Agreements" in html
        assert f'href="{url}"' in html
